"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { AUTO_DELAYS, AUTO_STORAGE_KEY, type AutoAction, type AutoState, describeAutoAction, parseAutoState } from "@/lib/guided/auto-mode";

function store(state: AutoState) {
  try {
    sessionStorage.setItem(AUTO_STORAGE_KEY, JSON.stringify(state));
  } catch {
    // storage off: auto mode lasts for this page only
  }
}

/**
 * Auto mode: after the chosen delay, goes to the next step or presses this step's button; stops where
 * only the person can act. On across page loads (sessionStorage), off on any key or the Stop button.
 */
export function AutoMode({ action, href }: { action: AutoAction; href: string | undefined }) {
  const router = useRouter();
  const id = useId();
  const [state, setState] = useState<AutoState>({ running: false, delay: 3 });
  const [left, setLeft] = useState<number | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);

  const update = (next: AutoState) => {
    setState(next);
    store(next);
  };

  useEffect(() => {
    setState(parseAutoState(sessionStorage.getItem(AUTO_STORAGE_KEY)));
  }, []);

  // Any key stops it: the presenter has taken over.
  useEffect(() => {
    if (!state.running) return;
    const onKey = () => {
      const stopped = { ...state, running: false };
      setState(stopped);
      store(stopped);
      setNote("Stopped by a key press.");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state]);

  useEffect(() => {
    setLeft(undefined);
    if (!state.running) return;
    if (action.kind === "stop") {
      const stopped = { ...state, running: false };
      setState(stopped);
      store(stopped);
      setNote(action.message);
      return;
    }
    if (action.kind === "wait") return;
    let remaining = state.delay;
    setLeft(remaining);
    const timer = setInterval(() => {
      remaining -= 1;
      setLeft(remaining);
      if (remaining > 0) return;
      clearInterval(timer);
      if (action.kind === "navigate" && href) router.push(href);
      else if (action.kind === "press") {
        const form = document.querySelector<HTMLFormElement>(`form[action="/guided/actions/${action.action}"]`);
        if (form) form.requestSubmit();
        else setNote(`Could not find “${action.label}” on this page.`);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [state, action, href, router]);

  const status = state.running ? describeAutoAction(action, state.delay) : note;
  return (
    <fieldset aria-label="Auto mode" className="flex flex-wrap items-center gap-3 rounded-xl border-0 bg-slate-100 px-4 py-2">
      <label htmlFor={`${id}-delay`} className="text-lg font-semibold">
        Auto: every
      </label>
      <select
        id={`${id}-delay`}
        value={state.delay}
        onChange={(event) => {
          const delay = AUTO_DELAYS.find((d) => String(d) === event.target.value) ?? state.delay;
          update({ ...state, delay });
        }}
        className="rounded-lg border-2 border-slate-300 bg-white px-2 py-1 text-lg"
      >
        {AUTO_DELAYS.map((d) => (
          <option key={d} value={d}>
            {d} s
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => {
          setNote(state.running ? "Stopped." : undefined);
          update({ ...state, running: !state.running });
        }}
        className={`rounded-lg px-4 py-1.5 text-lg font-semibold ${state.running ? "bg-red-700 text-white hover:bg-red-800" : "bg-slate-800 text-white hover:bg-slate-900"}`}
      >
        {state.running ? "Stop auto" : "Start auto"}
      </button>
      <p role="status" className="text-lg text-slate-800">
        {status}
        {state.running && left !== undefined && left > 0 && action.kind !== "wait" ? (
          <span aria-hidden="true" className="ml-2 font-mono font-bold tabular-nums">
            ({left})
          </span>
        ) : null}
      </p>
    </fieldset>
  );
}
