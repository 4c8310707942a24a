/** A guided-flow button: a plain form POST (works without JavaScript), answered with a 303. */
export function ActionButton({ action, label, presenter, tone = "primary" }: { action: string; label: string; presenter: boolean; tone?: "primary" | "secondary" }) {
  const style =
    tone === "primary"
      ? "bg-blue-700 text-white shadow-md hover:bg-blue-800"
      : "border-2 border-slate-300 bg-white text-slate-900 hover:bg-slate-100";
  return (
    <form method="post" action={`/guided/actions/${action}`}>
      {presenter ? <input type="hidden" name="presenter" value="1" /> : null}
      <button type="submit" className={`inline-flex items-center rounded-xl px-7 py-3.5 text-xl font-semibold transition ${style}`}>
        {label}
      </button>
    </form>
  );
}
