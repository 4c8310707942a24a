import { maskExchange, type Exchange } from "@/lib/guided/transcript";

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

const pre = "max-h-[28rem] overflow-auto rounded-xl bg-slate-900 p-5 font-mono text-base leading-relaxed whitespace-pre-wrap break-all text-slate-50";

/**
 * One exchange of the transcript, raw, as the recording fetch captured it. The client secret is masked
 * (the Basic header shows only the part that encodes the client_id); a disclosure reveals the real
 * header for whoever asks. `client` is always the guided flow's own registration, never the dashboard's.
 */
export function HttpExchange({ exchange, client, title }: { exchange: Exchange; client: { client_id: string; client_secret: string }; title: string }) {
  const shown = maskExchange(exchange, client);
  const basic = Object.entries(exchange.request.headers).find(([name, value]) => name === "authorization" && /^Basic\s/i.test(value))?.[1];
  const channel = exchange.channel === "back" ? "back channel: MailDash's server ↔ server" : "front channel: through your browser";
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="text-lg font-semibold text-slate-800">
        {title} <span className="font-normal text-slate-700">({channel})</span>
      </figcaption>
      <div className="grid gap-3 xl:grid-cols-2">
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-base font-semibold tracking-wide text-slate-700 uppercase">Request</p>
          <pre tabIndex={0} aria-label={`${title}: request`} className={pre}>
            {requestText(shown.request)}
          </pre>
          {basic ? (
            <details className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-base text-amber-950">
              <summary className="cursor-pointer font-semibold">Reveal the Authorization header (contains the guided client&apos;s secret)</summary>
              <p className="mt-2">
                Base64 of <code className="font-mono">client_id:client_secret</code> — encoded, not encrypted. This is the secret of{" "}
                <code className="font-mono">{client.client_id}</code>, a registration that exists only for teaching: safe to show.
              </p>
              <code className="mt-1 block font-mono break-all">authorization: {basic}</code>
            </details>
          ) : null}
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-base font-semibold tracking-wide text-slate-700 uppercase">Response</p>
          {shown.response ? (
            <pre tabIndex={0} aria-label={`${title}: response`} className={pre}>
              {responseText(shown.response)}
            </pre>
          ) : (
            <p className="rounded-xl bg-slate-100 p-5 text-lg text-slate-800">
              {exchange.error ? `No response: ${exchange.error}` : "The answer went to your browser, not to MailDash: LabMail's sign-in page."}
            </p>
          )}
        </div>
      </div>
    </figure>
  );
}
