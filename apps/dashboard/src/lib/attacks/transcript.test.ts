import assert from "node:assert/strict";
import { test } from "node:test";
import { scenarioInfo } from "./catalog.ts";
import { exportAttackTranscript } from "./transcript.ts";
import type { AttackRun } from "./types.ts";

test("the transcript never carries a client secret, in any spelling", () => {
  const info = scenarioInfo("8");
  assert.ok(info);
  const secret = "s3cret with space/+";
  const basic = Buffer.from(`naive-no-pkce:${encodeURIComponent(secret).replace(/%20/g, "+")}`).toString("base64");
  const run: AttackRun = {
    scenario: "8",
    started_at: "2026-12-01T00:00:00.000Z",
    finished_at: "2026-12-01T00:00:01.000Z",
    setup: [],
    trace: "open",
    attempts: [
      {
        id: "other-client",
        label: "x",
        what: `raw ${secret}`,
        expected_checks: ["code-client"],
        real: {
          exchanges: [
            {
              step: "4",
              channel: "back",
              at: "",
              request: {
                method: "POST",
                url: "http://localhost:4000/token",
                headers: { authorization: `Basic ${basic}` },
                body: `client_secret=${encodeURIComponent(secret)}`,
              },
            },
          ],
          answer: { kind: "refused", status: 400, error: "invalid_grant" },
          events: [],
          verdict: { kind: "refused-untraced" },
        },
        observations: [],
      },
    ],
  };
  const json = exportAttackTranscript(info, run, "not-confirmed", [{ client_id: "naive-no-pkce", client_secret: secret }]);
  for (const spelling of [secret, encodeURIComponent(secret), basic]) assert.ok(!json.includes(spelling), spelling);
  assert.equal(JSON.parse(json).format, "oauth-flow-lab/attack-transcript");
});
