/**
 * Scenario 5's attacker's page, for real: LabMail's login and consent page in a frame, made visible here
 * (an attacker would make it transparent and put a decoy under it). The browser keeps the frame blank.
 */
export function ClickjackFrame({ src, presenter }: { src: string; presenter: boolean }) {
  return (
    <section
      aria-labelledby="attacker-page"
      className={`flex flex-col rounded-2xl bg-white shadow-sm ring-2 ring-red-200 ${presenter ? "gap-1.5 px-5 py-3" : "gap-3 p-6"}`}
    >
      <h2 id="attacker-page" className={presenter ? "text-xl font-semibold" : "text-2xl font-semibold"}>
        The attacker&apos;s page
      </h2>
      <p className={presenter ? "text-base" : "text-lg"}>
        This frame loads LabMail&apos;s consent page (an attacker would make it invisible, over a decoy button). This page allows the frame;
        it stays blank because LabMail&apos;s own answer says <code className="font-mono">frame-ancestors &apos;none&apos;</code>, and the
        browser obeys it. The run also reads that header itself.
      </p>
      <div className={`relative overflow-hidden rounded-xl bg-slate-50 ring-1 ring-slate-300 ${presenter ? "h-28" : "h-56"}`}>
        <iframe title="LabMail's consent page, framed by the attacker's page" src={src} className="h-full w-full" data-clickjack-frame="" />
      </div>
    </section>
  );
}
