// One-time passwords for accounts a teacher creates or resets: random, readable on paper, shown once
// and stored only as an argon2id hash; the student must replace it at the first login.
import { randomInt } from "node:crypto";
import { ONE_TIME_PASSWORD_ALPHABET, TEACHER_CONSOLE } from "@oauth-flow-lab/lab";

/**
 * TEACHER_CONSOLE.oneTimePasswordLength symbols of ONE_TIME_PASSWORD_ALPHABET, each chosen with
 * crypto.randomInt (uniform, no modulo bias), grouped by dashes for reading aloud ("abcd-efgh-…").
 */
export function generateOneTimePassword(): string {
  const symbols = Array.from(
    { length: TEACHER_CONSOLE.oneTimePasswordLength },
    () => ONE_TIME_PASSWORD_ALPHABET[randomInt(ONE_TIME_PASSWORD_ALPHABET.length)],
  ).join("");
  return symbols.match(/.{1,4}/g)?.join("-") ?? symbols;
}
