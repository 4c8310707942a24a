// Developer console (issue 10): which redirect URIs a student may register (RFC 6749 §3.1.2, RFC 9700
// §4.1.3, RFC 8252 §7.3) and which client names (never a lab app's).
import assert from "node:assert/strict";
import { test } from "node:test";
import { clientNameProblem } from "./client-name";
import { redirectUriProblem } from "./redirect-uris";

test("https anywhere, and http on the loopback interface only, are accepted as typed", () => {
  for (const uri of [
    "https://app.example/callback",
    "https://app.example:8443/cb?x=1",
    "http://127.0.0.1:8080/callback",
    "http://[::1]:8080/callback",
    "http://localhost:3000/callback",
    "http://localhost/callback",
  ]) {
    assert.equal(redirectUriProblem(uri), null, uri);
  }
});

test("each bad form is refused, with its own reason", () => {
  const cases: [string, string][] = [
    ["http://app.example/callback", "redirect_uri_http_not_loopback"],
    ["http://127.0.0.2/callback", "redirect_uri_http_not_loopback"],
    ["http://localhost.evil.example/callback", "redirect_uri_http_not_loopback"],
    ["https://*.app.example/callback", "redirect_uri_wildcard"],
    ["https://app.example/callback/*", "redirect_uri_wildcard"],
    ["https://app.example/callback#x", "redirect_uri_fragment"],
    ["https://app.example/callback#", "redirect_uri_fragment"],
    ["https://maildash@evil.example/callback", "redirect_uri_userinfo"],
    ["https://user:pass@app.example/callback", "redirect_uri_userinfo"],
    ["http://@127.0.0.1/callback", "redirect_uri_userinfo"],
    ["/callback", "redirect_uri_relative"],
    ["app.example/callback", "redirect_uri_relative"],
    ["https://app.example/call back", "redirect_uri_relative"],
    ["javascript:alert(1)", "redirect_uri_scheme"],
    ["ftp://app.example/callback", "redirect_uri_scheme"],
    ["com.example.app:/callback", "redirect_uri_scheme"],
    [`https://app.example/${"a".repeat(600)}`, "redirect_uri_length"],
  ];
  for (const [uri, problem] of cases) assert.equal(redirectUriProblem(uri), problem, uri);
});

test("a client name: 3 to 60 characters, no control or formatting characters, no lab app's name", () => {
  assert.equal(clientNameProblem("Ada's mail sorter"), null);
  assert.equal(clientNameProblem("ab"), "name_length");
  assert.equal(clientNameProblem("x".repeat(61)), "name_length");
  assert.equal(clientNameProblem("tab\there"), "name_characters");
  // U+202E RIGHT-TO-LEFT OVERRIDE: reads as another name.
  assert.equal(clientNameProblem("my \u202Ehsadliam"), "name_characters");
  for (const name of ["MailDash", "maildash", "Mail Dash", "MAIL-DASH pro", "Ｍａｉｌ Dash", "LabMail helper", "Lab.Mail"]) {
    assert.equal(clientNameProblem(name), "name_reserved", name);
  }
});
