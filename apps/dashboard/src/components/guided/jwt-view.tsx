import type { JwtReport } from "@/lib/guided/token-response";
import { CheckList } from "./check-list";
import { claimMeaning, headerMeaning, TIME_CLAIMS } from "./claim-meanings";
import { ClaimTime } from "./claim-time";

const block = "overflow-auto rounded-xl bg-slate-900 p-4 font-mono text-base leading-relaxed whitespace-pre-wrap break-all text-slate-50";

function shownValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Names, values and a one-line meaning each: the JWT's header parameters or its claims. */
function ClaimTable({
  entries,
  label,
  describe,
  nowMs,
  color,
}: {
  entries: [string, unknown][];
  label: string;
  describe: (name: string) => { meaning: string; spec: string };
  nowMs: number;
  color: string;
}) {
  return (
    <table aria-label={label} className="w-full border-collapse text-left">
      <caption className={`pb-1 text-left text-base font-semibold ${color}`}>
        {label.endsWith("header") ? "Header" : "Payload (claims)"}
      </caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => {
          const { meaning, spec } = describe(name);
          return (
            <tr key={name} className="border-t border-slate-200 align-top">
              <th scope="row" className="py-1.5 pr-3 font-mono text-base font-semibold whitespace-nowrap">
                {name}
              </th>
              <td className="py-1.5 pr-3 font-mono text-base break-all">
                {TIME_CLAIMS.has(name) && typeof value === "number" ? (
                  <span className="flex flex-col">
                    <ClaimTime epoch={value} nowMs={nowMs} />
                    <span className="text-sm text-slate-700">{value}</span>
                  </span>
                ) : (
                  shownValue(value)
                )}
              </td>
              <td className="py-1.5 text-base text-slate-800">
                {meaning} <span className="text-sm whitespace-nowrap text-slate-700">{spec}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The signature verdict of a JWT, in one line. */
export function SignatureVerdict({ report, compact = false }: { report: JwtReport; compact?: boolean }) {
  if (compact) {
    return report.verification.ok ? (
      <span className="font-semibold text-green-900">
        <span aria-hidden="true">✓ </span>signature verified
      </span>
    ) : (
      <span className="font-semibold text-red-900">
        <span aria-hidden="true">✗ </span>Signature NOT verified: {report.verification.reason}
      </span>
    );
  }
  return report.verification.ok ? (
    <p className="rounded-lg bg-green-50 px-4 py-2 text-lg font-semibold text-green-900">
      <span aria-hidden="true">✓ </span>Signature verified against LabMail&apos;s JWKS ({String(report.header?.alg ?? "?")}, kid{" "}
      {String(report.header?.kid ?? "?")})
    </p>
  ) : (
    <p role="alert" className="rounded-lg bg-red-50 px-4 py-2 text-lg font-semibold text-red-900">
      <span aria-hidden="true">✗ </span>Signature NOT verified: {report.verification.reason}
    </p>
  );
}

/**
 * A JWT in its three parts (RFC 7519 §3): header, payload, signature, and whether the signature holds.
 * Every parameter and claim has its meaning beside it; time claims read as times ("in 9 min").
 */
export function JwtView({ report, title, nowMs }: { report: JwtReport; title: string; nowMs: number }) {
  const id = `jwt-${report.name}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border-2 border-slate-200 p-5">
      <h3 id={id} className="text-xl font-semibold">
        {title} <code className="font-mono text-lg text-slate-700">{report.name}</code>
      </h3>
      <SignatureVerdict report={report} />
      <ClaimTable
        entries={Object.entries(report.payload ?? {})}
        label={`${report.name} payload`}
        describe={claimMeaning}
        nowMs={nowMs}
        color="text-violet-800"
      />
      <ClaimTable
        entries={Object.entries(report.header ?? {})}
        label={`${report.name} header`}
        describe={headerMeaning}
        nowMs={nowMs}
        color="text-red-800"
      />
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-base font-semibold text-sky-800">Signature</p>
        <pre tabIndex={0} aria-label={`${report.name} signature`} className={block}>
          {report.signature}
        </pre>
      </div>
      {report.checks.length > 0 ? <CheckList items={report.checks} label={`MailDash's checks of the ${report.name}`} /> : null}
    </section>
  );
}
