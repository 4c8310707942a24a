import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeLike, listWhere } from "./mailbox.ts";

test("search text is a literal in LIKE: %, _ and \\ are escaped", () => {
  assert.equal(escapeLike("100%"), "100\\%");
  assert.equal(escapeLike("a_b"), "a\\_b");
  assert.equal(escapeLike("C:\\temp"), "C:\\\\temp");
  assert.equal(escapeLike("plain text"), "plain text");
});

test("every list filter is scoped to the owner and the folder, search or not", () => {
  assert.deepEqual(listWhere("alice-sub", { folder: "sent", q: undefined }), { ownerSub: "alice-sub", folder: "sent" });
  const searched = listWhere("alice-sub", { folder: "inbox", q: "50%" });
  assert.equal(searched.ownerSub, "alice-sub");
  assert.equal(searched.folder, "inbox");
  assert.deepEqual(searched.OR, [
    { fromName: { contains: "50\\%", mode: "insensitive" } },
    { fromAddress: { contains: "50\\%", mode: "insensitive" } },
    { subject: { contains: "50\\%", mode: "insensitive" } },
  ]);
});
