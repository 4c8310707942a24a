import Link from "next/link";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { SignInButton } from "@/components/sign-in-button";
import { env } from "@/env";
import { DASHBOARD_SCOPE_DESCRIPTIONS } from "@/lib/oauth/scopes";
import { getSession } from "@/lib/session";
import { signInErrorMessage } from "@/lib/sign-in-errors";

const searchParamsSchema = z.object({
  error: z.string().max(200).optional().catch(undefined),
});

/** The authorization code flow, one sentence per step (RFC 6749 §4.1, with PKCE and OpenID Connect). */
const STEPS = [
  "MailDash sends your browser to LabMail, saying who it is, what it wants to do, and a one-time secret challenge (PKCE).",
  "You sign in at LabMail itself — MailDash never sees your password.",
  "LabMail asks whether MailDash may read your mail; you allow or deny.",
  "LabMail sends your browser back to MailDash with a short-lived authorization code.",
  "MailDash's server swaps that code, its client secret and the PKCE verifier for tokens, directly with LabMail.",
  "MailDash's server shows your inbox by calling the mail API with the access token, which never reaches your browser.",
];

export default async function LandingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error } = searchParamsSchema.parse(await searchParams);
  const session = await getSession();
  const message = error ? signInErrorMessage(error) : undefined;
  // The guided flow exists only in teaching mode; otherwise nothing points to it.
  const teaching = env().TEACHING_MODE;
  // The attack lab only inside teaching mode (env.ts folds that in); otherwise nothing points to it.
  const attackLab = env().ATTACK_LAB;

  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-10 px-8 py-12">
      <header>
        <p className="text-lg font-semibold tracking-wide text-blue-700 uppercase">MailDash</p>
        <h1 className="mt-2 text-5xl font-bold tracking-tight">MailDash — your LabMail inbox, via OAuth</h1>
        <p className="mt-4 max-w-3xl text-xl text-slate-700">
          MailDash is a separate app. To show your mail it needs LabMail&apos;s permission — not your password.
        </p>
      </header>

      {message ? (
        <Alert tone={error === "SessionExpired" ? "warning" : "error"} title={message.title}>
          <p>{message.detail}</p>
        </Alert>
      ) : null}

      <section aria-labelledby="start" className="flex flex-col items-start gap-4 rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h2 id="start" className="text-2xl font-semibold">
          {session ? `Signed in as ${session.user.name ?? session.user.email ?? "you"}` : "Get started"}
        </h2>
        {session ? (
          <Link
            href="/inbox"
            className="inline-flex items-center rounded-xl bg-blue-700 px-8 py-4 text-xl font-semibold text-white shadow-md transition hover:bg-blue-800"
          >
            Go to inbox
          </Link>
        ) : (
          <>
            <SignInButton />
            <p className="text-base text-slate-600">LabMail will ask you to allow:</p>
            <ul className="flex flex-wrap gap-2" aria-label="Requested permissions">
              {DASHBOARD_SCOPE_DESCRIPTIONS.map(({ scope, title }) => (
                <li key={scope} className="rounded-full bg-slate-100 px-3 py-1 text-base text-slate-800">
                  {title} <code className="font-mono text-sm text-slate-700">{scope}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="how" className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h2 id="how" className="text-2xl font-semibold">
          What happens when you click
        </h2>
        <ol className="mt-4 flex flex-col gap-3">
          {STEPS.map((step, i) => (
            <li key={step} className="flex gap-4 text-lg">
              <span aria-hidden="true" className="grid size-9 shrink-0 place-items-center rounded-full bg-blue-100 font-bold text-blue-800">
                {i + 1}
              </span>
              <span className="pt-1">{step}</span>
            </li>
          ))}
        </ol>
        {teaching ? (
          <p className="mt-6 text-lg">
            <Link href="/guided" className="font-semibold text-blue-800 underline underline-offset-4">
              Guided flow (step by step)
            </Link>{" "}
            — the same flow on the real servers, paused at every step, with the HTTP that crossed the wire.
          </p>
        ) : null}
        {attackLab ? (
          <p className="mt-3 text-lg">
            <Link href="/attacks" className="font-semibold text-blue-800 underline underline-offset-4">
              Attack lab
            </Link>{" "}
            — classic attacks on the flow, run live: the check that refused each one, and what a naive twin lets through.
          </p>
        ) : null}
        <p className={teaching ? "mt-3 text-lg" : "mt-6 text-lg"}>
          <Link href="/spa" className="font-semibold text-blue-800 underline underline-offset-4">
            MailDash Lite (a public client)
          </Link>{" "}
          — the same flow from a browser app with no secret, where PKCE alone protects the code.
        </p>
      </section>
    </main>
  );
}
