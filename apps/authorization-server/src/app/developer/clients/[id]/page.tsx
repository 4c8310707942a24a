import type { Metadata } from "next";
import { currentAccount } from "@/accounts/account-session";
import { consoleViewer, findDeveloperClient } from "@/console/developer/clients";
import { db } from "@/lib/db";
import { ConsoleFrame, when } from "../../frame";
import { NOTICES, OVERLAP_PROSE, PROBLEMS } from "../../messages";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Manage a client · LabMail Accounts", referrer: "no-referrer" };

/** One registered client: its registration, "Rotate secret" (its owner) and "Disable" (its owner or a teacher). */
export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const { notice } = await searchParams;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  const account = await currentAccount();
  const viewer = account ? await consoleViewer({ db: db() }, account.user.id) : null;
  const client = viewer && id.length <= 200 ? await findDeveloperClient({ db: db(), now: () => new Date() }, viewer, id) : null;
  if (!account || !client) {
    return (
      <ConsoleFrame>
        <h1 className="mb-4 text-3xl font-bold">Client not found</h1>
        <p className="text-lg text-slate-700">{PROBLEMS.not_found}</p>
        <p className="mt-4 text-lg">
          <a className="font-semibold text-blue-700 underline" href="/developer">
            Back to the developer console
          </a>
        </p>
      </ConsoleFrame>
    );
  }
  const owner = client.owner.username === account.user.username;
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid grid-cols-[12rem_1fr] gap-4 py-2">
      <dt className="font-semibold">{label}</dt>
      <dd className="min-w-0 break-all">{value}</dd>
    </div>
  );
  return (
    <ConsoleFrame>
      <h1 className="mb-2 text-3xl font-bold">{client.name}</h1>
      <p className="mb-6 text-lg text-slate-700">
        {`Registered by ${client.owner.name} (${client.owner.username}) · `}
        {when(client.createdAt)} ·{" "}
        <a className="font-semibold text-blue-700 underline" href="/developer">
          Developer console
        </a>
      </p>
      {message && (
        <p role="status" className="mb-6 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 text-lg font-medium text-blue-900">
          {message}
        </p>
      )}
      <dl className="mb-8 divide-y divide-slate-200 rounded-xl border border-slate-200 px-5">
        {row("client_id", <code>{client.client_id}</code>)}
        {row("Type", `${client.type} (token_endpoint_auth_method ${client.token_endpoint_auth_method})`)}
        {row(
          "redirect_uri",
          client.redirect_uris.map((uri) => (
            <code key={uri} className="block">
              {uri}
            </code>
          )),
        )}
        {row("scope", <code>{client.scope}</code>)}
        {row("grant_types", client.grant_types.join(", "))}
        {row("PKCE", "required (S256)")}
        {row("Status", client.disabledAt ? <>disabled since {when(client.disabledAt)}</> : "active")}
        {client.previousSecretExpiresAt && row("Previous secret", <>works until {when(client.previousSecretExpiresAt)}</>)}
      </dl>
      {!client.disabledAt && (
        <div className="flex flex-wrap gap-6">
          {owner && client.type === "confidential" && (
            <form method="post" action={`/developer/clients/${encodeURIComponent(client.client_id)}/rotate`} className="flex-1">
              <input type="hidden" name="csrf_token" value={account.csrfToken} />
              <button
                type="submit"
                className="rounded-lg bg-blue-600 px-5 py-2 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
              >
                Rotate secret
              </button>
              <p className="mt-2 text-slate-600">{OVERLAP_PROSE}</p>
            </form>
          )}
          <form method="post" action={`/developer/clients/${encodeURIComponent(client.client_id)}/disable`} className="flex-1">
            <input type="hidden" name="csrf_token" value={account.csrfToken} />
            <button
              type="submit"
              className="rounded-lg bg-red-700 px-5 py-2 text-lg font-semibold text-white hover:bg-red-800 focus:outline-none focus:ring-4 focus:ring-red-300"
            >
              Disable
            </button>
            <p className="mt-2 text-slate-600">LabMail then issues it nothing, and every access it was given ends at once.</p>
          </form>
        </div>
      )}
    </ConsoleFrame>
  );
}
