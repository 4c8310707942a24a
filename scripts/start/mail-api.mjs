// Starts the mail API in production mode: migrations, then the server (HOST and PORT are read by
// apps/mail-api/src/env.ts). The test stack (scripts/lib/stack.ts) and the compose service
// (docker-compose.yml, apps/mail-api/Dockerfile) run this same file.
import path from "node:path";
import { bin, migrate, root, run, serve } from "./lib.mjs";

run("mail-api", async () => {
  await migrate("mail");
  serve([bin.tsx, "src/server.ts"], path.join(root, "apps/mail-api"));
});
