import type { ReactNode } from "react";

const TONES = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  info: "border-blue-300 bg-blue-50 text-blue-950",
} as const;

/** A banner: `role="alert"` for problems, `role="status"` for information. */
export function Alert({ tone, title, children }: { tone: keyof typeof TONES; title: string; children?: ReactNode }) {
  return (
    <div role={tone === "info" ? "status" : "alert"} className={`rounded-xl border-2 px-6 py-4 ${TONES[tone]}`}>
      <p className="text-lg font-semibold">{title}</p>
      {children ? <div className="mt-1 text-base">{children}</div> : null}
    </div>
  );
}
