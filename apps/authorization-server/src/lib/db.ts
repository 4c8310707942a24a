import "server-only";
import { authDb } from "@oauth-flow-lab/db/auth";
import { env } from "@/env";

/** The one database client of the authorization server. */
export function db() {
  return authDb(env().AUTH_DATABASE_URL);
}
