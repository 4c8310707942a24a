// The answer to a registration or a rotation: the one and only time a client secret is shown. It is the
// body of the POST's response (never a URL, never a page a GET can fetch again), with Cache-Control:
// no-store so that no cache or back button keeps it.
import "server-only";
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

export type SecretPage = {
  title: string;
  heading: string;
  client: { client_id: string; name: string };
  /** null for a public client: nothing secret to show. */
  client_secret: string | null;
  /** Plain sentences, escaped here. */
  notes: string[];
  status: number;
};

export function secretPageResponse(page: SecretPage): Response {
  const row = (label: string, id: string, value: string) =>
    `<dt>${escapeHtml(label)}</dt><dd><code id="${id}">${escapeHtml(value)}</code></dd>`;
  const secret = page.client_secret === null ? "" : `${row("client_secret", "client_secret", page.client_secret)}`;
  const warning =
    page.client_secret === null
      ? ""
      : `<p class="warn" role="alert"><strong>Copy the secret now.</strong> LabMail keeps only its SHA-256 hash: this page is the only time it is shown. Lost it? Rotate it from the console.</p>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(page.title)} · LabMail Accounts</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;margin:0;display:flex;justify-content:center;min-height:100vh}
main{background:#fff;width:100%;max-width:48rem;margin:1.5rem 1rem;padding:2.5rem;border-radius:1rem;box-shadow:0 10px 30px rgba(15,23,42,.1);border-top:8px solid #2563eb;align-self:flex-start}
.brand{font-weight:700;color:#1d4ed8;letter-spacing:.02em;margin:0 0 1.5rem;font-size:1.125rem}h1{font-size:1.875rem;margin:0 0 1rem}
p{font-size:1.1rem;line-height:1.6}dl{margin:1.5rem 0}dt{font-weight:600;margin-top:1rem;font-family:ui-monospace,monospace}
dd{margin:.25rem 0 0}code{display:block;background:#f1f5f9;border:1px solid #cbd5e1;border-radius:.5rem;padding:.6rem .8rem;font-size:1rem;word-break:break-all;user-select:all}
.warn{background:#fffbeb;border:1px solid #f59e0b;color:#78350f;border-radius:.5rem;padding:.75rem 1rem}
a{color:#1d4ed8;font-weight:600}</style></head>
<body><main><p class="brand">LabMail Accounts · Developer console</p><h1>${escapeHtml(page.heading)}</h1>
${warning}
<dl>${row("Name", "client_name", page.client.name)}${row("client_id", "client_id", page.client.client_id)}${secret}</dl>
${page.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join("\n")}
<p><a href="/developer/clients/${encodeURIComponent(page.client.client_id)}">Manage this client</a> · <a href="/developer">Back to the developer console</a></p>
</main></body></html>`;
  return new Response(html, {
    status: page.status,
    headers: { "Content-Type": "text/html; charset=utf-8", ...NO_STORE_HEADERS },
  });
}
