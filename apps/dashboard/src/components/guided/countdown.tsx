"use client";

import { useEffect, useState } from "react";
import { formatCountdown, secondsLeft } from "@/lib/guided/countdown";

/**
 * Seconds left until `until` (epoch seconds), ticking every second. The first render uses the server's
 * clock (`nowMs`), so server and browser render the same text.
 */
export function Countdown({
  until,
  nowMs,
  label,
  expiredText = "expired",
}: {
  until: number;
  nowMs: number;
  label: string;
  expiredText?: string;
}) {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsLeft(until, now);
  return (
    <span role="timer" aria-label={label} className={`font-mono font-bold tabular-nums ${left > 0 ? "text-slate-900" : "text-red-800"}`}>
      {left > 0 ? formatCountdown(left) : expiredText}
    </span>
  );
}
