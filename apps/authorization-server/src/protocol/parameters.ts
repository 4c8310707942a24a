// Reading request parameters the way RFC 6749 §3.1 and §3.2 ask: "Request and response parameters
// MUST NOT be included more than once", and "parameters sent without a value MUST be treated as if
// they were omitted". Unknown parameters are ignored.
import { InvalidRequest, readBodyText, singleValue } from "@oauth-flow-lab/oauth";

/** Maximum length of any single parameter value we accept (oversized input is an invalid_request). */
const MAX_PARAMETER_LENGTH = 4096;

/**
 * The one value of a parameter, or undefined when it is absent or empty. Repeated, oversized or
 * unstorable values are an invalid_request. Every parameter of every endpoint is read through here.
 */
export function readParameter(params: URLSearchParams, name: string): string | undefined {
  const value = singleValue(params, name);
  if (value === null) throw new InvalidRequest(`the "${name}" parameter is repeated`);
  if (value === undefined || value === "") return undefined;
  if (value.length > MAX_PARAMETER_LENGTH) throw new InvalidRequest(`the "${name}" parameter is too long`);
  if (!isStorableText(value)) throw new InvalidRequest(`the "${name}" parameter contains invalid characters`);
  return value;
}

/** readParameter for several names at once, in order (the first bad one is the error). */
export function readParameters<const K extends string>(params: URLSearchParams, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = readParameter(params, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** readParameter where a bad value is simply no value (e.g. to find a flow's trace, never to decide). */
export function readParameterOrUndefined(params: URLSearchParams, name: string): string | undefined {
  try {
    return readParameter(params, name);
  } catch {
    return undefined;
  }
}

/**
 * Text PostgreSQL can store: no NUL, no lone UTF-16 surrogate. Anything else would only fail later,
 * in the database, as a 500.
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\0") && value.isWellFormed();
}

/** The largest form body the AS reads (its forms and protocol requests carry a few short fields). */
export const FORM_BODY_LIMIT = 64 * 1024;

/** Reads an application/x-www-form-urlencoded body (RFC 6749 §3.2, Appendix B), at most FORM_BODY_LIMIT bytes. */
export async function readFormBody(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new InvalidRequest("the body must be application/x-www-form-urlencoded");
  }
  // Bounded while it is read: a huge or endless body is refused at the limit, not buffered to its end.
  return new URLSearchParams(await readBodyText(request, FORM_BODY_LIMIT));
}
