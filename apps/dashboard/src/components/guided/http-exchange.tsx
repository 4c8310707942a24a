import type { ReactNode } from "react";
import { type Exchange, maskExchange } from "@/lib/guided/transcript";

function prettyBody(body: string | undefined, contentType: string | undefined): string {
  if (!body) return "";
  if (contentType?.includes("json")) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body;
}

/** The request line and headers as on the wire (RFC 9112 §3): `POST /token HTTP/1.1`, `Host: …`. */
function requestText(request: Exchange["request"]): string {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(request.headers)) if (name !== "host") lines.push(`${name}: ${value}`);
  const contentType = request.headers["content-type"];
  return [...lines, ...(request.body ? ["", prettyBody(request.body, contentType)] : [])].join("\n");
}

function responseText(response: NonNullable<Exchange["response"]>): string {
  const lines = [`HTTP/1.1 ${response.status}`];
  for (const [name, value] of Object.entries(response.headers)) lines.push(`${name}: ${value}`);
  return [...lines, ...(response.body ? ["", prettyBody(response.body, response.headers["content-type"])] : [])].join("\n");
}

const preBase = "overflow-auto rounded-xl bg-slate-900 font-mono whitespace-pre-wrap break-all text-slate-50";
const pre = `max-h-[28rem] p-5 text-base leading-relaxed ${preBase}`;
const preCompact = `max-h-[16rem] px-4 py-3 text-sm leading-snug ${preBase}`;

/** "HTTP/1.1 200", or what happened instead. */
export function statusLine(exchange: Exchange): string {
  if (exchange.response) return `HTTP/1.1 ${exchange.response.status}`;
  return exchange.error ? `no response: ${exchange.error}` : "answered to the browser";
}

/**
 * One exchange of the transcript, raw, as the recording fetch captured it. The client secret is masked
 * (the Basic header shows only the part that encodes the client_id); a disclosure reveals the real
 * header for whoever asks. `client` is always the guided flow's own registration, never the dashboard's.
 * `focus` (presenter mode) shows one side in small type and folds the other away.
 */
export function HttpExchange({
  exchange,
  client,
  title,
  focus,
}: {
  exchange: Exchange;
  client: { client_id: string; client_secret: string };
  title: string;
  focus?: "request" | "response" | undefined;
}) {
  const shown = maskExchange(exchange, client);
  const basic = Object.entries(exchange.request.headers).find(([name, value]) => name === "authorization" && /^Basic\s/i.test(value))?.[1];
  const channel = exchange.channel === "back" ? "back channel: MailDash's server ↔ server" : "front channel: through your browser";
  const requestBlock = (
    <pre tabIndex={0} aria-label={`${title}: request`} className={focus ? preCompact : pre}>
      {requestText(shown.request)}
    </pre>
  );
  const responseBlock = shown.response ? (
    <pre tabIndex={0} aria-label={`${title}: response`} className={focus ? preCompact : pre}>
      {responseText(shown.response)}
    </pre>
  ) : (
    <p className="rounded-xl bg-slate-100 p-5 text-lg text-slate-800">
      {exchange.error ? `No response: ${exchange.error}` : "The answer went to your browser, not to MailDash: LabMail's sign-in page."}
    </p>
  );
  const reveal = basic ? (
    <details className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-1.5 text-base text-amber-950">
      <summary className="cursor-pointer font-semibold">Reveal the Authorization header (contains the guided client&apos;s secret)</summary>
      <p className="mt-2">
        Base64 of <code className="font-mono">client_id:client_secret</code> — encoded, not encrypted. This is the secret of{" "}
        <code className="font-mono">{client.client_id}</code>, a registration that exists only for teaching: safe to show.
      </p>
      <code className="mt-1 block font-mono break-all">authorization: {basic}</code>
    </details>
  ) : null;
  const folded = (side: "Request" | "Response", block: ReactNode, summary: string) => (
    <details className="rounded-lg bg-slate-50 px-4 py-1.5 ring-1 ring-slate-200">
      <summary className="cursor-pointer text-base font-semibold text-slate-800">
        {side}: <code className="font-mono">{summary}</code>
      </summary>
      <div className="mt-2">{block}</div>
    </details>
  );
  if (focus) {
    const requestLine = `${shown.request.method} ${new URL(shown.request.url).pathname}`;
    return (
      <figure className="flex flex-col gap-2">
        <figcaption className="text-base font-semibold text-slate-800">
          {title} <span className="font-normal text-slate-700">({channel})</span>
        </figcaption>
        {focus === "request" ? (
          <>
            {requestBlock}
            {reveal}
            {folded("Response", responseBlock, statusLine(exchange))}
          </>
        ) : (
          <>
            {folded("Request", requestBlock, requestLine)}
            {responseBlock}
          </>
        )}
      </figure>
    );
  }
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-lg font-semibold text-slate-800">
        {title} <span className="font-normal text-slate-700">({channel})</span>
      </figcaption>
      <div className="grid gap-3 xl:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-base font-semibold tracking-wide text-slate-700 uppercase">Request</p>
          {requestBlock}
          {reveal}
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-base font-semibold tracking-wide text-slate-700 uppercase">Response</p>
          {responseBlock}
        </div>
      </div>
    </figure>
  );
}
