import { DEVELOPER_CONSOLE } from "@oauth-flow-lab/lab";
import { SCOPES } from "@oauth-flow-lab/oauth";
import type { Metadata } from "next";
import { currentAccount } from "@/accounts/account-session";
import { consoleViewer, listDeveloperClients } from "@/console/developer/clients";
import { env } from "@/env";
import { db } from "@/lib/db";
import { loadOrUnavailable } from "@/lib/http";
import { ConsoleFrame, when } from "./frame";
import { AUTH_METHOD_LABELS, NOTICES, OVERLAP_PROSE, PROBLEMS } from "./messages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Developer console · LabMail Accounts", referrer: "no-referrer" };

const field =
  "w-full rounded-lg border border-slate-300 px-4 py-3 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100";

/**
 * The developer console: your registered clients (a teacher: every registered client, with its owner)
 * and the form to register one. Secrets never appear here: only the answer to the POST shows one.
 */
type DeveloperPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** When the database is unreachable: the 503 page (lib/http.ts loadOrUnavailable), not Next's generic 500. */
export default async function DeveloperPage(props: DeveloperPageProps) {
  return loadOrUnavailable(() => developerPage(props), "/developer");
}

async function developerPage({ searchParams }: DeveloperPageProps) {
  const { error, notice } = await searchParams;
  const problem = typeof error === "string" && Object.hasOwn(PROBLEMS, error) ? PROBLEMS[error as keyof typeof PROBLEMS] : undefined;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  const account = await currentAccount();
  const viewer = account ? await consoleViewer({ db: db() }, account.user.id) : null;
  if (!account || !viewer) {
    return (
      <ConsoleFrame>
        <h1 className="mb-4 text-3xl font-bold">Developer console</h1>
        <p className="text-lg text-slate-700">
          Sign in at LabMail first (from an application, for example MailDash), then come back here to register your own client.
        </p>
      </ConsoleFrame>
    );
  }
  const deps = { db: db(), now: () => new Date() };
  const clients = await listDeveloperClients(deps, viewer);
  const teacher = viewer.role === "teacher";
  const mine = clients.filter((c) => c.owner.username === account.user.username);
  const atLimit = mine.length >= DEVELOPER_CONSOLE.maxClientsPerUser;
  const issuer = env().ISSUER;
  return (
    <ConsoleFrame>
      <h1 className="mb-2 text-3xl font-bold">Developer console</h1>
      <p className="mb-6 text-lg text-slate-700">
        Register your own OAuth client, then run the authorization code flow with PKCE against LabMail yourself (the README's "Write your
        own client" does it with curl). Signed in as <strong>{account.user.name}</strong> ({account.user.username}) ·{" "}
        <a className="font-semibold text-blue-700 underline" href="/account">
          Your account
        </a>
      </p>
      {message && (
        <p role="status" className="mb-6 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-lg font-medium text-blue-900">
          {message}
        </p>
      )}
      {problem && (
        <p role="alert" className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-lg font-medium text-red-800">
          {problem}
        </p>
      )}
      <section aria-labelledby="clients" className="mb-8">
        <h2 id="clients" className="mb-3 text-xl font-semibold">
          {teacher ? "Every registered client" : "Your clients"}
        </h2>
        {clients.length === 0 ? (
          <p className="text-lg text-slate-700">No client registered yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200">
            {clients.map((c) => (
              <li key={c.client_id} aria-label={c.name} className="flex flex-wrap items-start gap-4 px-5 py-4">
                <div className="min-w-0 flex-1">
                  <h3 className="text-lg font-semibold">
                    {c.name}{" "}
                    {c.disabledAt && (
                      <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800">disabled</span>
                    )}
                  </h3>
                  <p className="break-all text-slate-700">
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">{c.client_id}</code>
                    {` · ${c.type} (${c.token_endpoint_auth_method})`}
                  </p>
                  <p className="text-sm text-slate-600">
                    {teacher && `Registered by ${c.owner.name} (${c.owner.username}) · `}
                    {when(c.createdAt)}
                  </p>
                </div>
                <a
                  href={`/developer/clients/${encodeURIComponent(c.client_id)}`}
                  aria-label={`Manage ${c.name}`}
                  className="rounded-lg border-2 border-slate-300 px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-4 focus:ring-slate-200"
                >
                  Manage
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="register" className="mb-8">
        <h2 id="register" className="mb-3 text-xl font-semibold">
          Register a client
        </h2>
        {atLimit ? (
          <p className="text-lg text-slate-700">{PROBLEMS.limit}</p>
        ) : (
          <form method="post" action="/developer/clients" className="space-y-5">
            <input type="hidden" name="csrf_token" value={account.csrfToken} />
            <div>
              <label htmlFor="name" className="mb-1 block text-lg font-semibold">
                Name
              </label>
              <input
                id="name"
                name="name"
                required
                minLength={DEVELOPER_CONSOLE.nameMinLength}
                maxLength={DEVELOPER_CONSOLE.nameMaxLength}
                aria-describedby="name-hint"
                className={field}
              />
              <p id="name-hint" className="mt-1 text-slate-600">
                Shown on the consent screen, always with your name beside it.
              </p>
            </div>
            <div>
              <label htmlFor="redirect_uris" className="mb-1 block text-lg font-semibold">
                Redirect URIs
              </label>
              <textarea
                id="redirect_uris"
                name="redirect_uris"
                required
                rows={2}
                aria-describedby="redirect-hint"
                placeholder="http://127.0.0.1:8080/callback"
                className={field}
              />
              <p id="redirect-hint" className="mt-1 text-slate-600">
                One per line, compared exactly. https, or http on 127.0.0.1, [::1] or localhost; no wildcard, fragment or user name.
              </p>
            </div>
            <fieldset>
              <legend className="mb-1 text-lg font-semibold">Scopes it may ask for</legend>
              <div className="grid grid-cols-2 gap-x-6 gap-y-1">
                {DEVELOPER_CONSOLE.allowedScopes.map((scope) => (
                  <label key={scope} className="flex items-center gap-2 text-lg">
                    <input
                      type="checkbox"
                      name="scope"
                      value={scope}
                      defaultChecked={scope === "openid" || scope === "mail.read"}
                      className="h-5 w-5"
                    />
                    <code className="text-base">{scope}</code>
                    <span className="sr-only">: {SCOPES[scope].title}</span>
                  </label>
                ))}
              </div>
              <p className="mt-1 text-slate-600">offline_access also registers the refresh_token grant.</p>
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-lg font-semibold">Client type</legend>
              {DEVELOPER_CONSOLE.authMethods.map((method) => (
                <label key={method} className="flex items-start gap-2 py-1 text-lg">
                  <input
                    type="radio"
                    name="token_endpoint_auth_method"
                    value={method}
                    required
                    defaultChecked={method === "client_secret_basic"}
                    className="mt-1.5 h-5 w-5"
                  />
                  <span>
                    {AUTH_METHOD_LABELS[method]?.title}
                    <span className="block text-base text-slate-600">{AUTH_METHOD_LABELS[method]?.description}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <button
              type="submit"
              className="rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
            >
              Register client
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="endpoints">
        <h2 id="endpoints" className="mb-3 text-xl font-semibold">
          Endpoints
        </h2>
        <ul className="space-y-1 text-slate-700">
          <li>
            Discovery:{" "}
            <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 text-sm">{issuer}/.well-known/openid-configuration</code>
          </li>
          <li>
            Authorization: <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">{issuer}/authorize</code> · token:{" "}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">{issuer}/token</code>
          </li>
          <li>
            Mail API (the audience of your access tokens):{" "}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">{env().MAIL_API_AUDIENCE}</code>
          </li>
        </ul>
        <p className="mt-3 text-slate-600">PKCE (S256) is required for every client. {OVERLAP_PROSE}</p>
      </section>
    </ConsoleFrame>
  );
}
