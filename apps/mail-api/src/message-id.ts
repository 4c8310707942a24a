// The mail API's message ids, in one place: the route pattern and the page token's cursor both use it.

/** `msg_` followed by letters, digits, `_` or `-` (seeded ids and UUIDs). */
export const MESSAGE_ID_PATTERN = "msg_[A-Za-z0-9_-]{1,100}";

export function isMessageId(value: string): boolean {
  return new RegExp(`^${MESSAGE_ID_PATTERN}$`).test(value);
}
