import { GUIDED_STEP_COUNT, TEACHER_CONSOLE } from "@oauth-flow-lab/lab";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NAMES_MESSAGES } from "@/console/class-accounts";
import { classProgress } from "@/console/progress";
import { currentTeacher } from "@/console/teacher-guard";
import { db } from "@/lib/db";
import { loadOrUnavailable } from "@/lib/http";
import { teachingMode } from "@/lib/trace";
import { ClassProgress } from "./class-progress";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Teacher console · LabMail Accounts", referrer: "no-referrer" };

const NOTICES: Record<string, { text: string; tone: "info" | "error" }> = {
  disabled: { text: "Account disabled: its sessions ended, its apps' access was revoked, and it can no longer sign in.", tone: "info" },
  enabled: { text: "Account enabled: the student can sign in again.", tone: "info" },
  unknown: { text: "That account is not one of your students.", tone: "error" },
  csrf: { text: "This form expired. Please try again.", tone: "error" },
  ...Object.fromEntries(Object.entries(NAMES_MESSAGES).map(([code, text]) => [code, { text, tone: "error" as const }])),
};

/** The teacher console: create a class's accounts, and follow the class's progress live. Teachers only. */
type ConsolePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** When the database is unreachable: the 503 page (lib/http.ts loadOrUnavailable), not Next's generic 500. */
export default async function ConsolePage(props: ConsolePageProps) {
  return loadOrUnavailable(() => consolePage(props), "/console");
}

async function consolePage({ searchParams }: ConsolePageProps) {
  const teacher = await currentTeacher();
  if (!teacher) redirect("/account?notice=teachers-only");
  const { notice } = await searchParams;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  const students = await classProgress(db(), teacher.user.id);
  return (
    <main className="mx-auto max-w-6xl p-6">
      <header className="mb-6 flex flex-wrap items-center gap-4">
        <p className="flex items-center gap-2 text-lg font-bold tracking-wide text-blue-700">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-lg bg-blue-600 text-center leading-7 text-white">
            L
          </span>
          LabMail Accounts
        </p>
        <p className="ml-auto text-slate-700">
          Signed in as <strong>{teacher.user.name}</strong> ·{" "}
          <a className="font-semibold text-blue-700 underline" href="/account">
            Your account
          </a>
        </p>
      </header>
      <h1 className="mb-6 text-3xl font-bold">Teacher console</h1>
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`mb-6 rounded-lg border px-4 py-3 text-lg font-medium ${
            message.tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-blue-200 bg-blue-50 text-blue-900"
          }`}
        >
          {message.text}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        <section aria-labelledby="create" className="rounded-2xl bg-white p-6 shadow">
          <h2 id="create" className="mb-2 text-xl font-semibold">
            Create accounts for a class
          </h2>
          <form method="post" action="/console/accounts" className="space-y-4">
            <input type="hidden" name="csrf_token" value={teacher.csrfToken} />
            <div>
              <label htmlFor="names" className="mb-1 block text-lg font-semibold">
                Names, one per line
              </label>
              <textarea
                id="names"
                name="names"
                required
                rows={8}
                aria-describedby="names-hint"
                className="w-full rounded-lg border border-slate-300 px-3 py-2 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100"
              />
              <p id="names-hint" className="mt-1 text-slate-600">
                Up to {TEACHER_CONSOLE.maxNamesPerBatch} names. Usernames are made from them (first.last); you get a printable sheet of
                one-time passwords, shown only once.
              </p>
            </div>
            <button
              type="submit"
              className="w-full rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
            >
              Create accounts
            </button>
          </form>
        </section>
        <section aria-labelledby="progress" className="rounded-2xl bg-white p-6 shadow">
          <h2 id="progress" className="mb-1 text-xl font-semibold">
            Class progress
          </h2>
          <p className="mb-4 text-slate-600">
            {teachingMode()
              ? `Updated every ${TEACHER_CONSOLE.progressPollSeconds} seconds: the guided flow's step (of ${GUIDED_STEP_COUNT}) and the attack-lab scenarios each student ran while signed in to MailDash.`
              : "Teaching mode is off: the guided flow and the attack lab are not running, so there is no progress to show."}
          </p>
          <ClassProgress initial={students} csrfToken={teacher.csrfToken} pollSeconds={TEACHER_CONSOLE.progressPollSeconds} />
        </section>
      </div>
    </main>
  );
}
