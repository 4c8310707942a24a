// Where a "Try again" or "back" link may lead after a redirect parameter came from the outside: a path on
// this host only, never another site (an open redirect, RFC 9700 §4.11). One leading "/", not "//", then
// printable ASCII without a backslash: browsers drop tabs and newlines from URLs and read a backslash as
// "/", so "/<tab>/evil.example" and "/\evil.example" would both be "//evil.example".
const SAME_HOST_PATH = /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/;

/** True for a path (with its query) on this host, and nothing a browser could read as another host. */
export function isSameHostPath(value: string | undefined): value is string {
  return value !== undefined && SAME_HOST_PATH.test(value);
}
