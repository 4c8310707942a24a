import assert from "node:assert/strict";
import { test } from "node:test";
import { arrowName, exchangeHref, isArrowOfStep, laneOfUrl, sequenceDiagram } from "./sequence-diagram.ts";
import type { Exchange } from "./transcript.ts";

const origins = { authorization_server: "http://localhost:4000", mail_api: "http://localhost:4001" };
const at = "2026-01-01T00:00:00.000Z";
const transcript: Exchange[] = [
  {
    step: "2",
    channel: "front",
    at,
    request: { method: "GET", url: "http://localhost:4000/authorize?client_id=dashboard&state=s", headers: {} },
  },
  {
    step: "3",
    channel: "front",
    at,
    request: { method: "GET", url: "http://127.0.0.1:3000/guided/callback?code=c&state=s&iss=x", headers: {} },
    response: { status: 303, headers: {} },
  },
  {
    step: "4",
    channel: "back",
    at,
    request: { method: "POST", url: "http://localhost:4000/token", headers: {} },
    response: { status: 200, headers: {} },
  },
  {
    step: "6",
    channel: "back",
    at,
    request: { method: "GET", url: "http://localhost:4001/v1/messages?limit=5", headers: {} },
    response: { status: 200, headers: {} },
  },
  {
    step: "revoke",
    channel: "back",
    at,
    request: { method: "GET", url: "http://localhost:4001/v1/messages", headers: {} },
    error: "timeout",
  },
];

test("each party is found by the origin of the URL; anything else is MailDash", () => {
  assert.equal(laneOfUrl("http://localhost:4000/token", origins), "authorization-server");
  assert.equal(laneOfUrl("http://localhost:4001/v1/messages", origins), "mail-api");
  assert.equal(laneOfUrl("http://127.0.0.1:3000/guided/callback", origins), "dashboard");
  assert.equal(laneOfUrl("not a url", origins), "dashboard");
});

test("one arrow per exchange, in order, front channel from the browser, back channel from MailDash", () => {
  const arrows = sequenceDiagram(transcript, origins);
  assert.deepEqual(
    arrows.map((a) => [a.exchange, a.from, a.to, a.label, a.implied]),
    [
      [1, "browser", "authorization-server", "GET /authorize", false],
      [2, "authorization-server", "browser", "redirect to redirect_uri", true],
      [2, "browser", "dashboard", "GET /guided/callback → 303", false],
      [3, "dashboard", "authorization-server", "POST /token → 200", false],
      [4, "dashboard", "mail-api", "GET /v1/messages → 200", false],
      [5, "dashboard", "mail-api", "GET /v1/messages → failed", false],
    ],
  );
  assert.equal(arrows.at(-1)?.failed, true);
  assert.deepEqual(sequenceDiagram([], origins), []);
});

test("an arrow opens its exchange on the same page, and says what it is", () => {
  assert.equal(exchangeHref("/guided/5", 3), "/guided/5?exchange=3#exchange-3");
  assert.equal(exchangeHref("/guided/5?presenter=1", 3), "/guided/5?presenter=1&exchange=3#exchange-3");
  const arrow = sequenceDiagram(transcript, origins)[3];
  assert.ok(arrow);
  assert.equal(arrowName(arrow), "Exchange 3, step 4: MailDash server to LabMail AS, POST /token → 200");
});

test("the current step's arrows: its own, and on step 5 the token exchange it shows the answer of", () => {
  const arrows = sequenceDiagram(transcript, origins);
  assert.deepEqual(
    arrows.filter((a) => isArrowOfStep(a, "3")).map((a) => a.label),
    ["redirect to redirect_uri", "GET /guided/callback → 303"],
  );
  assert.deepEqual(
    arrows.filter((a) => isArrowOfStep(a, "5")).map((a) => a.label),
    ["POST /token → 200"],
  );
  const userinfo: Exchange = {
    step: "5",
    channel: "back",
    at,
    request: { method: "GET", url: "http://localhost:4000/userinfo", headers: {} },
    response: { status: 200, headers: {} },
  };
  const withUserinfo = sequenceDiagram([...transcript, userinfo], origins);
  assert.deepEqual(
    withUserinfo.filter((a) => isArrowOfStep(a, "5")).map((a) => a.label),
    ["POST /token → 200", "GET /userinfo → 200"],
  );
  assert.deepEqual(
    arrows.filter((a) => isArrowOfStep(a, "1")),
    [],
  );
});
