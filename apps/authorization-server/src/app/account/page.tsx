import type { Metadata } from "next";
import { currentAccount } from "@/accounts/account-session";
import { listConnectedApps } from "@/accounts/connected-apps";
import { currentTeacher } from "@/console/teacher-guard";
import { db } from "@/lib/db";
import { loadOrUnavailable } from "@/lib/http";
import { Card } from "../card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account · LabMail Accounts", referrer: "no-referrer" };

const NOTICES: Record<string, string> = {
  "signed-out": "You are signed out of LabMail on this browser.",
  revoked: "Access removed. The app's tokens no longer work; it will have to ask you again.",
  csrf: "This form expired. Please try again.",
  "teachers-only": "The teacher console is for teachers: sign in at LabMail with a teacher's account.",
};

const when = (date: Date) => (
  <time dateTime={date.toISOString()}>
    {date.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC
  </time>
);

/** The account page: who is signed in at the AS, "Sign out", and "Connected apps" with "Revoke". */
type AccountPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** When the database is unreachable: the 503 page (lib/http.ts loadOrUnavailable), not Next's generic 500. */
export default async function AccountPage(props: AccountPageProps) {
  return loadOrUnavailable(() => accountPage(props), "/account");
}

async function accountPage({ searchParams }: AccountPageProps) {
  const { notice } = await searchParams;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  const account = await currentAccount();
  const banner = message && (
    <p role="status" className="mb-6 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-lg font-medium text-blue-900">
      {message}
    </p>
  );
  if (!account) {
    return (
      <Card>
        <h1 className="mb-4 text-3xl font-bold">Your account</h1>
        {banner}
        <p className="text-lg text-slate-700">
          You are not signed in at LabMail on this browser. Sign in from an application to see your account here.
        </p>
        <p className="mt-4 text-lg">
          New here?{" "}
          <a className="font-semibold text-blue-700 underline" href="/signup">
            Create an account
          </a>
        </p>
      </Card>
    );
  }
  const apps = await listConnectedApps({ db: db(), now: () => new Date() }, account.user.id);
  const teacher = (await currentTeacher()) !== null;
  return (
    <Card>
      <h1 className="mb-4 text-3xl font-bold">Your account</h1>
      {banner}
      <section aria-labelledby="who" className="mb-8 flex flex-wrap items-center gap-4 rounded-xl border border-slate-200 px-5 py-4">
        <div className="flex-1">
          <h2 id="who" className="sr-only">
            Signed in
          </h2>
          <p className="text-lg">
            Signed in as <strong>{account.user.name}</strong> ({account.user.username})
          </p>
          <p className="text-slate-600">
            {account.user.email} · since {when(account.authTime)}
          </p>
        </div>
        <form method="post" action="/account/sign-out">
          <input type="hidden" name="csrf_token" value={account.csrfToken} />
          <button
            type="submit"
            className="rounded-lg border-2 border-slate-300 px-5 py-2 text-lg font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-4 focus:ring-slate-200"
          >
            Sign out
          </button>
        </form>
      </section>
      <p className="mb-8 text-lg">
        <a className="font-semibold text-blue-700 underline" href="/developer">
          Developer console
        </a>
        : register your own OAuth client and run the flow with it.
      </p>
      {teacher && (
        <p className="mb-8 text-lg">
          <a className="font-semibold text-blue-700 underline" href="/console">
            Teacher console
          </a>
          : create your class's accounts and follow their progress.
        </p>
      )}
      <section aria-labelledby="connected-apps">
        <h2 id="connected-apps" className="mb-3 text-xl font-semibold">
          Connected apps
        </h2>
        {apps.length === 0 ? (
          <p className="text-lg text-slate-700">No application has access to your account.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200">
            {apps.map((app) => (
              <li key={app.clientId} aria-label={app.clientName} className="px-5 py-4">
                <div className="flex items-start gap-4">
                  <div className="flex-1">
                    <h3 className="text-lg font-semibold">{app.clientName}</h3>
                    <p className="text-sm text-slate-600">
                      Granted {when(app.grantedAt)} · {app.lastUsedAt ? <>last used {when(app.lastUsedAt)}</> : "never used"}
                    </p>
                  </div>
                  <form method="post" action="/account/revoke">
                    <input type="hidden" name="csrf_token" value={account.csrfToken} />
                    <input type="hidden" name="client_id" value={app.clientId} />
                    <button
                      type="submit"
                      aria-label={`Revoke ${app.clientName}`}
                      className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 focus:outline-none focus:ring-4 focus:ring-red-300"
                    >
                      Revoke
                    </button>
                  </form>
                </div>
                <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-700">
                  {app.scopes.map((s) => (
                    <li key={s.scope}>
                      {s.title} <span className="text-slate-600">({s.description})</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}
