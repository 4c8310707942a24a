// The mail API client (the resource server). Every response is parsed at this boundary; failures
// come back as values so that pages can always render something.
import "server-only";
import { DASHBOARD_MAIL_PAGE_SIZE, MAIL_FOLDERS, type MailFolder } from "@oauth-flow-lab/lab";
import { z } from "zod";
import { env } from "@/env";
import { parseBearerChallenge } from "./oauth/bearer-challenge";
import { withRequestId } from "./request-id";

const addressSchema = z.union([
  z.object({ name: z.string().nullish(), address: z.string() }),
  z.string().transform((address) => ({ name: null, address })),
]);
const recipientsSchema = z.union([addressSchema, z.array(addressSchema)]).transform((r) => (Array.isArray(r) ? r : [r]));

const messageSummarySchema = z.object({
  id: z.string().min(1),
  from: addressSchema,
  to: recipientsSchema,
  subject: z.string(),
  snippet: z.string(),
  received_at: z.iso.datetime({ offset: true }),
  unread: z.boolean(),
});

export const messageListSchema = z.object({
  messages: z.array(messageSummarySchema),
  next_page_token: z.string().min(1).nullable(),
  result_size_estimate: z.number().int().nonnegative(),
});

const messageSchema = z.object({
  id: z.string().min(1),
  from: addressSchema,
  to: recipientsSchema,
  subject: z.string(),
  body: z.string(),
  received_at: z.iso.datetime({ offset: true }),
  unread: z.boolean(),
  folder: z.enum(MAIL_FOLDERS),
});

export type MailAddress = z.infer<typeof addressSchema>;
export type MessageSummary = z.infer<typeof messageSummarySchema>;
export type MessageList = z.infer<typeof messageListSchema>;
export type Message = z.infer<typeof messageSchema>;

export type MailApiProblem =
  /** RFC 6750 §3.1 invalid_token (expired, revoked…): sign in again. */
  | { kind: "unauthorized"; description: string | undefined }
  /** RFC 6750 §3.1 insufficient_scope. */
  | { kind: "forbidden"; scope: string | undefined }
  | { kind: "not_found" }
  /** Unreachable, 5xx, or an answer we could not understand. */
  | { kind: "unavailable"; detail: string };

export type MailApiResult<T> = { ok: true; data: T } | { ok: false; problem: MailApiProblem };

export const PAGE_SIZE = DASHBOARD_MAIL_PAGE_SIZE;

async function getJson<T>(
  path: string,
  access_token: string,
  schema: z.ZodType<T>,
  json?: unknown,
  method: "POST" | "PATCH" = "POST",
): Promise<MailApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, `${env().MAIL_API_URL}/`), {
      // RFC 6750 §2.1: the access token in the Authorization request header field.
      headers: await withRequestId({
        authorization: `Bearer ${access_token}`,
        accept: "application/json",
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      }),
      ...(json === undefined ? {} : { method, body: JSON.stringify(json) }),
      cache: "no-store",
      signal: AbortSignal.timeout(8_000),
    });
  } catch (error) {
    return { ok: false, problem: { kind: "unavailable", detail: error instanceof Error ? error.message : "network error" } };
  }
  if (response.status === 401) {
    const challenge = parseBearerChallenge(response.headers.get("www-authenticate"));
    return { ok: false, problem: { kind: "unauthorized", description: challenge?.error_description } };
  }
  if (response.status === 403) {
    const challenge = parseBearerChallenge(response.headers.get("www-authenticate"));
    return { ok: false, problem: { kind: "forbidden", scope: challenge?.scope } };
  }
  if (response.status === 404) return { ok: false, problem: { kind: "not_found" } };
  // A page token of another list (an edited address) or a refused search text.
  if (response.status === 400) return { ok: false, problem: { kind: "unavailable", detail: "the mail API refused the request (400)" } };
  if (!response.ok) return { ok: false, problem: { kind: "unavailable", detail: `HTTP ${response.status}` } };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, problem: { kind: "unavailable", detail: "the answer was not JSON" } };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: { kind: "unavailable", detail: "the answer had an unexpected shape" } };
  return { ok: true, data: parsed.data };
}

/** What the list shows: one folder, optionally searched, from a page token on. */
export type ListQuery = { folder: MailFolder; q?: string | undefined; page_token?: string | undefined };

/** `GET /v1/messages` (needs mail.read): one page of a folder, newest first, optionally searched. */
export function listMessages(access_token: string, { folder, q, page_token }: ListQuery): Promise<MailApiResult<MessageList>> {
  const query = new URLSearchParams({ folder, limit: String(PAGE_SIZE) });
  if (q) query.set("q", q);
  if (page_token) query.set("page_token", page_token);
  return getJson(`v1/messages?${query}`, access_token, messageListSchema);
}

/** `GET /v1/messages/{id}`: one message with its body. */
export function getMessage(access_token: string, id: string): Promise<MailApiResult<Message>> {
  return getJson(`v1/messages/${encodeURIComponent(id)}`, access_token, messageSchema);
}

/** What Compose sends: the mail API's `POST /v1/messages` body. */
export type Draft = { to: string; subject: string; body: string };

/** `POST /v1/messages` (needs mail.send): sends as the signed-in user; 201 with the sent message. */
export function sendMessage(access_token: string, draft: Draft): Promise<MailApiResult<Message>> {
  return getJson("v1/messages", access_token, messageSchema, draft);
}

/** `PATCH /v1/messages/{id}` (needs mail.modify): marks the message read or unread. */
export function setUnread(access_token: string, id: string, unread: boolean): Promise<MailApiResult<Message>> {
  return getJson(`v1/messages/${encodeURIComponent(id)}`, access_token, messageSchema, { unread }, "PATCH");
}
