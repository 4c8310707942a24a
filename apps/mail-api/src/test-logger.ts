// Test helper: a logger whose lines are kept in memory (the app's own logger, @oauth-flow-lab/log,
// with a destination the test reads), and a silent one for tests that do not look at the log.
import { Writable } from "node:stream";
import { createLogger, type Logger } from "@oauth-flow-lab/log";

export type CapturedLogger = {
  logger: Logger;
  /** Every line written so far, as written. */
  raw: () => string[];
  /** Every line written so far, parsed (each must be JSON). */
  lines: () => Record<string, unknown>[];
};

export function captureLogger(): CapturedLogger {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger("mail-api", { destination, level: "info" });
  return { logger, raw: () => [...raw], lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export const silentLogger: Logger = createLogger("mail-api", { level: "silent" });
