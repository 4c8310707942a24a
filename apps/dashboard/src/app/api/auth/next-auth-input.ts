// What next-auth v4 can take without throwing. It reads its input loosely and fails on some of it with a
// 500: a body that is not JSON under `application/json`, a callbackUrl that is not an http(s) URL (in the
// query or the cookie), a value it copies into a Location or Set-Cookie header. The route wrapper
// ([...nextauth]/route.ts) and the proxy (the callbackUrl cookie, which every page's session lookup
// reads) check these first and answer 400.
import { InvalidRequest, readBodyText } from "@oauth-flow-lab/oauth";
import { z } from "zod";

/** next-auth v4's endpoints, by method (next-auth/core/index.js); it answers anything else with a bare "Error: …" 400. */
const GET_ENDPOINTS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error"]);
const ENDPOINTS: Record<string, ReadonlySet<string>> = {
  GET: GET_ENDPOINTS,
  HEAD: GET_ENDPOINTS, // Next.js answers HEAD with the GET handler
  POST: new Set(["signin", "signout", "callback", "session", "_log"]),
};

/**
 * True for a callbackUrl next-auth accepts: an http(s) URL, absolute or a path (its assertConfig answers
 * anything else, in the query or the cookie, with a 500 "server configuration" error, and its default
 * `redirect` callback throws on what `new URL()` cannot parse). Printable ASCII only: the value ends up
 * in a Location header.
 */
export function isCallbackUrl(value: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(value)) return false;
  try {
    // The base only resolves a path; the dashboard's own origin is next-auth's business.
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * The parameters next-auth reads from the query or the body. `error` goes into a Location header as is
 * (`/?error=…`), and the landing page shows at most 200 characters of it.
 */
const parametersSchema = z.looseObject({
  callbackUrl: z.string().refine(isCallbackUrl, "callbackUrl must be a path or an http(s) URL").optional(),
  error: z
    .string()
    .regex(/^[\x20-\x7e]{0,200}$/, "error must be at most 200 printable ASCII characters")
    .optional(),
});

/** The largest body a next-auth endpoint reads: its forms carry a few short fields. */
export const NEXTAUTH_BODY_LIMIT = 16 * 1024;

/**
 * What next-auth's browser client reports to POST /_log (next-auth/react's proxyLogger): a level it has
 * and one of its upper-case codes (CLIENT_FETCH_ERROR …). next-auth takes that endpoint without any
 * authentication and logs whatever comes (another level makes it throw, and log that): so anyone could
 * write lines of any size into the dashboard's log. Only such reports pass.
 */
const clientLogReportSchema = z.looseObject({
  level: z.enum(["error", "warn", "debug"]),
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/),
});

/** A JSON body next-auth can read: an object of strings (no lone surrogates: they cannot be URL-encoded). */
const jsonBodySchema = z.record(
  z.string(),
  z.string().refine((value) => value.isWellFormed(), "a value is not well-formed Unicode"),
);

/**
 * Checks a request to /api/auth/<segments> the way next-auth will read it, and returns the reason it
 * cannot, or undefined. The body is read from a clone: next-auth reads the request itself afterwards.
 */
export async function nextAuthInputProblem(
  request: Request,
  segments: readonly string[],
  providerId: string,
): Promise<InvalidRequest | undefined> {
  const [action = "", provider, ...rest] = segments;
  if (!ENDPOINTS[request.method]?.has(action) || rest.length > 0) {
    return new InvalidRequest(`no such next-auth endpoint for ${request.method}`);
  }
  // next-auth also reads the second segment as the `error` of /api/auth/error/<error>.
  if (provider !== undefined && provider !== providerId) return new InvalidRequest(`the only provider is ${providerId}`);

  const query = parametersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return new InvalidRequest(query.error.issues[0]?.message ?? "invalid query");

  const body = await readBody(request);
  if (body instanceof InvalidRequest) return body;
  const parameters = parametersSchema.safeParse(body ?? {});
  if (!parameters.success) return new InvalidRequest(parameters.error.issues[0]?.message ?? "invalid body");
  if (action === "_log" && !clientLogReportSchema.safeParse(body ?? {}).success) {
    return new InvalidRequest("only next-auth's own client log reports are taken here");
  }
  return undefined;
}

/** The body as next-auth's getBody (next-auth/next/utils.js) reads it: only for POST, chosen by `includes` on the content type. */
async function readBody(request: Request): Promise<Record<string, string> | InvalidRequest | undefined> {
  if (request.method !== "POST") return undefined;
  const type = request.headers.get("content-type") ?? "";
  // From a copy: next-auth reads the request itself afterwards.
  const text = await readBodyText(request.clone(), NEXTAUTH_BODY_LIMIT).catch((error: unknown) =>
    error instanceof InvalidRequest ? error : new InvalidRequest("the body could not be read"),
  );
  if (typeof text !== "string") return text;
  if (type.includes("application/json")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return new InvalidRequest("the body is not JSON");
    }
    const body = jsonBodySchema.safeParse(json);
    return body.success ? body.data : new InvalidRequest("the JSON body must be an object of strings");
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return undefined; // next-auth ignores any other body
}
