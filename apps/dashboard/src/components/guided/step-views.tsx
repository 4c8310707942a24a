// What each guided step page shows. The page fetches; these only render.

import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/alert";
import type { AuthorizationParameter } from "@/lib/guided/authorization-request";
import type { PlannedParameter } from "@/lib/guided/code-exchange";
import type { GuidedFlow } from "@/lib/guided/flow";
import { type GuidedStepId, guidedPath } from "@/lib/guided/steps";
import type { JwtReport } from "@/lib/guided/token-response";
import type { Exchange } from "@/lib/guided/transcript";
import { ActionButton } from "./action-button";
import { CheckList } from "./check-list";
import { ClaimTime } from "./claim-time";
import { HttpExchange, statusLine } from "./http-exchange";
import { JwtView, SignatureVerdict } from "./jwt-view";
import type { Missing, NextControl } from "./next-control";
import { Panel, ValueList } from "./panel";

type Client = { client_id: string; client_secret: string };

export function Explanation({ children, folded = false }: { children: ReactNode; folded?: boolean }) {
  return (
    <Panel id="explanation" title="What happens here" folded={folded}>
      <div className="flex max-w-4xl flex-col gap-3 text-xl leading-relaxed text-slate-800">{children}</div>
    </Panel>
  );
}

/**
 * A step page: normally the explanation, then the step's panels, all open. In presenter mode the key
 * artifact and its verdict come first and everything else folds away (one line each), so that the
 * projected page needs no scrolling.
 */
function StepLayout({
  presenter,
  explanation,
  children,
  more,
}: {
  presenter: boolean;
  explanation: ReactNode;
  children: ReactNode;
  more?: ReactNode;
}) {
  return presenter ? (
    <>
      {children}
      <Explanation folded>{explanation}</Explanation>
      {more}
    </>
  ) : (
    <>
      <Explanation>{explanation}</Explanation>
      {children}
      {more}
    </>
  );
}

/** The control that performs what is missing (sign in, send the token request…). */
export function MissingControl({ control, presenter }: { control: NextControl; presenter: boolean }) {
  if (control.kind === "action") return <ActionButton action={control.action} label={control.label} presenter={presenter} />;
  return (
    <a
      href={control.href}
      className="inline-flex self-start rounded-xl bg-blue-700 px-7 py-3.5 text-xl font-semibold text-white shadow-md hover:bg-blue-800"
    >
      {control.label}
    </a>
  );
}

function exchangesOf(flow: GuidedFlow, step: GuidedStepId): Exchange[] {
  return flow.transcript.filter((e) => e.step === step);
}

/** A page whose step cannot show anything yet: what is missing, and the control that does it. */
function NotYet({ presenter, missing }: { presenter: boolean; missing: Missing | undefined }) {
  if (!missing) return null;
  const what = missing.what.charAt(0).toUpperCase() + missing.what.slice(1);
  return (
    <Alert tone="info" title={what}>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <MissingControl control={missing.control} presenter={presenter} />
        <Link href={guidedPath(missing.at, presenter)} className="font-semibold underline">
          Go to {/^\d$/.test(missing.at) ? `step ${missing.at}` : missing.at}
        </Link>
      </div>
    </Alert>
  );
}

export function Step1({ flow, presenter }: { flow: GuidedFlow; presenter: boolean }) {
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          You clicked &quot;Start&quot;. Before sending your browser anywhere, MailDash&apos;s server made up these values with oauth4webapi
          (a certified OAuth client library) and kept them on its side (in memory, found again through an HttpOnly cookie). Nothing has been
          sent to LabMail yet.
        </p>
      }
    >
      <Panel id="prepared" compact={presenter} title="Prepared by MailDash (nothing sent yet)">
        <ValueList
          compact={presenter}
          items={[
            {
              name: "state",
              value: flow.state,
              why: "Random. Must come back unchanged in step 3: a forged response (CSRF) cannot know it.",
            },
            {
              name: "nonce",
              value: flow.nonce,
              why: "Random. LabMail puts it into the ID token: that token was made for this very login.",
            },
            {
              name: "code_verifier",
              value: flow.code_verifier,
              why: `A secret: 32 random bytes, base64url → ${flow.code_verifier.length} characters. Stays on MailDash's server until step 4.`,
            },
            {
              name: "code_challenge",
              value: flow.code_challenge,
              why: "BASE64URL(SHA-256(code_verifier)): sent in step 2. Cannot be turned back into the verifier.",
            },
            { name: "code_challenge_method", value: "S256", why: "How the challenge was made (RFC 7636 §4.2)." },
          ]}
        />
      </Panel>
    </StepLayout>
  );
}

export function Step2({
  url,
  parameters,
  presenter,
  signedIn,
}: {
  url: string;
  parameters: readonly AuthorizationParameter[];
  presenter: boolean;
  /** LabMail has answered already (step 3 has something to show). */
  signedIn: boolean;
}) {
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          MailDash sends your browser to LabMail&apos;s authorization endpoint with this URL. You sign in <strong>at LabMail</strong>{" "}
          (MailDash never sees your password) and LabMail asks whether MailDash may have what it asks for.
        </p>
      }
      more={
        <Panel id="parameters" title="Every parameter, and why" folded={presenter}>
          <table className="w-full border-collapse text-left text-lg">
            <caption className="sr-only">Parameters of the authorization request</caption>
            <thead>
              <tr className="border-b-2 border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  Parameter
                </th>
                <th scope="col" className="py-2 pr-4">
                  Value
                </th>
                <th scope="col" className="py-2">
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
              {parameters.map((p) => (
                <tr key={p.name} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-mono font-semibold">
                    {p.name}
                  </th>
                  <td className="max-w-xs py-2 pr-4 font-mono text-base break-all">{p.value}</td>
                  <td className="py-2 text-base">
                    {p.why}{" "}
                    <a href={p.rfc.href} className="whitespace-nowrap text-blue-800 underline">
                      {p.rfc.label}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      }
    >
      <Panel id="authorization-url" compact={presenter} title="The authorization request">
        <pre
          tabIndex={0}
          aria-label="Authorization URL"
          className={`rounded-xl bg-slate-900 font-mono whitespace-pre-wrap break-all text-slate-50 ${presenter ? "px-4 py-3 text-sm leading-snug" : "p-5 text-base"}`}
        >
          {`GET ${url}`}
        </pre>
        <div className="flex flex-wrap items-center gap-4">
          <a
            href={url}
            className="self-start rounded-xl bg-blue-700 px-8 py-4 text-xl font-semibold text-white shadow-md hover:bg-blue-800"
          >
            Go to LabMail to sign in
          </a>
          {signedIn ? (
            <p className="text-lg text-slate-800">
              Done: LabMail has answered (step 3). Going again starts a new login with the same values.
            </p>
          ) : null}
        </div>
      </Panel>
    </StepLayout>
  );
}

export function Step3({
  flow,
  client,
  presenter,
  missing,
}: {
  flow: GuidedFlow;
  client: Client;
  presenter: boolean;
  missing: Missing | undefined;
}) {
  const response = flow.authorization_response;
  const exchange = exchangesOf(flow, "3").at(-1);
  const checks = flow.checks.filter((c) => c.step === "3");
  if (!exchange) return <NotYet presenter={presenter} missing={missing} />;
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          LabMail sent your browser back to MailDash&apos;s redirect URI. The query carries a one-time authorization{" "}
          <code className="font-mono">code</code> (valid {describeDuration(LIFETIMES.authorization_code.seconds)}), the{" "}
          <code className="font-mono">state</code> MailDash sent, and <code className="font-mono">iss</code>, who sent it. MailDash checks
          both before it uses the code.
        </p>
      }
      more={
        <Panel id="redirect" title="The redirect back to MailDash, raw" folded={presenter}>
          <HttpExchange exchange={exchange} client={client} title="The redirect back to MailDash" />
        </Panel>
      }
    >
      {response?.kind === "error" ? (
        <Alert tone="error" title={`LabMail answered with an error: ${response.error}`}>
          <p>
            {response.error === "access_denied"
              ? "You (the resource owner) denied the request on LabMail's consent page. MailDash gets no code, so no tokens: that is the whole point of consent."
              : (response.error_description ?? "See RFC 6749 §4.1.2.1.")}
          </p>
        </Alert>
      ) : null}
      <Panel id="received" compact={presenter} title="What arrived at the redirect URI, and MailDash's checks">
        {response?.kind === "code" ? (
          <ValueList
            compact={presenter}
            items={[
              {
                name: "code",
                value: response.code,
                why: "The authorization code: worth nothing without the client secret and the code_verifier.",
              },
              { name: "state", value: response.state ?? "(none)", why: "Must equal the state of step 1." },
              { name: "iss", value: response.iss ?? "(none)", why: "Must be LabMail's issuer (RFC 9207: against mix-up attacks)." },
            ]}
          />
        ) : null}
        <CheckList items={checks} label="MailDash's checks of the authorization response" compact={presenter} />
      </Panel>
    </StepLayout>
  );
}

export function Step4({
  flow,
  planned,
  client,
  presenter,
  missing,
}: {
  flow: GuidedFlow;
  planned: PlannedParameter[] | undefined;
  client: Client;
  presenter: boolean;
  missing: Missing | undefined;
}) {
  const sent = exchangesOf(flow, "4").at(-1);
  if (!planned && !sent) return <NotYet presenter={presenter} missing={missing} />;
  const error = flow.errors["4"];
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          Server to server, out of the browser&apos;s sight (the back channel), MailDash exchanges the code for tokens. It proves who it is
          with its client secret (<code className="font-mono">Authorization: Basic</code>, RFC 6749 §2.3.1) and that it started this flow
          with the <code className="font-mono">code_verifier</code> (PKCE): a stolen code is useless without both. The request is made by
          oauth4webapi; what you see below, once sent, is a recording of exactly what it sent and received.
        </p>
      }
    >
      {error ? (
        <Alert tone="error" title="The token request failed.">
          <p>{error}</p>
        </Alert>
      ) : null}
      {sent ? (
        <Panel id="token-request" compact={presenter} title="The token request, as oauth4webapi sent it">
          {sent.response ? (
            <p className={`text-xl font-semibold ${sent.response.status === 200 ? "text-green-900" : "text-red-900"}`}>
              <span aria-hidden="true">{sent.response.status === 200 ? "✓ " : "✗ "}</span>
              LabMail answered {sent.response.status}
              {sent.response.status === 200 && flow.tokens ? ": the tokens are in step 5." : "."}
            </p>
          ) : null}
          <HttpExchange exchange={sent} client={client} title="POST to the token endpoint" focus={presenter ? "request" : undefined} />
        </Panel>
      ) : (
        <Panel id="token-request" compact={presenter} title="What MailDash will send">
          {/* On the projector the button comes first: the list below it may reach past the fold. */}
          {presenter ? (
            <ActionButton action="send-token-request" label="Send the token request" presenter={presenter} size="footer" />
          ) : null}
          {planned ? (
            <ul aria-label="What the token request will carry" className={`flex flex-col ${presenter ? "" : "gap-3"}`}>
              {planned.map((p) => (
                <li
                  key={p.name}
                  className={
                    presenter
                      ? "grid grid-cols-[8rem_minmax(0,1fr)_minmax(0,1.1fr)] items-baseline gap-x-3 border-b border-slate-200 px-1 py-0.5 leading-snug"
                      : "flex flex-col gap-1 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200"
                  }
                >
                  <span className={presenter ? "contents" : "flex flex-wrap items-baseline gap-x-3"}>
                    <code className={`font-mono font-semibold ${presenter ? "text-base" : "text-lg"}`}>{p.name}</code>
                    <code className={`font-mono break-all text-slate-800 ${presenter ? "text-sm" : "text-base"}`}>{p.value}</code>
                  </span>
                  <span className={presenter ? "text-sm leading-snug text-slate-700" : "text-base text-slate-700"}>{p.why}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {presenter ? null : <ActionButton action="send-token-request" label="Send the token request" presenter={presenter} />}
        </Panel>
      )}
    </StepLayout>
  );
}

/** Step 5's verdict at a glance: each token, what it is for, whether it holds, and when it ends. */
function TokenSummary({ flow, reports, nowMs, compact }: { flow: GuidedFlow; reports: JwtReport[]; nowMs: number; compact: boolean }) {
  const tokens = flow.tokens;
  if (!tokens) return null;
  const report = (name: JwtReport["name"]) => reports.find((r) => r.name === name);
  const expiry = (r: JwtReport | undefined) =>
    typeof r?.payload?.exp === "number" ? <ClaimTime epoch={r.payload.exp} nowMs={nowMs} short /> : "—";
  const access = report("access_token");
  const id = report("id_token");
  const sub = id?.payload?.sub;
  const rows: { name: string; what: ReactNode; verdict: ReactNode; ends: ReactNode }[] = [
    {
      name: "access_token",
      what: "The mail API: MailDash only carries it (a JWT, RFC 9068).",
      verdict: access ? <SignatureVerdict report={access} compact /> : "—",
      ends: expiry(access),
    },
    ...(tokens.id_token
      ? [
          {
            name: "id_token",
            what: (
              <>
                MailDash: who signed in (a JWT, OpenID Connect)
                {typeof sub === "string" && !compact ? (
                  <>
                    : sub <code className="font-mono">{sub}</code>
                  </>
                ) : null}
                .
              </>
            ),
            verdict: id ? <SignatureVerdict report={id} compact /> : "—",
            ends: expiry(id),
          },
        ]
      : []),
    {
      name: "refresh_token",
      what: tokens.refresh_token ? "LabMail only (opaque): new access tokens later." : "None: offline_access was not granted.",
      verdict: "Not a JWT: nothing to verify",
      ends: "when used or revoked",
    },
  ];
  return (
    <table aria-label="The tokens received" className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b-2 border-slate-300 text-base">
          <th scope="col" className="py-1.5 pr-3">
            Token
          </th>
          <th scope="col" className="py-1.5 pr-3">
            For
          </th>
          <th scope="col" className="py-1.5 pr-3">
            Verdict
          </th>
          <th scope="col" className="py-1.5">
            Expires
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className="border-b border-slate-200 align-top">
            <th scope="row" className={`pr-3 font-mono text-base font-semibold ${compact ? "py-1" : "py-2"}`}>
              {row.name}
            </th>
            <td className={`pr-3 text-base ${compact ? "py-1" : "py-2"}`}>{row.what}</td>
            <td className={`pr-3 text-base ${compact ? "py-1" : "py-2"}`}>{row.verdict}</td>
            <td className={`text-base ${compact ? "py-1" : "py-2"}`}>{row.ends}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Step5({
  flow,
  client,
  reports,
  presenter,
  missing,
  nowMs,
}: {
  flow: GuidedFlow;
  client: Client;
  reports: JwtReport[];
  presenter: boolean;
  missing: Missing | undefined;
  nowMs: number;
}) {
  const exchange = exchangesOf(flow, "4").at(-1);
  const userinfo = exchangesOf(flow, "5").at(-1);
  const checks = flow.checks.filter((c) => c.step === "5");
  const tokens = flow.tokens;
  if (!exchange || !tokens) return <NotYet presenter={presenter} missing={missing} />;
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          LabMail answered with an <strong>access token</strong> (a signed JWT for the mail API, valid {tokens.expires_in ?? "?"} seconds),
          a <strong>refresh token</strong> (opaque: only LabMail can read it) and an <strong>ID token</strong> (who you are, for MailDash).
          A JWT is three base64url parts: header, payload, signature. Anyone can decode it; only LabMail&apos;s private key can sign it —
          checked here against the public keys LabMail publishes (JWKS).
        </p>
      }
      more={
        <>
          <Panel id="decoded" title="The JWTs, decoded: every claim and what it means" folded={presenter}>
            {reports.map((report) => (
              <JwtView
                key={report.name}
                report={report}
                nowMs={nowMs}
                title={report.name === "access_token" ? "Access token (RFC 9068)" : "ID token (OpenID Connect)"}
              />
            ))}
          </Panel>
          <Panel id="token-response" title="The token response, raw" folded={presenter}>
            <HttpExchange exchange={exchange} client={client} title="Answer of the token endpoint" />
            <ValueList
              items={[
                {
                  name: "expires_in",
                  value: String(tokens.expires_in ?? "(not sent)"),
                  why: "Seconds the access token lives (RFC 6749 §5.1).",
                },
                {
                  name: "refresh_token",
                  value: tokens.refresh_token ?? "(none: offline_access not granted)",
                  why: "Opaque to MailDash; used in the refresh extra.",
                },
                { name: "scope", value: tokens.scope ?? "(as requested)", why: "What was granted (RFC 6749 §3.3)." },
              ]}
            />
          </Panel>
          <Panel id="userinfo" title="Who signed in: the UserInfo request" folded={presenter}>
            <p className="text-lg text-slate-800">
              Right after the tokens arrived, MailDash asked LabMail&apos;s UserInfo endpoint who the access token belongs to (OpenID
              Connect Core §5.3). Its <code className="font-mono">sub</code> must be the ID token&apos;s, or the answer is about someone
              else.
            </p>
            {userinfo ? (
              <HttpExchange exchange={userinfo} client={client} title="GET the userinfo endpoint" />
            ) : (
              <p className="text-lg text-slate-700">No UserInfo request was made.</p>
            )}
          </Panel>
        </>
      }
    >
      {flow.errors["5"] ? (
        <Alert tone="error" title="The UserInfo request failed.">
          <p>{flow.errors["5"]}</p>
        </Alert>
      ) : null}
      <Panel id="tokens" compact={presenter} title="The tokens, and MailDash's checks">
        <TokenSummary flow={flow} reports={reports} nowMs={nowMs} compact={presenter} />
        <CheckList items={checks} label="MailDash's checks of the token response" compact={presenter} />
      </Panel>
    </StepLayout>
  );
}

/** "Bearer eyJhbGciOiJFUzI1NiIs…" — enough to recognise the token, short enough for one line. */
function shortBearer(exchange: Exchange): string | undefined {
  const value = exchange.request.headers["authorization"];
  if (!value) return undefined;
  return value.length > 48 ? `${value.slice(0, 40)}…` : value;
}

export function MailCall({
  exchange,
  client,
  title,
  presenter,
}: {
  exchange: Exchange;
  client: Client;
  title: string;
  presenter: boolean;
}) {
  let subjects: string[] = [];
  try {
    const body = JSON.parse(exchange.response?.body ?? "") as { messages?: { subject?: unknown }[] };
    subjects = (body.messages ?? []).map((m) => String(m.subject ?? ""));
  } catch {
    subjects = [];
  }
  const bearer = shortBearer(exchange);
  return (
    <div className={`flex flex-col ${presenter ? "gap-2" : "gap-4"}`}>
      {bearer ? (
        <p className="font-mono text-base break-all text-slate-800">
          {exchange.request.method} {new URL(exchange.request.url).pathname} · authorization: {bearer}
        </p>
      ) : null}
      <p className="text-xl">
        Status:{" "}
        <strong className={exchange.response && exchange.response.status < 300 ? "text-green-800" : "text-red-800"}>
          {exchange.response ? `${exchange.response.status}` : "no answer"}
        </strong>
      </p>
      {subjects.length > 0 ? (
        <ul aria-label="Inbox (latest messages)" className="flex flex-col divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200">
          {subjects.map((subject, i) => (
            <li key={`${subject}-${i}`} className={presenter ? "px-4 py-1.5 text-base" : "px-5 py-3 text-lg"}>
              {subject}
            </li>
          ))}
        </ul>
      ) : null}
      {presenter ? (
        <details className="rounded-lg bg-slate-50 px-4 py-1.5 ring-1 ring-slate-200">
          <summary className="cursor-pointer text-base font-semibold text-slate-800">
            The whole exchange, raw ({statusLine(exchange)})
          </summary>
          <div className="mt-2">
            <HttpExchange exchange={exchange} client={client} title={title} />
          </div>
        </details>
      ) : (
        <HttpExchange exchange={exchange} client={client} title={title} />
      )}
    </div>
  );
}

export function Step6({
  flow,
  client,
  presenter,
  missing,
}: {
  flow: GuidedFlow;
  client: Client;
  presenter: boolean;
  missing: Missing | undefined;
}) {
  if (!flow.tokens) return <NotYet presenter={presenter} missing={missing} />;
  const exchange = exchangesOf(flow, "6").at(-1);
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          MailDash calls the mail API with <code className="font-mono">Authorization: Bearer &lt;access token&gt;</code>. The mail API knows
          LabMail only by its published keys: it checks the signature, issuer, audience, expiry and the{" "}
          <code className="font-mono">mail.read</code> scope itself, then answers with your inbox.
        </p>
      }
    >
      <Panel id="resource" compact={presenter} title="The resource request">
        <ActionButton
          action="call-mail-api"
          label={exchange ? "Call the mail API again" : "Call the mail API"}
          presenter={presenter}
          tone={exchange ? "secondary" : "primary"}
        />
        {exchange ? <MailCall exchange={exchange} client={client} title="GET /v1/messages" presenter={presenter} /> : null}
      </Panel>
    </StepLayout>
  );
}

export function RefreshStep({
  flow,
  client,
  presenter,
  missing,
}: {
  flow: GuidedFlow;
  client: Client;
  presenter: boolean;
  missing: Missing | undefined;
}) {
  if (!flow.tokens) return <NotYet presenter={presenter} missing={missing} />;
  const last = flow.refreshes.at(-1);
  const exchange = exchangesOf(flow, "refresh").at(-1);
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          Access tokens are short-lived. With the refresh token MailDash gets a new one without bothering you. LabMail{" "}
          <strong>rotates</strong> refresh tokens: each refresh returns a new one and spends the old one. Presenting a spent one again
          revokes the whole grant (RFC 9700 §4.14.2).
        </p>
      }
      more={
        exchange ? (
          <Panel id="refresh-exchange" title="The refresh request, raw" folded={presenter}>
            <HttpExchange exchange={exchange} client={client} title="POST to the token endpoint (grant_type=refresh_token)" />
          </Panel>
        ) : null
      }
    >
      {flow.errors.refresh ? (
        <Alert tone="error" title="Refresh not possible.">
          <p>{flow.errors.refresh}</p>
        </Alert>
      ) : null}
      <Panel id="refresh" compact={presenter} title="Refresh now">
        <ActionButton action="refresh" label="Refresh now" presenter={presenter} tone={last ? "secondary" : "primary"} />
        {last ? (
          <div className="grid gap-4 md:grid-cols-2">
            <div className="flex flex-col gap-2 rounded-xl bg-slate-100 p-5">
              <h3 className="text-lg font-semibold">Old refresh token (sent, now spent)</h3>
              <code aria-label="Old refresh token" className="font-mono text-lg break-all line-through decoration-red-700">
                {last.sent}
              </code>
            </div>
            <div className="flex flex-col gap-2 rounded-xl bg-green-50 p-5">
              <h3 className="text-lg font-semibold">New refresh token (received)</h3>
              <code aria-label="New refresh token" className="font-mono text-lg break-all">
                {last.received ?? `none — ${last.error ?? "not rotated"}`}
              </code>
            </div>
          </div>
        ) : null}
        {last && exchange?.response ? (
          <p className={`text-xl font-semibold ${last.received ? "text-green-900" : "text-red-900"}`}>
            <span aria-hidden="true">{last.received ? "✓ " : "✗ "}</span>
            {last.received
              ? `LabMail answered ${exchange.response.status}: a new access token and a new refresh token; the old one is spent.`
              : `LabMail answered ${exchange.response.status}: no new tokens.`}
          </p>
        ) : null}
      </Panel>
    </StepLayout>
  );
}

export function RevokeStep({
  flow,
  client,
  presenter,
  missing,
}: {
  flow: GuidedFlow;
  client: Client;
  presenter: boolean;
  missing: Missing | undefined;
}) {
  if (!flow.tokens) return <NotYet presenter={presenter} missing={missing} />;
  const revocations = exchangesOf(flow, "revoke").filter((e) => e.request.method === "POST");
  const calls = exchangesOf(flow, "revoke").filter((e) => e.request.method === "GET");
  const lastCall = calls.at(-1);
  return (
    <StepLayout
      presenter={presenter}
      explanation={
        <p>
          MailDash tells LabMail it no longer needs the grant (RFC 7009): it revokes the refresh token, and LabMail ends the access tokens
          of the same grant. The mail API does not ask LabMail on every request; it re-checks a token by introspection (RFC 7662) at most
          every {describeDuration(LIFETIMES.introspection_cache.seconds)}. So the old access token may still work for a few seconds — try
          again.
        </p>
      }
      more={
        revocations.length > 0 ? (
          <Panel id="revoke-exchange" title="The revocation request, raw" folded={presenter}>
            {revocations.map((e, i) => (
              <HttpExchange key={`${e.at}-${i}`} exchange={e} client={client} title="POST to the revocation endpoint" />
            ))}
          </Panel>
        ) : null
      }
    >
      {flow.errors.revoke ? (
        <Alert tone="error" title="Revocation failed.">
          <p>{flow.errors.revoke}</p>
        </Alert>
      ) : null}
      <Panel id="revoke" compact={presenter} title="Revoke the grant">
        {flow.revoked ? (
          <p className="text-xl text-green-900">
            <span aria-hidden="true">✓ </span>Revoked at {new Date(flow.revoked.at).toLocaleTimeString("en-GB")}
            {revocations.at(-1)?.response ? ` (LabMail answered ${revocations.at(-1)?.response?.status})` : ""}.
          </p>
        ) : (
          <ActionButton action="revoke" label="Revoke" presenter={presenter} />
        )}
      </Panel>
      {flow.revoked ? (
        <Panel id="after" compact={presenter} title="The old access token at the mail API">
          <ActionButton
            action="call-mail-api-again"
            label="Try the mail API again"
            presenter={presenter}
            tone={lastCall ? "secondary" : "primary"}
          />
          {lastCall ? (
            <MailCall
              exchange={lastCall}
              client={client}
              title={`GET /v1/messages with the old access token (attempt ${calls.length})`}
              presenter={presenter}
            />
          ) : null}
        </Panel>
      ) : null}
    </StepLayout>
  );
}
