// The token lifecycle: both expiry clocks of the access token, and the refresh token rotation chain.
import Link from "next/link";
import { type GuidedStepId, guidedPath } from "@/lib/guided/steps";
import type { AccessTokenLifecycle, ChainLink } from "@/lib/guided/token-lifecycle";
import { ActionButton } from "./action-button";
import { Countdown } from "./countdown";
import { Panel } from "./panel";

const STATE_STYLE: Record<ChainLink["state"], { text: string; style: string }> = {
  rotated: { text: "used, rotated", style: "bg-slate-100 text-slate-800 ring-slate-300" },
  current: { text: "current", style: "bg-green-50 text-green-900 ring-green-600" },
  revoked: { text: "revoked", style: "bg-red-50 text-red-900 ring-red-600" },
};

function Clock({
  title,
  why,
  until,
  nowMs,
  label,
  expiredText,
}: {
  title: string;
  why: string;
  until: number | undefined;
  nowMs: number;
  label: string;
  expiredText: string;
}) {
  return (
    <div className="flex flex-col gap-1 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <p className="text-lg font-semibold">{title}</p>
      <p className="text-3xl">
        {until === undefined ? (
          <span className="text-slate-700">unknown</span>
        ) : (
          <Countdown until={until} nowMs={nowMs} label={label} expiredText={expiredText} />
        )}
      </p>
      <p className="text-base text-slate-700">{why}</p>
    </div>
  );
}

export function TokenLifecycle({
  access,
  chain,
  step,
  presenter,
  demoControls,
  nowMs,
}: {
  access: AccessTokenLifecycle;
  chain: readonly ChainLink[];
  step: GuidedStepId;
  presenter: boolean;
  demoControls: boolean;
  nowMs: number;
}) {
  const stillAccepted = access.clientSaysExpired && !access.serverSaysExpired && !access.revoked && access.exp !== undefined;
  return (
    <Panel id="token-lifecycle" title="Token lifecycle" folded={presenter}>
      {access.clientSaysExpired && !access.revoked ? (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-xl border-2 border-amber-400 bg-amber-50 px-6 py-4 text-lg text-amber-950"
        >
          <p className="font-semibold">MailDash considers the access token expired: time to refresh.</p>
          {step === "refresh" ? (
            <p>Press “Refresh now” on this page: the refresh token gets a new access token without asking you again.</p>
          ) : (
            <p>
              <Link href={guidedPath("refresh", presenter)} className="font-semibold text-blue-800 underline">
                Go to the refresh step
              </Link>{" "}
              to get a new access token with the refresh token.
            </p>
          )}
          {stillAccepted && access.exp !== undefined ? (
            <p>
              Only MailDash&apos;s own clock says so. The mail API checks the token&apos;s <code className="font-mono">exp</code> claim and
              would still accept it for <Countdown until={access.exp} nowMs={nowMs} label="Time the mail API still accepts the token" />
              {step === "6" ? ": call the mail API below and see." : "."}
              {step !== "6" ? (
                <>
                  {" "}
                  <Link href={guidedPath("6", presenter)} className="font-semibold text-blue-800 underline">
                    Try it at step 6
                  </Link>
                  .
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="lifecycle-access" className="flex flex-col gap-3">
          <h3 id="lifecycle-access" className="text-xl font-semibold">
            Access token
          </h3>
          {access.revoked ? (
            <p className="text-lg font-semibold text-red-900">
              The grant has been revoked: this access token ends with it, whatever the clocks say.
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            <Clock
              title="MailDash refreshes in"
              why="MailDash's own clock: expires_in after the token arrived (RFC 6749 §5.1)."
              until={access.expires_at}
              nowMs={nowMs}
              label="Time until MailDash considers the access token expired"
              expiredText="expired"
            />
            <Clock
              title="The mail API accepts it for"
              why="The exp claim inside the token: the server's check (RFC 9068 §4)."
              until={access.exp}
              nowMs={nowMs}
              label="Time until the access token's exp"
              expiredText="expired (exp)"
            />
          </div>
          {demoControls && !access.revoked ? (
            <div className="flex flex-col gap-2 rounded-xl border-2 border-dashed border-amber-400 p-4">
              <p className="text-base font-semibold tracking-wide text-amber-900 uppercase">Demo clock</p>
              {access.clientSaysExpired ? (
                <p className="text-base text-slate-800">The access token is expired in MailDash&apos;s view.</p>
              ) : (
                <ActionButton
                  action="expire-access-token"
                  label="Expire the access token now"
                  presenter={presenter}
                  tone="demo"
                  fields={{ from: step }}
                />
              )}
              <p className="text-base text-slate-700">
                Moves only MailDash&apos;s expires_at to now, so nobody waits. The token and its exp stay as LabMail issued them.
              </p>
            </div>
          ) : null}
        </section>
        <section aria-labelledby="lifecycle-refresh" className="flex flex-col gap-3">
          <h3 id="lifecycle-refresh" className="text-xl font-semibold">
            Refresh tokens: the rotation chain
          </h3>
          {chain.length === 0 ? (
            <p className="text-lg text-slate-700">No refresh token: offline_access was not granted.</p>
          ) : (
            <ol aria-label="Refresh token rotation chain" className="flex flex-col gap-2">
              {chain.map((link, i) => (
                <li
                  key={link.refresh_token}
                  className={`flex flex-wrap items-center gap-x-4 gap-y-1 rounded-xl px-4 py-3 ring-2 ${STATE_STYLE[link.state].style}`}
                >
                  <span aria-hidden="true" className="text-lg font-bold">
                    {i + 1}.
                  </span>
                  <code className={`font-mono text-lg ${link.state === "current" ? "" : "line-through"}`}>{link.short}</code>
                  <span className="text-base font-semibold">{STATE_STYLE[link.state].text}</span>
                  <span className="text-base">issued by {link.issued_by}</span>
                </li>
              ))}
            </ol>
          )}
          <p className="text-base text-slate-700">
            Each refresh spends the token it sends and gets a new one (RFC 9700 §4.14.2). Sending a spent one again would revoke the whole
            grant.
          </p>
        </section>
      </div>
    </Panel>
  );
}
