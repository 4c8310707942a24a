// `npm run keys:rotate`: adds a new signing key to the authorization server and retires the current
// one. The running AS signs with the new key within 5 s; the old key stays in the JWKS until the
// tokens it signed have expired, and the mail API fetches the new key when it first sees its `kid`.
// Uses AUTH_DATABASE_URL, or the demo's embedded database (the demo must be running).

import { rotateSigningKey } from "../apps/authorization-server/src/protocol/signing-keys.ts";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { defaultDatabaseUrls } from "../packages/db/src/migration-adapter.ts";

const db = createAuthDb(process.env.AUTH_DATABASE_URL ?? defaultDatabaseUrls.auth);
try {
  const { kid, retired } = await rotateSigningKey(db);
  console.log(`New signing key: ${kid}`);
  if (retired.length > 0) console.log(`Retired (still published until their tokens expire): ${retired.join(", ")}`);
} finally {
  await db.$disconnect();
}
