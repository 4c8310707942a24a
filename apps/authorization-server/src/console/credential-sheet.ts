// The printable sheet of new one-time passwords: the answer to the console's POST, never stored and
// never in a URL (so the browser's history and the server's logs never hold a password). A complete
// HTML document with its own print style: one slip per student, cut along the dashed lines.
import "server-only";
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import type { IssuedCredentials } from "./class-accounts";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f1f5f9;color:#0f172a;margin:0}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem}
.brand{font-weight:700;color:#1d4ed8;letter-spacing:.02em}
h1{font-size:2rem;margin:.5rem 0 1rem}
.note{background:#fffbeb;border:1px solid #f59e0b;border-radius:.75rem;padding:1rem 1.25rem;font-size:1.1rem;line-height:1.5}
.actions{display:flex;gap:1rem;margin:1.25rem 0 1.5rem;font-size:1.1rem}
.actions a{color:#1d4ed8;font-weight:600}
.slips{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
.slip{background:#fff;border:2px dashed #64748b;border-radius:.75rem;padding:1rem 1.25rem;break-inside:avoid;page-break-inside:avoid}
.slip h2{font-size:1.25rem;margin:0 0 .5rem}
.slip dl{margin:0}
.slip dt{color:#475569;font-size:.95rem}.slip dd{margin:0 0 .5rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.3rem;font-weight:700;overflow-wrap:anywhere}
.slip p{margin:.75rem 0 0;color:#475569;font-size:.95rem}
@media print{body{background:#fff}main{max-width:none;padding:0}.screen-only{display:none}.slip{border-color:#000}.slips{grid-template-columns:repeat(2,1fr)}}`;

/** The sheet for accounts just created (or a password just reset): status 200, `Cache-Control: no-store`. */
export function credentialSheet(accounts: readonly IssuedCredentials[], heading: string): Response {
  const slips = accounts
    .map(
      (a) => `<li class="slip"><h2>${escapeHtml(a.name)}</h2><dl>
<dt>Username</dt><dd>${escapeHtml(a.username)}</dd>
<dt>One-time password</dt><dd>${escapeHtml(a.password)}</dd></dl>
<p>Sign in to MailDash with LabMail. You will then choose your own password.</p></li>`,
    )
    .join("\n");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(heading)} · LabMail teacher console</title><style>${STYLE}</style></head>
<body><main><p class="brand">LabMail Accounts · Teacher console</p><h1>${escapeHtml(heading)}</h1>
<div class="screen-only"><p class="note">These one-time passwords are shown <strong>only now</strong>: LabMail keeps only a hash of them.
Print this page (Ctrl+P) or copy them before you leave it. Each student chooses a new password at their first sign-in; the one-time password then stops working.</p>
<p class="actions"><a href="/console">Back to the teacher console</a></p></div>
<ul class="slips" aria-label="Accounts">${slips}</ul></main></body></html>`;
  return new Response(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Referrer-Policy": "no-referrer", ...NO_STORE_HEADERS },
  });
}
