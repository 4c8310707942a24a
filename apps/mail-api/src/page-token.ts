// The opaque `page_token` of the message list: where the previous page stopped, in keyset order
// (received_at desc, id desc). Clients must treat it as opaque; its shape may change at any time.
import { z } from "zod";
import { InvalidRequest } from "@oauth-flow-lab/oauth";

/** The last message of a page: the next page starts strictly after it. */
export type PageCursor = { receivedAt: Date; id: string };

const cursorSchema = z.strictObject({ r: z.iso.datetime(), i: z.string().min(1).max(100) });

/** base64url(JSON) of the cursor. */
export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ r: cursor.receivedAt.toISOString(), i: cursor.id })).toString("base64url");
}

/** @throws InvalidRequest when the token was not produced by encodePageToken. */
export function decodePageToken(token: string): PageCursor {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) throw new InvalidRequest("page_token is not valid");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new InvalidRequest("page_token is not valid");
  }
  const cursor = cursorSchema.safeParse(json);
  if (!cursor.success) throw new InvalidRequest("page_token is not valid");
  return { receivedAt: new Date(cursor.data.r), id: cursor.data.i };
}
