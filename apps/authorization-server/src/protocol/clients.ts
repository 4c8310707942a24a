// Client lookup and authentication for the routes and pages that still read the global database
// handle (the login and consent views, the trace route). The implementation is client-authentication.ts.
import "server-only";
import { db } from "@/lib/db";
import {
  authenticateClient as authenticate,
  type ClientCredentials,
  findClient as find,
  type RegisteredClient,
} from "./client-authentication";

export type { ClientCredentials, RegisteredClient } from "./client-authentication";
export { BasicAuthenticationFailed, isPublicClient, readClientCredentials } from "./client-authentication";

export function findClient(clientId: string): Promise<RegisteredClient | null> {
  return find(db(), clientId);
}

/** authenticateClient of client-authentication.ts, on the AS's database. */
export function authenticateClient(credentials: ClientCredentials): Promise<RegisteredClient> {
  return authenticate(db(), credentials, new Date());
}
