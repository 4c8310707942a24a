// Starts the authorization server in production mode: migrations, the optional seed (SEED=1), then
// `next start` on HOST:PORT. The test stack (scripts/lib/stack.ts) and the compose service
// (docker-compose.yml, apps/authorization-server/Dockerfile) run this same file.
// Environment: the AS's own (apps/authorization-server/src/env.ts: ISSUER, AUTH_DATABASE_URL, …), HOST
// (default 127.0.0.1), PORT (default 4000); with SEED=1 also what prisma/seed.ts reads.
import path from "node:path";
import { bin, migrate, root, run, seedIfAsked, serve, setting } from "./lib.mjs";

run("authorization-server", async () => {
  await migrate("auth");
  await seedIfAsked();
  serve(
    [bin.next, "start", "-H", setting("HOST", "127.0.0.1"), "-p", setting("PORT", "4000")],
    path.join(root, "apps/authorization-server"),
  );
});
