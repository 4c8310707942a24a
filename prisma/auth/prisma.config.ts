// Prisma CLI configuration for the auth database.
// Migrations run through Prisma's JavaScript schema engine over a driver adapter (engine: "js"),
// so no native engine is downloaded: see ../../packages/db/src/migration-adapter.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter, defaultDatabaseUrls } from "../../packages/db/src/migration-adapter";

// The CLI must always see a URL, or it falls back to wanting a native engine.
process.env.AUTH_DATABASE_URL ??= defaultDatabaseUrls.auth;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  adapter: async () => createMigrationAdapter(process.env.AUTH_DATABASE_URL ?? defaultDatabaseUrls.auth),
});
