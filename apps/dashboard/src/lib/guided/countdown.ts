// Formatting of the token lifecycle's countdowns. Pure, shared by the server render and the ticking
// client component.

/** Seconds left until `until` (epoch seconds) at `now` (epoch milliseconds); never negative. */
export function secondsLeft(until: number, nowMs: number): number {
  return Math.max(0, Math.ceil(until - nowMs / 1000));
}

/** "4:59", "1:02:03", or "expired" at zero. */
export function formatCountdown(seconds: number): string {
  if (seconds <= 0) return "expired";
  const s = Math.floor(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
