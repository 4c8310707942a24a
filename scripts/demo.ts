// `npm run demo`: build, prepare the embedded database, start the three apps, print where to go.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { DEMO_USERS, stackConfig } from "./lib/config.ts";
import { root, startStack } from "./lib/stack.ts";

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (s: string) => console.log(`${bold("›")} ${s}`);

async function main(): Promise<void> {
  const config = stackConfig();
  const dataDir = path.join(root, ".data");

  if (process.env.DEMO_SKIP_BUILD !== "1") {
    step("Building the apps (turbo run build; cached after the first time)");
    const build = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/turbo/bin/turbo"), "run", "build", "--output-logs=errors-only"],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" },
      },
    );
    if (build.status !== 0) throw new Error("the build failed (see above)");
  }

  const stack = await startStack({ config, dataDir, logs: "files", progress: step });
  const shutdown = async (why: string) => {
    console.log(`\n${why}: stopping the apps and the database…`);
    await stack.stop();
    console.log(process.env.AUTH_DATABASE_URL ? "Stopped." : "Stopped. Your data is kept in .data/ (delete that folder to start over).");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("Ctrl-C"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  console.log(`
${bold("oauth-flow-lab is running.")}

  Open the dashboard:        ${bold(config.dashboardUrl)}
  Guided flow, step by step: ${config.dashboardUrl}/guided   (teachers: add ?presenter=1)
  Attack lab:                ${config.dashboardUrl}/attacks

  Authorization server:      ${config.issuer}   (metadata: ${config.issuer}/.well-known/openid-configuration)
  Mail API:                  ${config.mailApiUrl}
  Logs:                      .data/logs/${
    process.env.AUTH_DATABASE_URL
      ? ""
      : `
  Databases (psql works while the demo runs):
    psql -h ${config.db.host} -p ${config.db.authPort} -U postgres     (the authorization server's)
    psql -h ${config.db.host} -p ${config.db.mailPort} -U postgres     (the mail API's)`
  }

  Demo logins (at the authorization server):
${DEMO_USERS.map((u) => `    ${u.username.padEnd(8)} password: ${u.password.padEnd(18)} (${u.role})`).join("\n")}

Press Ctrl-C to stop.`);

  const reason = await stack.exited;
  console.error(`\n${reason}; see .data/logs/. Stopping everything.`);
  await stack.stop();
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`\n${(error as Error).message}`);
  process.exit(1);
});
