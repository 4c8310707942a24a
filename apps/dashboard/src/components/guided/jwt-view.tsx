import type { JwtReport } from "@/lib/guided/token-response";
import { CheckList } from "./check-list";

const block = "overflow-auto rounded-xl bg-slate-900 p-4 font-mono text-base leading-relaxed whitespace-pre-wrap break-all text-slate-50";

/** A JWT in its three parts (RFC 7519 §3): header, payload, signature, and whether the signature holds. */
export function JwtView({ report, title }: { report: JwtReport; title: string }) {
  const id = `jwt-${report.name}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border-2 border-slate-200 p-5">
      <h3 id={id} className="text-xl font-semibold">
        {title} <code className="font-mono text-lg text-slate-700">{report.name}</code>
      </h3>
      {report.verification.ok ? (
        <p className="rounded-lg bg-green-50 px-4 py-2 text-lg font-semibold text-green-900">
          <span aria-hidden="true">✓ </span>Signature verified against LabMail&apos;s JWKS ({String(report.header?.alg ?? "?")}, kid {String(report.header?.kid ?? "?")})
        </p>
      ) : (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-2 text-lg font-semibold text-red-900">
          <span aria-hidden="true">✗ </span>Signature NOT verified: {report.verification.reason}
        </p>
      )}
      <div className="grid gap-3 lg:grid-cols-[2fr_3fr]">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-base font-semibold text-red-800">Header</p>
          <pre tabIndex={0} aria-label={`${report.name} header`} className={block}>
            {JSON.stringify(report.header, null, 2)}
          </pre>
          <p className="mt-2 text-base font-semibold text-sky-800">Signature</p>
          <pre tabIndex={0} aria-label={`${report.name} signature`} className={block}>
            {report.signature}
          </pre>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <p className="text-base font-semibold text-violet-800">Payload (claims)</p>
          <pre tabIndex={0} aria-label={`${report.name} payload`} className={block}>
            {JSON.stringify(report.payload, null, 2)}
          </pre>
        </div>
      </div>
      {report.checks.length > 0 ? <CheckList items={report.checks} label={`MailDash's checks of the ${report.name}`} /> : null}
    </section>
  );
}
