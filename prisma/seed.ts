// Seeds both databases for the demo and the tests: `tsx prisma/seed.ts`.
// Environment: AUTH_DATABASE_URL, MAIL_DATABASE_URL, DASHBOARD_URL, DASHBOARD_CLIENT_SECRET, MAIL_API_CLIENT_SECRET.
import { ALL_SCOPES } from "@oauth-flow-lab/oauth";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { createMailDb } from "../packages/db/src/mail.ts";
import {
  DASHBOARD_CLIENT_ID,
  DEMO_USERS,
  MAIL_API_CLIENT_ID,
  PUBLIC_CLIENT_ID,
  dashboardRedirectUri,
  guidedRedirectUri,
  publicClientRedirectUri,
} from "../scripts/lib/config.ts";
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
      redirect_uris: [dashboardRedirectUri(required("DASHBOARD_URL")), guidedRedirectUri(required("DASHBOARD_URL"))],
      scopes: ALL_SCOPES,
      grant_types: ["authorization_code", "refresh_token"],
      introspection_allowed: false,
    },
    {
      // A browser-based app: a public client (no secret it could keep), protected by PKCE alone.
      client_id: PUBLIC_CLIENT_ID,
      name: "MailDash Lite (browser app)",
      redirect_uris: [publicClientRedirectUri(required("DASHBOARD_URL"))],
      scopes: ["openid", "profile", "email", "mail.read"],
      grant_types: ["authorization_code", "refresh_token"],
      introspection_allowed: false,
    },
    {
      // The mail API authenticates as a client only to ask whether tokens are still active.
      client_id: MAIL_API_CLIENT_ID,
      name: "LabMail mail API",
      client_secret: required("MAIL_API_CLIENT_SECRET"),
      redirect_uris: [],
      scopes: [],
      grant_types: [],
      introspection_allowed: true,
    },
  ]);
  await seedMail(mail, DEMO_USERS);
} finally {
  await auth.$disconnect();
  await mail.$disconnect();
}
