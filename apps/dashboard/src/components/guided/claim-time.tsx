"use client";

import { useEffect, useState } from "react";
import { readableTime, relativeTime } from "./relative-time";

/**
 * A NumericDate claim (exp, iat, nbf, auth_time) as a readable time and "in 9 min" / "3 min ago". The
 * server renders it in UTC with its own clock; the browser then switches to its local time and ticks.
 */
export function ClaimTime({ epoch, nowMs, short = false }: { epoch: number; nowMs: number /** The time of day only. */; short?: boolean }) {
  const [view, setView] = useState<{ now: number; local: boolean }>({ now: nowMs, local: false });
  useEffect(() => {
    setView({ now: Date.now(), local: true });
    const timer = setInterval(() => setView({ now: Date.now(), local: true }), 5_000);
    return () => clearInterval(timer);
  }, []);
  const relative = relativeTime(epoch, view.now);
  const past = epoch * 1000 <= view.now;
  return (
    <span className="flex flex-wrap items-baseline gap-x-2">
      <time dateTime={new Date(epoch * 1000).toISOString()}>
        {view.local ? readableTime(epoch, undefined, short) : `${readableTime(epoch, "UTC", short)} UTC`}
      </time>
      <strong className={past ? "text-slate-800" : "text-green-900"}>({relative})</strong>
    </span>
  );
}
