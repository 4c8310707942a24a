// Dates and addresses as the inbox shows them. Pure functions, so they can be tested.

type Address = { name?: string | null | undefined; address: string };

/** "Alice Martin" or, without a display name, the address. */
export function displayName(a: Address): string {
  return a.name?.trim() || a.address;
}

/** "Alice Martin <alice@labmail.test>". */
export function fullAddress(a: Address): string {
  const name = a.name?.trim();
  return name ? `${name} <${a.address}>` : a.address;
}

/** In the list: the time for today's mail, the day for this year's, the full date otherwise. */
export function formatListDate(iso: string, now: Date = new Date(), timeZone?: string): string {
  const date = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  if (day(date) === day(now)) {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(date);
  }
  const year = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric" }).format(d);
  if (year(date) === year(now)) {
    return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(date);
  }
  return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** On a message: "Tue 25 Nov 2026, 14:05". */
export function formatFullDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** A message body split into paragraphs at blank lines. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
