// The stack the tests run against (Playwright's webServer): in-memory databases, ports moved by 100
// so that a running demo is left alone, fresh secrets from the environment, output on this terminal.
import { stackConfig, testPortOffset } from "./lib/config.ts";
import { startStack } from "./lib/stack.ts";

const stack = await startStack({
  config: stackConfig(testPortOffset()),
  dataDir: undefined,
  logs: "inherit",
  progress: (message) => console.log(`[stack] ${message}`),
}).catch((error: unknown) => {
  console.error(`[stack] ${(error as Error).message}`);
  process.exit(1);
});
console.log("[stack] ready");
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
const reason = await stack.exited;
console.error(`[stack] ${reason}`);
await stack.stop();
process.exit(1);
