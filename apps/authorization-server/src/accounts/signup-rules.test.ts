// The sign-up rules: each refusal has its own clear message.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkDisplayName, checkPassword, checkSignupForm, checkUsername, normalizeUsername, SIGNUP_MESSAGES } from "./signup-rules";

test("usernames: a safe pattern, compared lowercased", () => {
  assert.equal(checkUsername("student-07"), undefined);
  assert.equal(checkUsername("Ada.Lovelace"), undefined);
  assert.equal(normalizeUsername("  Ada.Lovelace "), "ada.lovelace");
  for (const bad of ["ab", "-ada", "ada-", "ada lovelace", "ada@labmail", "<script>", "a".repeat(33), "élodie", ""]) {
    assert.equal(checkUsername(bad), "username_pattern", bad);
  }
});

test("display names: 1 to 80 printable characters", () => {
  assert.equal(checkDisplayName("Ada Lovelace"), undefined);
  assert.equal(checkDisplayName("Zoë Ødegård"), undefined);
  for (const bad of ["", "   ", "a".repeat(81), "Ada\nLovelace", "Ada\u0000"]) assert.ok(checkDisplayName(bad), JSON.stringify(bad));
});

test("passwords: length, not the username, not a common one", () => {
  assert.equal(checkPassword("correct horse battery", "ada"), undefined);
  assert.equal(checkPassword("short-pass1", "ada"), "password_short");
  assert.match(SIGNUP_MESSAGES.password_short, /at least 12 characters/);
  assert.equal(checkPassword("x".repeat(129), "ada"), "password_long");
  assert.equal(checkPassword("my-name-is-ADA-lovelace", "Ada"), "password_username");
  assert.equal(checkPassword("Password1234", "ada"), "password_common");
  assert.equal(checkPassword("zzzzzzzzzzzzzz", "ada"), "password_common");
});

test("the whole form: every problem at once, none for a good form", () => {
  assert.equal(checkPassword("correct horse battery", "Ada"), undefined);
  assert.deepEqual(checkSignupForm({ username: "ada", name: "Ada", password: "a long passphrase" }), {});
  const problems = checkSignupForm({ username: "a", name: "", password: "short" });
  assert.deepEqual(Object.keys(problems), ["username", "name", "password"]);
});
