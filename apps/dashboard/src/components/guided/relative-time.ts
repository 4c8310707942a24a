// JWT NumericDate values (RFC 7519 §2) in words: "14:05:09", "in 9 min", "3 min ago". Pure, shared by
// the server render and the ticking client component, and tested.

/** "in 9 min", "3 min ago", "in 45 s", "now"; hours and days past an hour. `epoch` in seconds, `nowMs` in ms. */
export function relativeTime(epoch: number, nowMs: number): string {
  const delta = Math.round(epoch - nowMs / 1000);
  const size = Math.abs(delta);
  if (size < 2) return "now";
  let amount: string;
  if (size < 60) amount = `${size} s`;
  else if (size < 3600) amount = `${Math.round(size / 60)} min`;
  else if (size < 86_400) {
    const hours = Math.floor(size / 3600);
    const minutes = Math.round((size % 3600) / 60);
    amount = minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  } else {
    const days = Math.round(size / 86_400);
    amount = `${days} day${days === 1 ? "" : "s"}`;
  }
  return delta > 0 ? `in ${amount}` : `${amount} ago`;
}

/** "Mon 30 Nov, 21:34:05" (or "21:34:05" when `timeOnly`) in `timeZone` (the browser's when undefined). */
export function readableTime(epoch: number, timeZone?: string, timeOnly = false): string {
  const date = timeOnly ? {} : ({ weekday: "short", day: "numeric", month: "short" } as const);
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    ...date,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(epoch * 1000));
}
