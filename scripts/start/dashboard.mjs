// Starts the dashboard in production mode: `next start` on HOST:PORT. It has no database. The test
// stack (scripts/lib/stack.ts) and the compose service (docker-compose.yml, apps/dashboard/Dockerfile)
// run this same file.
import path from "node:path";
import { bin, root, run, serve, setting } from "./lib.mjs";

run("dashboard", async () => {
  serve([bin.next, "start", "-H", setting("HOST", "127.0.0.1"), "-p", setting("PORT", "3000")], path.join(root, "apps/dashboard"));
});
