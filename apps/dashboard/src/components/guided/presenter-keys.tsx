"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/** Keys a presenter never wants taken away while typing. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Presenter mode's keyboard: → presses the footer's primary control (Next, or the action that must come
 * first), ← previous step, R starts over (a real POST, so the flow is ended on the server too).
 * Nothing happens while focus is in a form field or with a modifier.
 */
export function PresenterKeys({ previous, hasNext }: { previous: string | undefined; hasNext: boolean }) {
  const router = useRouter();
  const reset = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === "ArrowRight" && hasNext) {
        event.preventDefault();
        document.querySelector<HTMLElement>("[data-next-control]")?.click();
      } else if (event.key === "ArrowLeft" && previous) {
        event.preventDefault();
        router.push(previous);
      } else if (event.key === "r" || event.key === "R") {
        event.preventDefault();
        reset.current?.requestSubmit();
      }
    };
    window.addEventListener("keydown", onKey);
    // Says which page's keys are live: after a client-side navigation the keys belong to the new
    // page only once this effect ran (tests wait for it instead of racing the render).
    document.documentElement.dataset.presenterKeys = window.location.pathname;
    return () => {
      window.removeEventListener("keydown", onKey);
      delete document.documentElement.dataset.presenterKeys;
    };
  }, [router, hasNext, previous]);
  return (
    <form ref={reset} method="post" action="/guided/actions/reset" hidden>
      <input type="hidden" name="presenter" value="1" />
    </form>
  );
}
