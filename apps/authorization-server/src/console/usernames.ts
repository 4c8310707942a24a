// Usernames for a class's accounts, derived from the names a teacher pasted. Deterministic, so that a
// teacher can predict them and a test can state them:
//
// 1. The name is split into words; accents are dropped (Unicode NFKD, combining marks removed: "José"
//    → "jose") and each word keeps only its letters a-z and digits, lowercased.
// 2. One word: that word. Several: the first and the last, joined by a dot ("Ada King Lovelace" →
//    "ada.lovelace"). Cut to 32 characters (the sign-up rules' maximum, signup-rules.ts USERNAME_PATTERN).
// 3. Nothing left (a name in a script without Latin letters, say): "student".
// 4. Taken (by an existing account or an earlier name of the same paste), or shorter than 3 characters:
//    the smallest number from 2 (from 1 for a too-short base) appended that makes it free, the base cut
//    so that the whole stays within 32 characters ("ada.lovelace2", "al1").
import { USERNAME_PATTERN } from "../accounts/signup-rules";

const MAX_LENGTH = 32;
const MIN_LENGTH = 3;
const FALLBACK = "student";

/** Steps 1 to 3: the username a name would get if nothing were taken. */
export function usernameBase(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[^a-z0-9]/g, ""))
    .filter((word) => word !== "");
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined) return FALLBACK;
  const joined = words.length === 1 ? first : `${first}.${last}`;
  return joined.slice(0, MAX_LENGTH).replace(/\.$/, "");
}

/** Step 4: the first free username for this name; `taken` is checked, not changed. */
export function deriveUsername(name: string, taken: ReadonlySet<string>): string {
  const base = usernameBase(name);
  if (base.length >= MIN_LENGTH && !taken.has(base)) return base;
  for (let n = base.length >= MIN_LENGTH ? 2 : 1; ; n++) {
    const suffix = String(n);
    const candidate = `${base.slice(0, MAX_LENGTH - suffix.length).replace(/\.$/, "")}${suffix}`;
    if (!taken.has(candidate) && USERNAME_PATTERN.test(candidate)) return candidate;
  }
}

/** Usernames for a whole paste, in order: each unique against `taken` and the ones before it. */
export function deriveUsernames(names: readonly string[], taken: ReadonlySet<string>): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    const username = deriveUsername(name, used);
    used.add(username);
    return username;
  });
}
