// The opaque `page_token` of the message list: where the previous page stopped, in keyset order
// (received_at desc, id desc). Clients must treat it as opaque; its shape may change at any time.
// It is bound to the list it continues (owner, folder, search text): every query is scoped to the
// token's owner anyway, but a token from another user's or another query's list is refused outright.
import { createHash } from "node:crypto";
import { InvalidRequest } from "@oauth-flow-lab/oauth";
import { z } from "zod";
import { isMessageId } from "./message-id.ts";

/** The last message of a page: the next page starts strictly after it. */
export type PageCursor = { receivedAt: Date; id: string };

/**
 * Exactly what encodePageToken writes: `r` as Date#toISOString gives it, for a year PostgreSQL can
 * store (0001–9999), and `i` a message id. Anything else would reach the database query as is.
 */
const cursorSchema = z.strictObject({
  r: z.string().refine(isIsoTimestamp),
  i: z.string().refine(isMessageId),
  b: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

/** What a page token is bound to: the list it continues. */
export type PageBinding = { ownerSub: string; folder: string; q: string | undefined };

/** A short digest of the binding (not a secret: it only tells two lists apart). */
function bindingOf({ ownerSub, folder, q }: PageBinding): string {
  return createHash("sha256")
    .update(JSON.stringify([ownerSub, folder, q ?? null]), "utf8")
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

function isIsoTimestamp(r: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(r) || r.startsWith("0000-")) return false;
  const date = new Date(r);
  return !Number.isNaN(date.getTime()) && date.toISOString() === r; // rejects 2026-13-01, 2026-02-30…
}

/** base64url(JSON) of the cursor and of the list it belongs to. */
export function encodePageToken(cursor: PageCursor, binding: PageBinding): string {
  const json = { r: cursor.receivedAt.toISOString(), i: cursor.id, b: bindingOf(binding) };
  return Buffer.from(JSON.stringify(json)).toString("base64url");
}

/**
 * @throws InvalidRequest when the token was not produced by encodePageToken, or for another list
 * (another owner, folder or search text) than `binding`.
 */
export function decodePageToken(token: string, binding: PageBinding): PageCursor {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) throw new InvalidRequest("page_token is not valid");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new InvalidRequest("page_token is not valid");
  }
  const cursor = cursorSchema.safeParse(json);
  if (!cursor.success) throw new InvalidRequest("page_token is not valid");
  if (cursor.data.b !== bindingOf(binding)) throw new InvalidRequest("page_token belongs to another list");
  return { receivedAt: new Date(cursor.data.r), id: cursor.data.i };
}
