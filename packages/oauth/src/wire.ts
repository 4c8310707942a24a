// Small wire-level primitives every role needs, implemented once.
import { timingSafeEqual } from "node:crypto";

/**
 * RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." The one
 * value of `name`: null when it is repeated, undefined when it is absent. An empty value is returned
 * as is: RFC 6749 §3.1 treats it as omitted, and each caller says so where it reads it.
 */
export function singleValue(params: URLSearchParams, name: string): string | undefined | null {
  const values = params.getAll(name);
  if (values.length > 1) return null;
  return values[0];
}

/**
 * Equality of two secrets or hashes in time that does not depend on where they differ (RFC 6749
 * §10.10 / RFC 9700 §4.19: no timing side channel on credentials). Different lengths are unequal.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
