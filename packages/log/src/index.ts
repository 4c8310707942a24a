// One logger for the three apps: JSON lines (pino), one per event, with the service's name and, for
// anything about a request, the request id that travelled with it (X-Request-Id, set once by whoever
// started the chain: the browser's request at the dashboard, or any client that sent a valid one).
// What is never logged: tokens, codes, secrets, passwords, cookies, query strings, request bodies. Callers
// log the method and the path only; `redact` is a second line of defence for the usual field names.
import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/** The header that carries a request's id across the apps. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * An incoming id is kept only when it looks like an id: 8–128 characters of a small alphabet, so a
 * client cannot inject line breaks, markup or a huge value into the logs. Anything else gets a fresh one.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === "string" && REQUEST_ID.test(value);
}

/** The incoming request id when valid (a header's value, or its first value), otherwise a new UUID. */
export function requestIdFrom(value: string | readonly string[] | null | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return isRequestId(first) ? first : randomUUID();
}

export type LoggerOptions = {
  /** pino level; LOG_LEVEL from the environment by default, else "info". */
  level?: string;
  /** Where the lines go (tests); stdout by default, written asynchronously in the background. */
  destination?: DestinationStream;
  /**
   * How often stdout's buffer is written out even when it holds less than 4 KiB (default 1000 ms), so a
   * quiet server's lines still reach the log within a second. The timer does not keep the process alive.
   */
  flushIntervalMs?: number;
};

/** Field names whose values never reach a log line, whatever a caller passes by mistake. */
const REDACTED = [
  "authorization",
  "cookie",
  "password",
  "client_secret",
  "code",
  "code_verifier",
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.client_secret",
  "*.code",
  "*.code_verifier",
  "*.access_token",
  "*.refresh_token",
  "*.id_token",
  "*.token",
];

/**
 * The app's logger. Stdout is written asynchronously (a per-request synchronous write cost the mail API
 * about 15% of its CPU), so call `flush()` before exiting; `closeLogger` does that.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  let destination = options.destination;
  if (!destination) {
    const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    // pino writes out what is left when the process exits (its exit hook); this covers the time before.
    setInterval(() => stdout.flush(), options.flushIntervalMs ?? 1000).unref();
    destination = stdout;
  }
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: "[redacted]" },
    },
    destination,
  );
}

/** Writes out what is buffered; call before `process.exit`. */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}
