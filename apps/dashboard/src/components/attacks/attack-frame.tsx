import Link from "next/link";
import type { ReactNode } from "react";
import { scenarioPath } from "@/lib/attacks/catalog";

/**
 * The frame of every attack lab page: where we are, the title, and the presenter switch. Presenter
 * mode (`?presenter=1`) tightens everything for a 1280×720 projector.
 */
export function AttackFrame({
  scenarioId,
  presenter,
  title,
  subtitle,
  children,
}: {
  scenarioId: string | undefined;
  presenter: boolean;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  const here = scenarioPath(scenarioId, false);
  return (
    <div className={`mx-auto flex max-w-6xl flex-col ${presenter ? "gap-3 px-6 py-4" : "gap-6 px-8 py-8"}`}>
      <header className={`flex flex-col ${presenter ? "gap-1" : "gap-2"}`}>
        <nav aria-label="Breadcrumb">
          <p
            className={`flex flex-wrap items-center gap-x-4 font-semibold tracking-wide text-blue-700 uppercase ${presenter ? "text-base" : "text-lg"}`}
          >
            <Link href="/" className="underline-offset-4 hover:underline">
              MailDash
            </Link>
            <span aria-hidden="true">›</span>
            <Link href={scenarioPath(undefined, presenter)} className="underline-offset-4 hover:underline">
              Attack lab
            </Link>
          </p>
        </nav>
        <h1 className={`font-bold tracking-tight ${presenter ? "text-2xl" : "text-4xl"}`}>{title}</h1>
        {subtitle ? <div className={presenter ? "text-base text-slate-800" : "text-lg text-slate-700"}>{subtitle}</div> : null}
      </header>
      <main className={`flex flex-col ${presenter ? "gap-3" : "gap-6"}`}>{children}</main>
      <footer className="flex flex-wrap items-center justify-end gap-4 border-t-2 border-slate-200 pt-4 text-base">
        <Link href={presenter ? here : scenarioPath(scenarioId, true)} className="font-medium text-blue-800 underline">
          {presenter ? "Leave presenter mode" : "Presenter mode"}
        </Link>
      </footer>
    </div>
  );
}
