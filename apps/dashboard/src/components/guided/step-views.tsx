// What each guided step page shows. The page fetches; these only render.
import Link from "next/link";
import type { ReactNode } from "react";
import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import { Alert } from "@/components/alert";
import type { AuthorizationParameter } from "@/lib/guided/authorization-request";
import type { PlannedParameter } from "@/lib/guided/code-exchange";
import type { GuidedFlow } from "@/lib/guided/flow";
import { guidedPath, type GuidedStepId } from "@/lib/guided/steps";
import type { JwtReport } from "@/lib/guided/token-response";
import type { Exchange } from "@/lib/guided/transcript";
import { ActionButton } from "./action-button";
import { CheckList } from "./check-list";
import { HttpExchange } from "./http-exchange";
import { JwtView } from "./jwt-view";
import { Panel, ValueList } from "./panel";

type Client = { client_id: string; client_secret: string };

export function Explanation({ children }: { children: ReactNode }) {
  return (
    <Panel id="explanation" title="What happens here">
      <div className="flex max-w-4xl flex-col gap-3 text-xl leading-relaxed text-slate-800">{children}</div>
    </Panel>
  );
}

function exchangesOf(flow: GuidedFlow, step: GuidedStepId): Exchange[] {
  return flow.transcript.filter((e) => e.step === step);
}

function NotYet({ step, presenter, what }: { step: GuidedStepId; presenter: boolean; what: string }) {
  return (
    <Alert tone="info" title={`Not yet: ${what}`}>
      <Link href={guidedPath(step, presenter)} className="font-semibold underline">
        Go to {/^\d$/.test(step) ? `step ${step}` : step}
      </Link>
    </Alert>
  );
}

export function Step1({ flow }: { flow: GuidedFlow }) {
  return (
    <>
      <Explanation>
        <p>
          You clicked &quot;Start&quot;. Before sending your browser anywhere, MailDash&apos;s server made up these values with oauth4webapi (a certified
          OAuth client library) and kept them on its side (in memory, found again through an HttpOnly cookie). Nothing has been sent to LabMail yet.
        </p>
      </Explanation>
      <Panel id="prepared" title="Prepared by MailDash">
        <ValueList
          items={[
            { name: "state", value: flow.state, why: "Random. Must come back unchanged in step 3: a forged response (CSRF) cannot know it." },
            { name: "nonce", value: flow.nonce, why: "Random. LabMail puts it into the ID token: that token was made for this very login." },
            { name: "code_verifier", value: flow.code_verifier, why: `A secret: 32 random bytes, base64url → ${flow.code_verifier.length} characters. Stays on MailDash's server until step 4.` },
            { name: "code_challenge", value: flow.code_challenge, why: "BASE64URL(SHA-256(code_verifier)): sent in step 2. Cannot be turned back into the verifier." },
            { name: "code_challenge_method", value: "S256", why: "How the challenge was made (RFC 7636 §4.2)." },
          ]}
        />
      </Panel>
    </>
  );
}

export function Step2({ url, parameters }: { url: string; parameters: readonly AuthorizationParameter[] }) {
  return (
    <>
      <Explanation>
        <p>
          MailDash sends your browser to LabMail&apos;s authorization endpoint with this URL. You sign in <strong>at LabMail</strong> (MailDash never sees your
          password) and LabMail asks whether MailDash may have what it asks for.
        </p>
      </Explanation>
      <Panel id="authorization-url" title="The authorization request">
        <pre tabIndex={0} aria-label="Authorization URL" className="rounded-xl bg-slate-900 p-5 font-mono text-base whitespace-pre-wrap break-all text-slate-50">
          {`GET ${url}`}
        </pre>
        <a href={url} className="self-start rounded-xl bg-blue-700 px-8 py-4 text-xl font-semibold text-white shadow-md hover:bg-blue-800">
          Go to LabMail to sign in
        </a>
      </Panel>
      <Panel id="parameters" title="Every parameter, and why">
        <table className="w-full border-collapse text-left text-lg">
          <caption className="sr-only">Parameters of the authorization request</caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              <th scope="col" className="py-2 pr-4">Parameter</th>
              <th scope="col" className="py-2 pr-4">Value</th>
              <th scope="col" className="py-2">Why</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr key={p.name} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-4 font-mono font-semibold">{p.name}</th>
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
    </>
  );
}

export function Step3({ flow, client, presenter }: { flow: GuidedFlow; client: Client; presenter: boolean }) {
  const response = flow.authorization_response;
  const exchange = exchangesOf(flow, "3").at(-1);
  const checks = flow.checks.filter((c) => c.step === "3");
  if (!exchange) return <NotYet step="2" presenter={presenter} what="sign in at LabMail first (step 2)." />;
  return (
    <>
      <Explanation>
        <p>
          LabMail sent your browser back to MailDash&apos;s redirect URI. The query carries a one-time authorization <code className="font-mono">code</code>{" "}
          (valid {describeDuration(LIFETIMES.authorization_code.seconds)}), the <code className="font-mono">state</code> MailDash sent, and <code className="font-mono">iss</code>, who sent it. MailDash
          checks both before it uses the code.
        </p>
      </Explanation>
      {response?.kind === "error" ? (
        <Alert tone="error" title={`LabMail answered with an error: ${response.error}`}>
          <p>
            {response.error === "access_denied"
              ? "You (the resource owner) denied the request on LabMail's consent page. MailDash gets no code, so no tokens: that is the whole point of consent."
              : (response.error_description ?? "See RFC 6749 §4.1.2.1.")}
          </p>
        </Alert>
      ) : null}
      <Panel id="received" title="What arrived at the redirect URI">
        {response?.kind === "code" ? (
          <ValueList
            items={[
              { name: "code", value: response.code, why: "The authorization code: worth nothing without the client secret and the code_verifier." },
              { name: "state", value: response.state ?? "(none)", why: "Must equal the state of step 1." },
              { name: "iss", value: response.iss ?? "(none)", why: "Must be LabMail's issuer (RFC 9207: against mix-up attacks)." },
            ]}
          />
        ) : null}
        <HttpExchange exchange={exchange} client={client} title="The redirect back to MailDash" />
      </Panel>
      <Panel id="client-checks" title="MailDash's checks">
        <CheckList items={checks} label="MailDash's checks of the authorization response" />
      </Panel>
    </>
  );
}

export function Step4({ flow, planned, client, presenter }: { flow: GuidedFlow; planned: PlannedParameter[] | undefined; client: Client; presenter: boolean }) {
  const sent = exchangesOf(flow, "4").at(-1);
  if (!planned && !sent) return <NotYet step="3" presenter={presenter} what="no authorization code yet (step 3)." />;
  const error = flow.errors["4"];
  return (
    <>
      <Explanation>
        <p>
          Server to server, out of the browser&apos;s sight (the back channel), MailDash exchanges the code for tokens. It proves who it is with its client
          secret (<code className="font-mono">Authorization: Basic</code>, RFC 6749 §2.3.1) and that it started this flow with the{" "}
          <code className="font-mono">code_verifier</code> (PKCE): a stolen code is useless without both. The request is made by oauth4webapi; what you see
          below, once sent, is a recording of exactly what it sent and received.
        </p>
      </Explanation>
      {error ? (
        <Alert tone="error" title="The token request failed.">
          <p>{error}</p>
        </Alert>
      ) : null}
      {sent ? (
        <Panel id="token-request" title="The token request, as sent">
          <HttpExchange exchange={sent} client={client} title="POST to the token endpoint" />
        </Panel>
      ) : (
        <Panel id="token-request" title="What MailDash will send">
          {planned ? (
            <ul aria-label="What the token request will carry" className="flex flex-col gap-3">
              {planned.map((p) => (
                <li key={p.name} className="flex flex-col gap-1 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
                  <span className="flex flex-wrap items-baseline gap-x-3">
                    <code className="font-mono text-lg font-semibold">{p.name}</code>
                    <code className="font-mono text-base break-all text-slate-800">{p.value}</code>
                  </span>
                  <span className="text-base text-slate-700">{p.why}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <ActionButton action="send-token-request" label="Send the token request" presenter={presenter} />
        </Panel>
      )}
    </>
  );
}

export function Step5({ flow, client, reports, presenter }: { flow: GuidedFlow; client: Client; reports: JwtReport[]; presenter: boolean }) {
  const exchange = exchangesOf(flow, "4").at(-1);
  const userinfo = exchangesOf(flow, "5").at(-1);
  const checks = flow.checks.filter((c) => c.step === "5");
  const tokens = flow.tokens;
  if (!exchange || !tokens) return <NotYet step="4" presenter={presenter} what="send the token request first (step 4)." />;
  return (
    <>
      <Explanation>
        <p>
          LabMail answered with an <strong>access token</strong> (a signed JWT for the mail API, valid {tokens.expires_in ?? "?"} seconds), a{" "}
          <strong>refresh token</strong> (opaque: only LabMail can read it) and an <strong>ID token</strong> (who you are, for MailDash). A JWT is three
          base64url parts: header, payload, signature. Anyone can decode it; only LabMail&apos;s private key can sign it — checked here against the public keys
          LabMail publishes (JWKS).
        </p>
      </Explanation>
      <Panel id="token-response" title="The token response">
        <HttpExchange exchange={exchange} client={client} title="Answer of the token endpoint" />
        <ValueList
          items={[
            { name: "expires_in", value: String(tokens.expires_in ?? "(not sent)"), why: "Seconds the access token lives (RFC 6749 §5.1)." },
            { name: "refresh_token", value: tokens.refresh_token ?? "(none: offline_access not granted)", why: "Opaque to MailDash; used in the refresh extra." },
            { name: "scope", value: tokens.scope ?? "(as requested)", why: "What was granted (RFC 6749 §3.3)." },
          ]}
        />
      </Panel>
      <Panel id="client-checks" title="MailDash's checks (oauth4webapi)">
        <CheckList items={checks} label="MailDash's checks of the token response" />
      </Panel>
      <Panel id="decoded" title="The JWTs, decoded and verified">
        {reports.map((report) => (
          <JwtView key={report.name} report={report} title={report.name === "access_token" ? "Access token (RFC 9068)" : "ID token (OpenID Connect)"} />
        ))}
      </Panel>
      <Panel id="userinfo" title="Who signed in: the UserInfo request">
        <p className="text-lg text-slate-800">
          Right after the tokens arrived, MailDash asked LabMail&apos;s UserInfo endpoint who the access token belongs to (OpenID Connect Core §5.3). Its{" "}
          <code className="font-mono">sub</code> must be the ID token&apos;s, or the answer is about someone else.
        </p>
        {flow.errors["5"] ? (
          <Alert tone="error" title="The UserInfo request failed.">
            <p>{flow.errors["5"]}</p>
          </Alert>
        ) : null}
        {userinfo ? <HttpExchange exchange={userinfo} client={client} title="GET the userinfo endpoint" /> : <p className="text-lg text-slate-700">No UserInfo request was made.</p>}
      </Panel>
    </>
  );
}

export function MailCall({ exchange, client, title }: { exchange: Exchange; client: Client; title: string }) {
  let subjects: string[] = [];
  try {
    const body = JSON.parse(exchange.response?.body ?? "") as { messages?: { subject?: unknown }[] };
    subjects = (body.messages ?? []).map((m) => String(m.subject ?? ""));
  } catch {
    subjects = [];
  }
  return (
    <div className="flex flex-col gap-4">
      <p className="text-xl">
        Status:{" "}
        <strong className={exchange.response && exchange.response.status < 300 ? "text-green-800" : "text-red-800"}>
          {exchange.response ? `${exchange.response.status}` : "no answer"}
        </strong>
      </p>
      {subjects.length > 0 ? (
        <ul aria-label="Inbox (latest messages)" className="flex flex-col divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200">
          {subjects.map((subject, i) => (
            <li key={`${subject}-${i}`} className="px-5 py-3 text-lg">
              {subject}
            </li>
          ))}
        </ul>
      ) : null}
      <HttpExchange exchange={exchange} client={client} title={title} />
    </div>
  );
}

export function Step6({ flow, client, presenter }: { flow: GuidedFlow; client: Client; presenter: boolean }) {
  if (!flow.tokens) return <NotYet step="4" presenter={presenter} what="MailDash has no access token yet (steps 4–5)." />;
  const exchange = exchangesOf(flow, "6").at(-1);
  return (
    <>
      <Explanation>
        <p>
          MailDash calls the mail API with <code className="font-mono">Authorization: Bearer &lt;access token&gt;</code>. The mail API knows LabMail only by
          its published keys: it checks the signature, issuer, audience, expiry and the <code className="font-mono">mail.read</code> scope itself, then
          answers with your inbox.
        </p>
      </Explanation>
      <Panel id="resource" title="The resource request">
        <ActionButton action="call-mail-api" label={exchange ? "Call the mail API again" : "Call the mail API"} presenter={presenter} tone={exchange ? "secondary" : "primary"} />
        {exchange ? <MailCall exchange={exchange} client={client} title="GET /v1/messages" /> : null}
      </Panel>
    </>
  );
}

export function RefreshStep({ flow, client, presenter }: { flow: GuidedFlow; client: Client; presenter: boolean }) {
  if (!flow.tokens) return <NotYet step="4" presenter={presenter} what="no tokens yet (steps 4–5)." />;
  const last = flow.refreshes.at(-1);
  const exchange = exchangesOf(flow, "refresh").at(-1);
  return (
    <>
      <Explanation>
        <p>
          Access tokens are short-lived. With the refresh token MailDash gets a new one without bothering you. LabMail <strong>rotates</strong> refresh
          tokens: each refresh returns a new one and spends the old one. Presenting a spent one again revokes the whole grant (RFC 9700 §4.14.2).
        </p>
      </Explanation>
      {flow.errors.refresh ? (
        <Alert tone="error" title="Refresh not possible.">
          <p>{flow.errors.refresh}</p>
        </Alert>
      ) : null}
      <Panel id="refresh" title="Refresh now">
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
        {exchange ? <HttpExchange exchange={exchange} client={client} title="POST to the token endpoint (grant_type=refresh_token)" /> : null}
      </Panel>
    </>
  );
}

export function RevokeStep({ flow, client, presenter }: { flow: GuidedFlow; client: Client; presenter: boolean }) {
  if (!flow.tokens) return <NotYet step="4" presenter={presenter} what="no tokens yet (steps 4–5)." />;
  const revocations = exchangesOf(flow, "revoke").filter((e) => e.request.method === "POST");
  const calls = exchangesOf(flow, "revoke").filter((e) => e.request.method === "GET");
  const lastCall = calls.at(-1);
  return (
    <>
      <Explanation>
        <p>
          MailDash tells LabMail it no longer needs the grant (RFC 7009): it revokes the refresh token, and LabMail ends the access tokens of the same
          grant. The mail API does not ask LabMail on every request; it re-checks a token by introspection (RFC 7662) at most every {describeDuration(LIFETIMES.introspection_cache.seconds)}. So the old
          access token may still work for a few seconds — try again.
        </p>
      </Explanation>
      {flow.errors.revoke ? (
        <Alert tone="error" title="Revocation failed.">
          <p>{flow.errors.revoke}</p>
        </Alert>
      ) : null}
      <Panel id="revoke" title="Revoke the grant">
        {flow.revoked ? (
          <p className="text-xl text-green-900">
            <span aria-hidden="true">✓ </span>Revoked at {new Date(flow.revoked.at).toLocaleTimeString("en-GB")}.
          </p>
        ) : (
          <ActionButton action="revoke" label="Revoke" presenter={presenter} />
        )}
        {revocations.map((e, i) => (
          <HttpExchange key={`${e.at}-${i}`} exchange={e} client={client} title="POST to the revocation endpoint" />
        ))}
      </Panel>
      {flow.revoked ? (
        <Panel id="after" title="The old access token at the mail API">
          <ActionButton action="call-mail-api-again" label="Try the mail API again" presenter={presenter} tone={lastCall ? "secondary" : "primary"} />
          {lastCall ? <MailCall exchange={lastCall} client={client} title={`GET /v1/messages with the old access token (attempt ${calls.length})`} /> : null}
        </Panel>
      ) : null}
    </>
  );
}
