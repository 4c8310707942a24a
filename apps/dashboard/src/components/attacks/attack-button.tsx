/** An attack lab button: a plain form POST (works without JavaScript), answered with a 303 back to the page. */
export function AttackButton({
  scenarioId,
  action,
  label,
  presenter,
  tone = "primary",
}: {
  scenarioId: string;
  action: "run" | "reset";
  label: string;
  presenter: boolean;
  tone?: "primary" | "secondary";
}) {
  const style =
    tone === "primary"
      ? "bg-red-700 text-white shadow-md hover:bg-red-800"
      : "border-2 border-slate-300 bg-white text-slate-900 hover:bg-slate-100";
  return (
    <form method="post" action={`/attacks/${encodeURIComponent(scenarioId)}/actions/${action}`}>
      {presenter ? <input type="hidden" name="presenter" value="1" /> : null}
      <button
        type="submit"
        className={`inline-flex items-center rounded-xl font-semibold transition ${presenter ? "px-6 py-2.5 text-lg" : "px-7 py-3.5 text-xl"} ${style}`}
      >
        {label}
      </button>
    </form>
  );
}
