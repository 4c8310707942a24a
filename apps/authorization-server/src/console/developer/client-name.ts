// A registered client's name, shown on the consent screen: readable, short, and never a lab app's name.
import { DEVELOPER_CONSOLE, RESERVED_CLIENT_NAMES } from "@oauth-flow-lab/lab";

export type ClientNameProblem = "name_length" | "name_characters" | "name_reserved";

/** Lowercase letters and digits only, after Unicode compatibility folding: "Ｍail-Dash" → "maildash". */
function fold(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The problem with a client name (already trimmed), or null. Control and formatting characters are
 * refused (a right-to-left override can make a name read as another); so is any name that contains a
 * lab app's name (RESERVED_CLIENT_NAMES), whatever its case, spacing or punctuation.
 */
export function clientNameProblem(name: string): ClientNameProblem | null {
  const length = [...name].length;
  if (length < DEVELOPER_CONSOLE.nameMinLength || length > DEVELOPER_CONSOLE.nameMaxLength) return "name_length";
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return "name_characters";
  const folded = fold(name);
  if (RESERVED_CLIENT_NAMES.some((reserved) => folded.includes(fold(reserved)))) return "name_reserved";
  return null;
}
