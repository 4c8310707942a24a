// Seeds both databases for the demo and the tests: `tsx prisma/seed.ts`.
// Environment: AUTH_DATABASE_URL, MAIL_DATABASE_URL, DASHBOARD_URL, DASHBOARD_CLIENT_SECRET.
import { ALL_SCOPES } from "@oauth-flow-lab/oauth";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { createMailDb } from "../packages/db/src/mail.ts";
import { DASHBOARD_CLIENT_ID, DEMO_USERS, dashboardRedirectUri } from "../scripts/lib/config.ts";
import { seedAuth } from "./auth/seed.ts";
import { seedMail } from "./mail/seed.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const auth = createAuthDb(required("AUTH_DATABASE_URL"));
const mail = createMailDb(required("MAIL_DATABASE_URL"));
try {
  await seedAuth(auth, DEMO_USERS, [
    {
      client_id: DASHBOARD_CLIENT_ID,
      name: "MailDash",
      client_secret: required("DASHBOARD_CLIENT_SECRET"),
      redirect_uris: [dashboardRedirectUri(required("DASHBOARD_URL"))],
      scopes: ALL_SCOPES,
    },
  ]);
  await seedMail(mail, DEMO_USERS);
} finally {
  await auth.$disconnect();
  await mail.$disconnect();
}
