/** A guided-flow button: a plain form POST (works without JavaScript), answered with a 303. */
export function ActionButton({
  action,
  label,
  presenter,
  tone = "primary",
  fields = {},
}: {
  action: string;
  label: string;
  presenter: boolean;
  tone?: "primary" | "secondary" | "demo";
  /** More hidden form fields, e.g. the page to come back to. */
  fields?: Record<string, string>;
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
      <button type="submit" className={`inline-flex items-center rounded-xl px-7 py-3.5 text-xl font-semibold transition ${style}`}>
        {label}
      </button>
    </form>
  );
}
