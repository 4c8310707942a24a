// Scenario 9: bend redirect_uri at /authorize (RFC 9700 §4.1, §4.11.2; check check-redirect-uri).
// Against the real guided client, exact matching shows LabMail's error page; against the twin whose
// redirect URIs LabMail matches by prefix, the code goes to the longer path.
import "server-only";
import { naiveRedirectUri } from "../naive/naive-client";
import { signInAtTwin, type TwinSignIn } from "../naive/twin-steps";
import { attempt, type RunResult } from "../runner";
import { type AttackSession, signInVictim } from "../session";
import type { ScenarioInfo } from "../types";

export async function runAuthorizeRedirectUri(session: AttackSession, info: ScenarioInfo): Promise<RunResult> {
  const { ctx } = session;
  const registered = naiveRedirectUri("prefixRedirect", ctx.dashboard_url);
  const bends = [
    { id: "other-host", label: "Another host", real: "https://attacker.example/callback", naive: undefined },
    { id: "extra-path", label: "An extra path", real: `${ctx.redirect_uri}/attacker`, naive: `${registered}/attacker` },
    {
      id: "dot-dot",
      label: "A ../ out of the registered path",
      real: `${ctx.redirect_uri}/../../attacker`,
      naive: `${registered}/../../attacker`,
    },
  ] as const;
  const attempts = [];
  for (const bend of bends) {
    const real = await signInVictim(session, { redirect_uri: bend.real });
    let naive: TwinSignIn | undefined;
    if (bend.naive !== undefined)
      naive = await signInAtTwin(session, session.browser, ctx.victim, "prefixRedirect", { redirect_uri: bend.naive });
    attempts.push(
      attempt(
        info,
        {
          id: bend.id,
          label: bend.label,
          what: `redirect_uri=${bend.real} at /authorize (registered: ${ctx.redirect_uri})${bend.naive ? `; at the twin, ${bend.naive} (registered: ${registered})` : ""}.`,
        },
        real.record,
        naive?.record,
      ),
    );
  }
  return { setup: [], attempts };
}
