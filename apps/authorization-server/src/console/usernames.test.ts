// Usernames derived from pasted names: the documented rules, and uniqueness within a paste and
// against existing accounts; every result passes the sign-up rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkUsername } from "../accounts/signup-rules";
import { deriveUsername, deriveUsernames, usernameBase } from "./usernames";

test("first and last word, lowercased, accents dropped, other characters removed", () => {
  assert.equal(usernameBase("Ada Lovelace"), "ada.lovelace");
  assert.equal(usernameBase("  Ada   King  Lovelace "), "ada.lovelace");
  assert.equal(usernameBase("José María García-Núñez"), "jose.garcianunez");
  assert.equal(usernameBase("Zoë"), "zoe");
  assert.equal(usernameBase("O'Brien, Seán"), "obrien.sean");
  assert.equal(usernameBase("李小龍"), "student");
  assert.equal(usernameBase(`${"a".repeat(20)} ${"b".repeat(20)}`).length, 32);
});

test("taken names get the smallest free number; short ones start at 1; a paste is unique in itself", () => {
  assert.equal(deriveUsername("Ada Lovelace", new Set(["ada.lovelace"])), "ada.lovelace2");
  assert.equal(deriveUsername("Ada Lovelace", new Set(["ada.lovelace", "ada.lovelace2"])), "ada.lovelace3");
  assert.equal(deriveUsername("Al", new Set()), "al1");
  assert.deepEqual(deriveUsernames(["Ada Lovelace", "Ada Lovelace", "李", "王"], new Set(["student"])), [
    "ada.lovelace",
    "ada.lovelace2",
    "student2",
    "student3",
  ]);
  const long = `${"a".repeat(20)} ${"b".repeat(20)}`;
  const taken = new Set([usernameBase(long)]);
  const next = deriveUsername(long, taken);
  assert.equal(next.length, 32);
  assert.ok(next.endsWith("2"));
});

test("every derived username passes the sign-up rules", () => {
  const names = ["Ada Lovelace", "X", "Ab", "--", ". .", "Émile Zola", "1 2", `${"z".repeat(40)}`, "a.b c.d"];
  for (const username of deriveUsernames(names, new Set())) assert.equal(checkUsername(username), undefined, username);
});
