import assert from "node:assert/strict";
import { test } from "node:test";
import { calculateCodeChallenge, generateCodeVerifier, isValidCodeVerifier, verifyCodeChallenge } from "./pkce.ts";

test("RFC 7636 Appendix B: the S256 challenge of the example verifier", () => {
  assert.equal(calculateCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
});

test("RFC 7636 §4.1: verifier length 43..128 and unreserved characters only", () => {
  assert.equal(isValidCodeVerifier("a".repeat(42)), false);
  assert.equal(isValidCodeVerifier("a".repeat(43)), true);
  assert.equal(isValidCodeVerifier("a".repeat(128)), true);
  assert.equal(isValidCodeVerifier("a".repeat(129)), false);
  assert.equal(isValidCodeVerifier(`${"a".repeat(42)}+`), false);
  assert.equal(isValidCodeVerifier(generateCodeVerifier()), true);
});

test("RFC 7636 §4.6: only the matching verifier passes", () => {
  const verifier = generateCodeVerifier();
  const challenge = calculateCodeChallenge(verifier);
  assert.equal(verifyCodeChallenge(verifier, challenge), true);
  assert.equal(verifyCodeChallenge(generateCodeVerifier(), challenge), false);
  assert.equal(verifyCodeChallenge(verifier, challenge.slice(1)), false);
});
