"use client";
// The class's progress, live: polls GET /console/progress every few seconds (the AS keeps the state in
// its database, so any instance answers the same) and re-renders. Without JavaScript it shows the state
// the page was rendered with.
import { ATTACK_OUTCOMES, GUIDED_STEP_COUNT } from "@oauth-flow-lab/lab";
import { useEffect, useState } from "react";
import type { StudentProgress } from "@/console/progress";

export function ClassProgress({ initial, csrfToken, pollSeconds }: { initial: StudentProgress[]; csrfToken: string; pollSeconds: number }) {
  const [students, setStudents] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch("/console/progress", { cache: "no-store", credentials: "same-origin" });
        if (response.ok && !stopped) setStudents(((await response.json()) as { students: StudentProgress[] }).students);
      } catch {
        // The next poll tries again.
      }
    };
    const timer = setInterval(poll, pollSeconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [pollSeconds]);

  if (students.length === 0) return <p className="text-lg text-slate-700">No students yet: create their accounts first.</p>;
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b-2 border-slate-200 text-slate-700">
          <th scope="col" className="py-2 pr-3">
            Student
          </th>
          <th scope="col" className="py-2 pr-3">
            Guided flow
          </th>
          <th scope="col" className="py-2 pr-3">
            Attack lab
          </th>
          <th scope="col" className="py-2">
            Account
          </th>
        </tr>
      </thead>
      <tbody>
        {students.map((s) => (
          <tr key={s.id} aria-label={s.name} className="border-b border-slate-100 align-top">
            <td className="py-3 pr-3">
              <p className="font-semibold">{s.name}</p>
              <p className="font-mono text-sm text-slate-600">{s.username}</p>
              <p className="text-sm text-slate-600">
                {s.disabled ? "Disabled" : s.mustChangePassword ? "Has not chosen a password yet" : "Active"}
              </p>
            </td>
            <td className="py-3 pr-3">
              {s.guidedStep === null ? (
                <span className="text-slate-600">Not started</span>
              ) : (
                <>
                  <p>
                    Step {s.guidedStep} of {GUIDED_STEP_COUNT}
                  </p>
                  <progress className="w-28" max={GUIDED_STEP_COUNT} value={s.guidedStep} aria-label={`${s.name}: guided flow`}>
                    {s.guidedStep}/{GUIDED_STEP_COUNT}
                  </progress>
                </>
              )}
            </td>
            <td className="py-3 pr-3">
              {s.attacks.length === 0 ? (
                <span className="text-slate-600">None run</span>
              ) : (
                <ul className="space-y-1">
                  {s.attacks.map((a) => (
                    <li key={a.scenario}>
                      Scenario {a.scenario}:{" "}
                      <strong className={a.outcome === "broken" ? "text-red-700" : undefined}>{ATTACK_OUTCOMES[a.outcome]}</strong>
                      <span className="text-sm text-slate-600">
                        {" "}
                        ({a.runs} {a.runs === 1 ? "run" : "runs"})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="py-3">
              <div className="flex flex-wrap gap-2">
                <form method="post" action={`/console/students/${encodeURIComponent(s.id)}/reset`}>
                  <input type="hidden" name="csrf_token" value={csrfToken} />
                  <button
                    type="submit"
                    aria-label={`Reset password of ${s.name}`}
                    className="rounded-lg border-2 border-slate-300 px-3 py-1 font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-4 focus:ring-slate-200"
                  >
                    Reset password
                  </button>
                </form>
                <form method="post" action={`/console/students/${encodeURIComponent(s.id)}/${s.disabled ? "enable" : "disable"}`}>
                  <input type="hidden" name="csrf_token" value={csrfToken} />
                  <button
                    type="submit"
                    aria-label={`${s.disabled ? "Enable" : "Disable"} ${s.name}`}
                    className={
                      s.disabled
                        ? "rounded-lg border-2 border-slate-300 px-3 py-1 font-semibold text-slate-800 hover:bg-slate-50 focus:outline-none focus:ring-4 focus:ring-slate-200"
                        : "rounded-lg bg-red-700 px-3 py-1 font-semibold text-white hover:bg-red-800 focus:outline-none focus:ring-4 focus:ring-red-300"
                    }
                  >
                    {s.disabled ? "Enable" : "Disable"}
                  </button>
                </form>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
