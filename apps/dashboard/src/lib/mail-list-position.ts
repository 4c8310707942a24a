// Where the user is in a message list, as the inbox's address carries it: the folder, the search text,
// the mail API's page token, and the trail of page tokens that led there (keyset pagination only goes
// forward, so "Newer" returns along the trail). Pure, so it can be tested.
import type { MailFolder } from "@oauth-flow-lab/lab";
import { z } from "zod";

export type ListPosition = {
  folder: MailFolder;
  q?: string | undefined;
  page_token?: string | undefined;
  /** The page tokens of the pages before this one, oldest first (the first page has none). */
  trail?: readonly string[] | undefined;
};

/** The longest trail kept: past it, "Newer" skips back to the first page. */
export const MAX_TRAIL = 30;
const PAGE_TOKEN = /^[A-Za-z0-9_-]{1,512}$/;

/** `trail=a.b.c` (page tokens are base64url: no dot); anything else is no trail. */
export const trailSchema = z
  .string()
  .max(MAX_TRAIL * 513)
  .transform((v) => v.split("."))
  .pipe(z.array(z.string().regex(PAGE_TOKEN)).max(MAX_TRAIL))
  .optional()
  .catch(undefined);

export function listHref({ folder, q, page_token, trail }: ListPosition): string {
  const query = new URLSearchParams();
  if (folder !== "inbox") query.set("folder", folder);
  if (q) query.set("q", q);
  if (page_token) query.set("page_token", page_token);
  if (page_token && trail && trail.length > 0) query.set("trail", trail.join("."));
  const search = query.toString();
  return search ? `/inbox?${search}` : "/inbox";
}

/** The next (older) page: its token, and this page's token added to the trail. */
export function olderPosition(position: ListPosition, next_page_token: string): ListPosition {
  const trail = [...(position.trail ?? []), ...(position.page_token ? [position.page_token] : [])].slice(-MAX_TRAIL);
  return { folder: position.folder, q: position.q, page_token: next_page_token, trail };
}

/** The previous (newer) page, or undefined on the first page. */
export function newerPosition(position: ListPosition): ListPosition | undefined {
  if (!position.page_token) return undefined;
  const trail = position.trail ?? [];
  return { folder: position.folder, q: position.q, page_token: trail.at(-1), trail: trail.slice(0, -1) };
}
