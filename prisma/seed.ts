// Seeds both databases for the demo and the tests: `tsx prisma/seed.ts`.
// Environment: AUTH_DATABASE_URL, MAIL_DATABASE_URL, DASHBOARD_URL, DASHBOARD_CLIENT_SECRET, MAIL_API_CLIENT_SECRET,
// TEACHING_MODE ("1": also GUIDED_CLIENT_SECRET, for the guided flow's own client). Clients come from the lab registry.
import { CLIENTS, DEMO_USERS, parseTeachingMode, type LabClient } from "@oauth-flow-lab/lab";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { createMailDb } from "../packages/db/src/mail.ts";
import { seedAuth, type SeedClient } from "./auth/seed.ts";
import { seedMail } from "./mail/seed.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const auth = createAuthDb(required("AUTH_DATABASE_URL"));
const mail = createMailDb(required("MAIL_DATABASE_URL"));
try {
  const dashboardUrl = required("DASHBOARD_URL");
  const teaching = parseTeachingMode(process.env.TEACHING_MODE);
  const secrets: Partial<Record<string, string>> = {
    [CLIENTS.dashboard.client_id]: required("DASHBOARD_CLIENT_SECRET"),
    [CLIENTS.mailApi.client_id]: required("MAIL_API_CLIENT_SECRET"),
    ...(teaching ? { [CLIENTS.guided.client_id]: required("GUIDED_CLIENT_SECRET") } : {}),
  };
  const registration = (client: LabClient): SeedClient => {
    const client_secret = secrets[client.client_id];
    if (client.type === "confidential" && client_secret === undefined) throw new Error(`no secret for ${client.client_id}`);
    return {
      client_id: client.client_id,
      name: client.name,
      ...(client.type === "confidential" ? { client_secret } : {}),
      redirect_uris: client.redirect_uris(dashboardUrl),
      scopes: [...client.scopes],
      grant_types: [...client.grant_types],
      introspection_allowed: client.introspection_allowed,
    };
  };
  // Teaching-only clients are registered only in teaching mode (and removed when it is off).
  const clients = Object.values(CLIENTS) as LabClient[];
  await seedAuth(
    auth,
    DEMO_USERS,
    clients.filter((c) => teaching || !c.teaching_only).map(registration),
    clients.filter((c) => !teaching && c.teaching_only).map((c) => c.client_id),
  );
  await seedMail(mail, DEMO_USERS);
} finally {
  await auth.$disconnect();
  await mail.$disconnect();
}
