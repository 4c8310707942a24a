import assert from "node:assert/strict";
import { test } from "node:test";
import { listHref, MAX_TRAIL, newerPosition, olderPosition, trailSchema } from "./mail-list-position.ts";

test("Older then Newer walks back along the trail to the first page", () => {
  const first = { folder: "sent" as const, q: "bank" };
  const second = olderPosition(first, "t2");
  const third = olderPosition(second, "t3");
  assert.deepEqual(third, { folder: "sent", q: "bank", page_token: "t3", trail: ["t2"] });
  assert.equal(listHref(third), "/inbox?folder=sent&q=bank&page_token=t3&trail=t2");
  const back = newerPosition(third);
  assert.deepEqual(back, { folder: "sent", q: "bank", page_token: "t2", trail: [] });
  assert.equal(listHref(back ?? first), "/inbox?folder=sent&q=bank&page_token=t2");
  const start = newerPosition(back ?? first);
  assert.equal(listHref(start ?? first), "/inbox?folder=sent&q=bank");
  assert.equal(newerPosition(first), undefined, "the first page has no newer page");
});

test("the trail from the address: page tokens only, bounded", () => {
  assert.deepEqual(trailSchema.parse("a.b-c_d"), ["a", "b-c_d"]);
  assert.equal(trailSchema.parse("a..b"), undefined);
  assert.equal(trailSchema.parse("a.<script>"), undefined);
  assert.equal(trailSchema.parse(Array.from({ length: MAX_TRAIL + 1 }, () => "x").join(".")), undefined);
  const long = Array.from({ length: MAX_TRAIL }, (_, i) => `t${i}`);
  assert.equal(olderPosition({ folder: "inbox", page_token: "now", trail: long }, "next").trail?.length, MAX_TRAIL);
});
