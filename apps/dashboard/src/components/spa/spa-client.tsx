"use client";
// The public client itself: every protocol step runs in this browser tab with oauth4webapi, one
// function per step. The PKCE verifier and state wait in sessionStorage across the redirect; the
// tokens live only in this component's memory and are gone when the tab closes.
import * as oauth from "oauth4webapi";
import { useEffect, useState } from "react";

type Props = { issuer: string; mailApiUrl: string; clientId: string; redirectUri: string };
type Entry = { title: string; detail: string; ok?: boolean };
type Message = { id: string; subject: string; from: { name: string } };

const PENDING = "maildash-lite:pending";
// The lab runs on loopback http; a real deployment is https and needs no such option.
const loopbackHttp = { [oauth.allowInsecureRequests]: true } as const;

export function SpaClient({ issuer, mailApiUrl, clientId, redirectUri }: Props) {
  const [log, setLog] = useState<Entry[]>([]);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [busy, setBusy] = useState(false);
  const client: oauth.Client = { client_id: clientId, id_token_signed_response_alg: "ES256" };
  const add = (entry: Entry) => setLog((l) => [...l, entry]);

  async function discover(): Promise<oauth.AuthorizationServer> {
    const url = new URL(issuer);
    return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: "oidc", ...loopbackHttp }));
  }

  /** Steps 1–2: prepare state and PKCE, remember them for the way back, go to the AS. */
  async function signIn() {
    setBusy(true);
    const as = await discover();
    const code_verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    sessionStorage.setItem(PENDING, JSON.stringify({ code_verifier, state }));
    const url = new URL(as.authorization_endpoint ?? `${issuer}/authorize`);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: "openid profile mail.read",
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(code_verifier),
      code_challenge_method: "S256",
      prompt: "consent",
    }).toString();
    window.location.assign(url);
  }

  /** Steps 3–6: check the response, redeem the code from the browser, call the mail API. */
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the browser comes back from LabMail.
  useEffect(() => {
    const current = new URL(window.location.href);
    if (!current.searchParams.has("code") && !current.searchParams.has("error")) return;
    const pending = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    window.history.replaceState(null, "", current.pathname); // the code must not stay in the address bar
    void (async () => {
      try {
        if (!pending) throw new Error("no sign-in was started in this tab");
        const { code_verifier, state } = JSON.parse(pending) as { code_verifier: string; state: string };
        const as = await discover();
        const params = oauth.validateAuthResponse(as, client, current, state);
        add({ title: "3. Code received; state and iss checked", detail: `code ${params.get("code")?.slice(0, 12)}…`, ok: true });
        const response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          oauth.None(),
          params,
          redirectUri,
          code_verifier,
          loopbackHttp,
        );
        add({
          title: "4. Token request sent from this browser",
          detail: `POST ${as.token_endpoint}\ncontent-type: application/x-www-form-urlencoded\n(no Authorization header: there is no secret)\n\ngrant_type=authorization_code&client_id=${clientId}&code=…&redirect_uri=…&code_verifier=${code_verifier.slice(0, 8)}…`,
        });
        const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
        add({
          title: "5. Tokens received, held in this page's memory",
          detail: `access_token ${tokens.access_token.slice(0, 24)}… (expires in ${tokens.expires_in ?? "?"} s)\nrefresh_token: ${tokens.refresh_token ? "yes" : "none (no offline_access for a browser app)"}`,
          ok: true,
        });
        const inbox = await fetch(`${mailApiUrl}/v1/messages?limit=5`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
        const body = (await inbox.json()) as { messages?: Message[] };
        add({
          title: "6. Mail API called from the browser (CORS allowed for this origin)",
          detail: `GET /v1/messages → ${inbox.status}`,
          ok: inbox.ok,
        });
        setMessages(body.messages ?? []);
      } catch (error) {
        add({ title: "The flow stopped", detail: error instanceof Error ? error.message : String(error), ok: false });
      }
    })();
    // Runs once, on the way back from the AS.
  }, []);

  return (
    <div className="mt-8 space-y-6">
      <section aria-labelledby="spa-start" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="spa-start" className="text-2xl font-bold text-slate-900">
          Try it
        </h2>
        <p className="mt-2 text-slate-700">
          Client <code className="rounded bg-slate-100 px-1.5">{clientId}</code>, redirect URI{" "}
          <code className="rounded bg-slate-100 px-1.5">{redirectUri}</code>, no secret. Open your browser's network tab to watch the token
          request leave this page.
        </p>
        <button
          type="button"
          onClick={() => void signIn()}
          disabled={busy}
          className="mt-4 rounded-lg bg-blue-700 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-4 focus:ring-blue-300 disabled:bg-blue-900"
        >
          Sign in with LabMail (public client)
        </button>
      </section>
      {log.length > 0 && (
        <section aria-labelledby="spa-log" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="spa-log" className="text-2xl font-bold text-slate-900">
            What happened
          </h2>
          <ol className="mt-4 space-y-3">
            {log.map((entry, i) => (
              <li key={i} className="rounded-lg border border-slate-200 p-4">
                <p className="text-lg font-semibold text-slate-900">
                  {entry.ok === undefined ? "" : entry.ok ? "✓ " : "✗ "}
                  {entry.title}
                </p>
                <pre className="mt-2 whitespace-pre-wrap break-all rounded bg-slate-900 p-3 font-mono text-sm text-slate-100">
                  {entry.detail}
                </pre>
              </li>
            ))}
          </ol>
        </section>
      )}
      {messages && (
        <section aria-labelledby="spa-inbox" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="spa-inbox" className="text-2xl font-bold text-slate-900">
            Inbox, fetched by the browser
          </h2>
          <ul aria-label="Messages" className="mt-4 divide-y divide-slate-200">
            {messages.map((m) => (
              <li key={m.id} className="py-3 text-lg">
                <span className="font-semibold text-slate-900">{m.from.name}</span> — {m.subject}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="spa-compare" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="spa-compare" className="text-2xl font-bold text-slate-900">
          Confidential vs public client
        </h2>
        <table className="mt-4 w-full text-left text-base">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2 pr-4">
                Step
              </th>
              <th scope="col" className="py-2 pr-4">
                MailDash (confidential)
              </th>
              <th scope="col" className="py-2">
                MailDash Lite (public)
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 text-slate-800">
            <tr>
              <td className="py-2 pr-4">1–2</td>
              <td className="py-2 pr-4">state, nonce, PKCE made on the server</td>
              <td className="py-2">state and PKCE made in the browser, kept in sessionStorage</td>
            </tr>
            <tr>
              <td className="py-2 pr-4">4</td>
              <td className="py-2 pr-4">server to server, with the client secret</td>
              <td className="py-2">from the browser, no secret: PKCE is the only proof</td>
            </tr>
            <tr>
              <td className="py-2 pr-4">5</td>
              <td className="py-2 pr-4">tokens in an encrypted HttpOnly cookie, never in JavaScript</td>
              <td className="py-2">tokens in page memory: an XSS bug could steal them</td>
            </tr>
            <tr>
              <td className="py-2 pr-4">Refresh</td>
              <td className="py-2 pr-4">rotating refresh token (offline_access)</td>
              <td className="py-2">none here: sign in again when the access token expires</td>
            </tr>
          </tbody>
        </table>
      </section>
    </div>
  );
}
