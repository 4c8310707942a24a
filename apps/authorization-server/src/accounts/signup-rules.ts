// What a new account must look like (OWASP ASVS 2.1; NIST SP 800-63B §5.1.1.2). Pure functions: the
// sign-up form's messages come from here, and so do the unit tests.
//
// - username: 3 to 32 characters, lowercase letters, digits, ".", "_" or "-", starting and ending with
//   a letter or digit. Compared case-insensitively: it is stored lowercased (users.ts looks it up the
//   same way), and the unique index then refuses "Alice" when "alice" exists.
// - display name: 1 to 80 characters of printable text, no control characters.
// - password: at least PASSWORD_MIN_LENGTH (12) characters and at most PASSWORD_MAX_LENGTH (128), not
//   containing the username, not one character repeated, and not on a short list of the most common
//   passwords. No composition rules (NIST SP 800-63B §5.1.1.2: length beats "one digit, one symbol").
// Relative, not "@/": the teacher CLI (scripts/create-teacher.ts) imports these rules from outside the app.
import { isStorableText } from "../protocol/parameters";

export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{1,30})[a-z0-9]$/;
export const PASSWORD_MIN_LENGTH = 12;
/** argon2 would hash longer ones, but a bound keeps one request's work bounded. */
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 80;

/**
 * The most common passwords of 12 characters or more in public breach lists (the shorter ones are
 * already refused by the length rule), compared lowercased.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456789012",
  "1234567890123",
  "12345678901234",
  "123456789000",
  "111111111111",
  "000000000000",
  "password1234",
  "password12345",
  "password123456",
  "passwordpassword",
  "qwertyuiopasdfgh",
  "qwertyuiop123",
  "qwerty123456",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "iloveyou1234",
  "abcdefghijkl",
  "abcd1234abcd",
  "letmein12345",
  "welcome12345",
  "administrator",
  "changeme1234",
  "labmail12345",
  "labmailpassword",
]);

/** Every refusal, with the message the sign-up page shows for it. */
export const SIGNUP_MESSAGES = {
  username_pattern:
    "Choose a username of 3 to 32 characters: letters, digits, dots, dashes or underscores, starting and ending with a letter or digit.",
  username_taken: "This username is taken. Choose another one.",
  name: `Enter a display name of 1 to ${DISPLAY_NAME_MAX_LENGTH} characters, without line breaks.`,
  password_characters: "The password contains characters that cannot be used.",
  password_short: `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
  password_long: `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`,
  password_username: "The password must not contain your username.",
  password_common: "This password is too common and would be guessed quickly. Choose another one.",
} as const;
export type SignupProblem = keyof typeof SIGNUP_MESSAGES;

export function isSignupProblem(value: string): value is SignupProblem {
  return Object.hasOwn(SIGNUP_MESSAGES, value);
}

export type SignupForm = { username: string; name: string; password: string };
export type SignupField = keyof SignupForm;
/** One problem per field that is wrong, in the form's order. */
export type SignupProblems = Partial<Record<SignupField, SignupProblem>>;

/** The username as stored and compared: trimmed and lowercased. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function checkUsername(username: string): SignupProblem | undefined {
  return USERNAME_PATTERN.test(normalizeUsername(username)) ? undefined : "username_pattern";
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function checkDisplayName(name: string): SignupProblem | undefined {
  const trimmed = name.trim();
  const fine = trimmed !== "" && trimmed.length <= DISPLAY_NAME_MAX_LENGTH && !CONTROL.test(trimmed) && isStorableText(trimmed);
  return fine ? undefined : "name";
}

export function checkPassword(password: string, username: string): SignupProblem | undefined {
  if (!isStorableText(password)) return "password_characters";
  if ([...password].length < PASSWORD_MIN_LENGTH) return "password_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "password_long";
  const lower = password.toLowerCase();
  const user = normalizeUsername(username);
  if (user.length > 0 && lower.includes(user)) return "password_username";
  if (new Set(lower).size === 1 || COMMON_PASSWORDS.has(lower)) return "password_common";
  return undefined;
}

/** Every rule at once, so the form can show all its problems together. Empty when the form is fine. */
export function checkSignupForm(form: SignupForm): SignupProblems {
  const problems: SignupProblems = {};
  const username = checkUsername(form.username);
  if (username) problems.username = username;
  const name = checkDisplayName(form.name);
  if (name) problems.name = name;
  const password = checkPassword(form.password, form.username);
  if (password) problems.password = password;
  return problems;
}
