import { describeDuration, LIFETIMES, LOGIN_THROTTLE } from "@oauth-flow-lab/lab";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { needsPasswordChange, PASSWORD_CHANGE_MESSAGES } from "@/accounts/first-login-password";
import { isSignupProblem, PASSWORD_MIN_LENGTH, SIGNUP_MESSAGES } from "@/accounts/signup-rules";
import { db } from "@/lib/db";
import { loadOrUnavailable } from "@/lib/http";
import { INTERACTION_COOKIE } from "@/protocol/interactions";
import { interactionView } from "@/protocol/views";
import { Card } from "../../card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · LabMail Accounts", referrer: "no-referrer" };

const ERRORS: Record<string, string> = {
  credentials: "Wrong username or password. Please try again.",
  // The delay grows with each attempt (login-throttle.ts), from LOGIN_THROTTLE.firstDelaySeconds to LIFETIMES.login_lock.
  throttled: `Too many failed sign-in attempts. Wait ${describeDuration(LOGIN_THROTTLE.firstDelaySeconds)} (longer after each further attempt, at most ${describeDuration(LIFETIMES.login_lock.seconds)}), then try again.`,
  csrf: "This form expired. Please try again.",
  server: "Something went wrong on our side. Please try again.",
};

/** The login page, then the consent page, of one authorization request. Plain HTML forms: no JavaScript needed. */
export default async function InteractionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { error, password_error } = await searchParams;
  const here = `/interaction/${encodeURIComponent(id)}`;
  const interactionCookie = (await cookies()).get(INTERACTION_COOKIE)?.value;
  const view = await loadOrUnavailable(() => interactionView(id, interactionCookie), here);
  const message = typeof error === "string" ? ERRORS[error] : undefined;

  if (!view) {
    return (
      <Card accent="border-amber-500">
        <h1 className="mb-4 text-3xl font-bold">This sign-in request has expired</h1>
        <p className="text-lg text-slate-700">
          It was already completed, it took too long, or it was started in another browser. Go back to the application and start again.
        </p>
      </Card>
    );
  }
  const { interaction, clientName, user, scopes, alreadyAllowed } = view;
  const action = `/interaction/${interaction.id}`;

  if (user && (await loadOrUnavailable(() => needsPasswordChange(db(), user.id), here))) {
    return <ChooseYourPassword action={`${action}/password`} csrfToken={interaction.csrfToken} name={user.name} error={password_error} />;
  }

  if (!user) {
    return (
      <Card>
        <h1 className="mb-2 text-3xl font-bold">Sign in</h1>
        <p className="mb-6 text-lg text-slate-600">
          to continue to <strong className="text-slate-900">{clientName}</strong>
        </p>
        {message && (
          <p role="alert" className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-lg font-medium text-red-800">
            {message}
          </p>
        )}
        <form method="post" action={`${action}/login`} className="space-y-5">
          <input type="hidden" name="csrf_token" value={interaction.csrfToken} />
          <div>
            <label htmlFor="username" className="mb-1 block text-lg font-semibold">
              Username
            </label>
            <input
              id="username"
              name="username"
              autoComplete="username"
              required
              autoFocus
              className="w-full rounded-lg border border-slate-300 px-4 py-3 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100"
            />
          </div>
          <div>
            <label htmlFor="password" className="mb-1 block text-lg font-semibold">
              Password
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="w-full rounded-lg border border-slate-300 px-4 py-3 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100"
            />
          </div>
          <button
            type="submit"
            className="w-full rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
          >
            Sign in
          </button>
        </form>
        <p className="mt-6 text-lg">
          New to LabMail?{" "}
          <a className="font-semibold text-blue-700 underline" href={`/signup?interaction=${interaction.id}`}>
            Create an account
          </a>
        </p>
        <p className="mt-6 text-sm text-slate-500">
          You are on the authorization server ({"LabMail"}). {clientName} never sees your password.
        </p>
      </Card>
    );
  }

  return (
    <Card>
      <h1 className="mb-2 text-3xl font-bold">
        <span className="text-blue-700">{clientName}</span> wants to access your LabMail account
      </h1>
      <p className="mb-6 text-lg text-slate-600">
        Signed in as <strong className="text-slate-900">{user.name}</strong> ({user.email})
      </p>
      {/* Developer console (issue 10): who registered the client, so a student's app never passes for a lab app. */}
      {view.registeredBy ? (
        <p role="note" className="mb-6 rounded-lg border border-amber-400 bg-amber-50 px-4 py-3 text-lg text-amber-900">
          Registered by <strong>{view.registeredBy.name}</strong>
          {` (${view.registeredBy.username}), a LabMail user: not a LabMail app. Allow it only if you trust that person.`}
        </p>
      ) : (
        <p className="mb-6 text-slate-600">{`${clientName} is one of LabMail's own apps.`}</p>
      )}
      {message && (
        <p role="alert" className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-lg font-medium text-red-800">
          {message}
        </p>
      )}
      <h2 className="mb-3 text-xl font-semibold">
        {alreadyAllowed.length > 0 ? `${clientName} now also asks to:` : `This will allow ${clientName} to:`}
      </h2>
      <ul className="mb-8 divide-y divide-slate-200 rounded-xl border border-slate-200">
        {scopes.map((s) => (
          <li key={s.scope} className="flex items-start gap-4 px-5 py-4">
            <span aria-hidden="true" className="mt-1 text-xl text-blue-600">
              ✓
            </span>
            <div>
              <p className="text-lg font-semibold">{s.title}</p>
              <p className="text-slate-600">
                {s.description} <code className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-sm text-slate-700">{s.scope}</code>
              </p>
            </div>
          </li>
        ))}
      </ul>
      {alreadyAllowed.length > 0 && (
        <section aria-labelledby="already-allowed" className="mb-8">
          <h2 id="already-allowed" className="mb-2 text-lg font-semibold text-slate-700">
            You already allowed {clientName} to:
          </h2>
          <ul className="list-disc space-y-1 pl-6 text-slate-700">
            {alreadyAllowed.map((s) => (
              <li key={s.scope}>
                {s.title} <code className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-sm text-slate-700">{s.scope}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="post" action={`${action}/consent`} className="flex gap-4">
        <input type="hidden" name="csrf_token" value={interaction.csrfToken} />
        <button
          type="submit"
          name="decision"
          value="deny"
          className="flex-1 rounded-lg border-2 border-slate-300 px-6 py-3 text-lg font-semibold text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-4 focus:ring-slate-200"
        >
          Deny
        </button>
        <button
          type="submit"
          name="decision"
          value="allow"
          className="flex-1 rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
        >
          Allow
        </button>
      </form>
      <p className="mt-6 text-sm text-slate-500">You can change your mind later: revoking access ends the app's tokens.</p>
    </Card>
  );
}

const fieldClass =
  "w-full rounded-lg border border-slate-300 px-4 py-3 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100";

function passwordChangeMessage(code: string | string[] | undefined): string | undefined {
  if (typeof code !== "string") return undefined;
  if (Object.hasOwn(PASSWORD_CHANGE_MESSAGES, code)) return PASSWORD_CHANGE_MESSAGES[code as keyof typeof PASSWORD_CHANGE_MESSAGES];
  return isSignupProblem(code) ? SIGNUP_MESSAGES[code] : undefined;
}

/**
 * First login with a teacher's one-time password: the student chooses their own password (the sign-up
 * rules) before the authorization goes on; no code is issued until then.
 */
function ChooseYourPassword({
  action,
  csrfToken,
  name,
  error,
}: {
  action: string;
  csrfToken: string;
  name: string;
  error: string | string[] | undefined;
}) {
  const message = passwordChangeMessage(error);
  return (
    <Card>
      <h1 className="mb-2 text-3xl font-bold">Choose your password</h1>
      <p className="mb-6 text-lg text-slate-600">
        Welcome, <strong className="text-slate-900">{name}</strong>. You signed in with a one-time password from your teacher. Choose a
        password of your own to continue; the one-time password will stop working.
      </p>
      {message && (
        <p role="alert" className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-lg font-medium text-red-800">
          {message}
        </p>
      )}
      <form method="post" action={action} className="space-y-5">
        <input type="hidden" name="csrf_token" value={csrfToken} />
        <div>
          <label htmlFor="new_password" className="mb-1 block text-lg font-semibold">
            New password
          </label>
          <input
            id="new_password"
            name="new_password"
            type="password"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            required
            autoFocus
            aria-describedby="new_password_hint"
            className={fieldClass}
          />
          <p id="new_password_hint" className="mt-1 text-slate-600">
            At least {PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good one.
          </p>
        </div>
        <div>
          <label htmlFor="confirm_password" className="mb-1 block text-lg font-semibold">
            New password, again
          </label>
          <input
            id="confirm_password"
            name="confirm_password"
            type="password"
            autoComplete="new-password"
            required
            className={fieldClass}
          />
        </div>
        <button
          type="submit"
          className="w-full rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
        >
          Save and continue
        </button>
      </form>
    </Card>
  );
}
