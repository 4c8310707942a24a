// Integration tests (real HTTP, no browser) and end-to-end tests (Debian's Chromium) against the real
// apps, which the webServer entry starts: embedded PostgreSQL, migrations, seed, AS, mail API, dashboard.
import { randomBytes } from "node:crypto";
import { NAIVE_CLIENT_IDS } from "@oauth-flow-lab/lab";
import { defineConfig, devices } from "@playwright/test";
import { stackConfig, testPortOffset } from "./scripts/lib/config.ts";

// Fresh secrets for each run, shared by the stack and the tests through the environment
// (workers inherit the runner's environment, so `??=` keeps one value per run).
process.env.DASHBOARD_CLIENT_SECRET ??= randomBytes(32).toString("base64url");
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.MAIL_API_CLIENT_SECRET ??= randomBytes(32).toString("base64url");
process.env.GUIDED_CLIENT_SECRET ??= randomBytes(32).toString("base64url");
process.env.NAIVE_CLIENT_SECRETS ??= JSON.stringify(
  Object.fromEntries(NAIVE_CLIENT_IDS.map((id) => [id, randomBytes(32).toString("base64url")])),
);

const stack = stackConfig(testPortOffset());

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "integration", testDir: "./e2e/integration" },
    {
      name: "e2e",
      testDir: "./e2e/browser",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 720 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/test-stack.ts",
    url: `${stack.dashboardUrl}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
