// Seeds both databases for the demo and the tests: `tsx prisma/seed.ts`.
// Environment: AUTH_DATABASE_URL, MAIL_DATABASE_URL, DASHBOARD_URL, DASHBOARD_CLIENT_SECRET, MAIL_API_CLIENT_SECRET,
// TEACHING_MODE ("1": also GUIDED_CLIENT_SECRET, for the guided flow's own client), ATTACK_LAB ("1" with
// TEACHING_MODE=1: also NAIVE_CLIENT_SECRETS, a JSON object {client_id: secret} for the naive twins).
// Clients come from the lab registry. What the mode does not allow is removed.
import {
  ATTACK_LAB_VARIABLE,
  CLIENTS,
  DEMO_USERS,
  isAttackLabEffective,
  type LabClient,
  NAIVE_CLIENT_SECRETS_VARIABLE,
  NAIVE_CLIENTS,
  type NaiveClient,
  parseNaiveClientSecrets,
  parseTeachingMode,
} from "@oauth-flow-lab/lab";
import { createAuthDb } from "../packages/db/src/auth.ts";
import { createMailDb } from "../packages/db/src/mail.ts";
import { type SeedClient, seedAuth } from "./auth/seed.ts";
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
  const attackLab = isAttackLabEffective(teaching, parseTeachingMode(process.env[ATTACK_LAB_VARIABLE]));
  const secrets: Partial<Record<string, string>> = {
    [CLIENTS.dashboard.client_id]: required("DASHBOARD_CLIENT_SECRET"),
    [CLIENTS.mailApi.client_id]: required("MAIL_API_CLIENT_SECRET"),
    ...(teaching ? { [CLIENTS.guided.client_id]: required("GUIDED_CLIENT_SECRET") } : {}),
    ...(attackLab ? parseNaiveClientSecrets(process.env[NAIVE_CLIENT_SECRETS_VARIABLE]) : {}),
  };
  const registration = (
    client: LabClient,
    policy: Pick<NaiveClient, "redirect_uri_matching" | "pkce"> = { redirect_uri_matching: "exact", pkce: "required" },
  ): SeedClient => {
    const client_secret = secrets[client.client_id];
    if (client.type === "confidential" && client_secret === undefined) throw new Error(`no secret for ${client.client_id}`);
    return {
      client_id: client.client_id,
      name: client.name,
      ...(client.type === "confidential" ? { client_secret } : {}),
      redirect_uris: client.redirect_uris(dashboardUrl),
      post_logout_redirect_uris: client.post_logout_redirect_uris?.(dashboardUrl) ?? [],
      scopes: [...client.scopes],
      grant_types: [...client.grant_types],
      introspection_allowed: client.introspection_allowed,
      redirect_uri_matching: policy.redirect_uri_matching,
      pkce_required: policy.pkce === "required",
    };
  };
  // Teaching-only clients are registered only in teaching mode, the naive twins only with the attack
  // lab on too; each is removed when its mode is off (the AS refuses to start with them otherwise).
  const clients = Object.values(CLIENTS) as LabClient[];
  const naive = Object.values(NAIVE_CLIENTS) as NaiveClient[];
  await seedAuth(
    auth,
    DEMO_USERS,
    [
      ...clients.filter((c) => teaching || !c.teaching_only).map((c) => registration(c)),
      ...(attackLab ? naive.map((c) => registration(c, c)) : []),
    ],
    [...clients.filter((c) => !teaching && c.teaching_only).map((c) => c.client_id), ...(attackLab ? [] : naive.map((c) => c.client_id))],
  );
  // Students start with a seeded mailbox; the teacher's gets its welcome messages on first use.
  await seedMail(
    mail,
    DEMO_USERS.filter((u) => u.role === "student"),
  );
} finally {
  await auth.$disconnect();
  await mail.$disconnect();
}
