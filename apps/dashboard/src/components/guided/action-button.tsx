/** A guided-flow button: a plain form POST (works without JavaScript), answered with a 303. */
export function ActionButton({
  action,
  label,
  presenter,
  tone = "primary",
  fields = {},
  size = "large",
  nextControl = false,
}: {
  action: string;
  label: string;
  presenter: boolean;
  tone?: "primary" | "secondary" | "demo";
  /** More hidden form fields, e.g. the page to come back to. */
  fields?: Record<string, string>;
  /** "footer": the size of the Back / Next links. */
  size?: "large" | "footer";
  /** The footer's primary control: the presenter's → key presses it. */
  nextControl?: boolean;
}) {
  const style =
    tone === "primary"
      ? "bg-blue-700 text-white shadow-md hover:bg-blue-800"
      : tone === "demo"
        ? "border-2 border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100"
        : "border-2 border-slate-300 bg-white text-slate-900 hover:bg-slate-100";
  return (
    <form method="post" action={`/guided/actions/${action}`}>
      {presenter ? <input type="hidden" name="presenter" value="1" /> : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        data-next-control={nextControl ? "" : undefined}
        className={`inline-flex items-center rounded-xl font-semibold transition ${size === "footer" ? "px-6 py-3 text-lg" : "px-7 py-3.5 text-xl"} ${style}`}
      >
        {label}
        {nextControl ? <span aria-hidden="true">&nbsp;→</span> : null}
      </button>
    </form>
  );
}
