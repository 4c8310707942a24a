// The mail API's routes. Each handler parses its input (zod), calls the mailbox, serializes.
// Authorization happens before any input is read: `authorize` checks the bearer token and the scope.
// Every mailbox call goes through `inOwnMailbox`, which reports the ownership check once it really ran.
import type { IncomingMessage } from "node:http";
import type { Message } from "@oauth-flow-lab/db/mail";
import { DEFAULT_MAIL_FOLDER, MAIL_FOLDERS, MAIL_PAGE_SIZE_DEFAULT, MAIL_PAGE_SIZE_MAX, MAIL_SEARCH_MAX_LENGTH } from "@oauth-flow-lab/lab";
import { type Check, type CheckLog, InvalidRequest, runChecks, type Scope, singleValue } from "@oauth-flow-lab/oauth";
import { z } from "zod";
import { NotFound, readJsonBody } from "./http.ts";
import type { Mailbox, MailboxOwner } from "./mailbox.ts";
import { MESSAGE_ID_PATTERN } from "./message-id.ts";
import { openApiDocument } from "./openapi.ts";
import { decodePageToken, encodePageToken, type PageBinding } from "./page-token.ts";
import type { VerifiedAccessToken } from "./verify-access-token.ts";

/** The scope each route requires (RFC 6750 §3.1); `satisfies` ties them to the shared scope list. */
export const READ_SCOPE = "mail.read" satisfies Scope;
export const SEND_SCOPE = "mail.send" satisfies Scope;
export const MODIFY_SCOPE = "mail.modify" satisfies Scope;

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;
const SNIPPET_LENGTH = 120;

export type RouteContext = {
  req: IncomingMessage;
  url: URL;
  /** The path parameters captured by the route's pattern. */
  params: readonly string[];
  /** Checks the bearer token and that it carries `scope`; resolves to the token's claims. */
  authorize(scope: Scope): Promise<VerifiedAccessToken>;
  mailbox: Mailbox;
  /** Where this request's checks are reported: the teaching trace, or nobody (undefined). */
  checks: CheckLog | undefined;
};

export type RouteResult = { status: number; body: unknown };
export type Handler = (ctx: RouteContext) => Promise<RouteResult>;
export type Route = { pattern: RegExp; methods: Partial<Record<string, Handler>> };

export const routes: readonly Route[] = [
  { pattern: /^\/health$/, methods: { GET: health } },
  { pattern: /^\/openapi\.json$/, methods: { GET: openApi } },
  { pattern: /^\/v1\/messages$/, methods: { GET: listMessages, POST: sendMessage } },
  { pattern: new RegExp(`^/v1/messages/(${MESSAGE_ID_PATTERN})$`), methods: { GET: getMessage, PATCH: updateMessage } },
];

async function health(): Promise<RouteResult> {
  return { status: 200, body: { status: "ok" } };
}

/** GET /openapi.json: this API's OpenAPI 3.1 description (openapi.ts). Public, like /health. */
async function openApi(): Promise<RouteResult> {
  return { status: 200, body: openApiDocument };
}

/**
 * GET /v1/messages?folder=inbox|sent&q=…&limit=1..50&page_token=…: one folder, newest first, optionally
 * only the messages whose sender (name or address) or subject contains `q` (case-insensitive).
 */
async function listMessages(ctx: RouteContext): Promise<RouteResult> {
  const token = await ctx.authorize(READ_SCOPE);
  const query = listQuerySchema.safeParse(singleValuedQuery(ctx.url, ["limit", "page_token", "folder", "q"]));
  if (!query.success) throw invalidRequest(query.error);
  const { limit, folder, q, page_token } = query.data;
  const binding: PageBinding = { ownerSub: token.sub, folder, q };
  const after = page_token === undefined ? undefined : decodePageToken(page_token, binding);
  const page = await inOwnMailbox(ctx, token, (mailbox, owner) => mailbox.listMessages(owner, { folder, q, limit, after }));
  return {
    status: 200,
    body: {
      messages: page.messages.map(messageSummary),
      next_page_token: page.next ? encodePageToken(page.next, binding) : null,
      result_size_estimate: page.total,
    },
  };
}

/** GET /v1/messages/{id}: one message of the caller's own mailbox; anyone else's is "not found". */
async function getMessage(ctx: RouteContext): Promise<RouteResult> {
  const token = await ctx.authorize(READ_SCOPE);
  const message = await inOwnMailbox(ctx, token, (mailbox, owner) => mailbox.findMessage(owner, ctx.params[0] ?? ""));
  if (!message) throw new NotFound("no such message");
  return { status: 200, body: messageDetail(message) };
}

/** PATCH /v1/messages/{id} {unread}: marks one of the caller's messages read or unread. */
async function updateMessage(ctx: RouteContext): Promise<RouteResult> {
  const token = await ctx.authorize(MODIFY_SCOPE);
  const change = patchSchema.safeParse(await readJsonBody(ctx.req, MAX_BODY_BYTES));
  if (!change.success) throw invalidRequest(change.error);
  const id = ctx.params[0] ?? "";
  const message = await inOwnMailbox(ctx, token, (mailbox, owner) => mailbox.setUnread(owner, id, change.data.unread));
  if (!message) throw new NotFound("no such message");
  return { status: 200, body: messageDetail(message) };
}

/**
 * POST /v1/messages {to, subject, body}: sends as the caller. The copy goes to their "sent" folder and,
 * for a LabMail address, another to the recipient's inbox; other domains only get the sent copy.
 */
async function sendMessage(ctx: RouteContext): Promise<RouteResult> {
  const token = await ctx.authorize(SEND_SCOPE);
  const draft = draftSchema.safeParse(await readJsonBody(ctx.req, MAX_BODY_BYTES));
  if (!draft.success) throw invalidRequest(draft.error);
  const message = await inOwnMailbox(ctx, token, (mailbox, owner) => mailbox.send(owner, draft.data));
  return { status: 201, body: messageDetail(message) };
}

/** One mailbox call, made for the owner of a verified access token. */
type OwnMailboxAccess = { readonly owner: MailboxOwner; readonly access: (owner: MailboxOwner) => Promise<void> };

/**
 * RFC 6749 §1.1: the token's resource owner is the only one whose mailbox is used. Its check is the call
 * itself: it runs with the verified token's `sub` as the owner, and every Mailbox query is scoped to
 * its owner (mailbox.ts), so another user's message reads as "not found". Reported after the call ran.
 */
const OWN_MAILBOX_CHECK: Check<OwnMailboxAccess> = {
  id: "own-mailbox",
  rfc: "RFC 6749 §1.1",
  title: "Only this user's own mailbox is used: the mailbox query is scoped to the token's sub",
  async run({ owner, access }) {
    await access(owner);
    return { detail: `owner sub ${owner.sub}` };
  },
};

/** Calls the mailbox for the token's owner, through OWN_MAILBOX_CHECK. */
async function inOwnMailbox<T>(
  ctx: RouteContext,
  token: VerifiedAccessToken,
  call: (mailbox: Mailbox, owner: MailboxOwner) => Promise<T>,
): Promise<T> {
  const answer: { value?: { result: T } } = {};
  const access = async (owner: MailboxOwner) => {
    answer.value = { result: await call(ctx.mailbox, owner) };
  };
  await runChecks([OWN_MAILBOX_CHECK], { owner: { sub: token.sub, email: token.email }, access }, ctx.checks);
  if (answer.value === undefined) throw new Error("own-mailbox did not run");
  return answer.value.result;
}

/** No control characters (a subject is one line). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const oneLine = /^[^\x00-\x1f\x7f]*$/;
/**
 * Text PostgreSQL can store: no NUL character and no lone UTF-16 surrogate (JSON's `"\ud800"`), which
 * the database would otherwise refuse with a server error instead of the client getting a 400.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing NUL is the point.
const storable = /^[^\u0000\p{Cs}]*$/u;

const listQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^[1-9][0-9]?$/, `must be an integer from 1 to ${MAIL_PAGE_SIZE_MAX}`)
    .transform(Number)
    .pipe(z.number().max(MAIL_PAGE_SIZE_MAX, `must be an integer from 1 to ${MAIL_PAGE_SIZE_MAX}`))
    .default(MAIL_PAGE_SIZE_DEFAULT),
  page_token: z.string().optional(),
  folder: z.enum(MAIL_FOLDERS).default(DEFAULT_MAIL_FOLDER),
  /** Blank search text is no search (an empty search box). */
  q: z
    .string()
    .max(MAIL_SEARCH_MAX_LENGTH)
    .regex(oneLine, "must be a single line")
    .regex(storable, "must be valid text")
    .transform((v) => v.trim() || undefined)
    .optional(),
});

const patchSchema = z.strictObject({ unread: z.boolean() });

const draftSchema = z.strictObject({
  to: z.email().max(254),
  subject: z.string().trim().min(1).max(200).regex(oneLine, "must be a single line").regex(storable, "must be valid text"),
  body: z.string().min(1).max(10_000).regex(storable, "must be valid text"),
});

/**
 * The route's query parameters as single values. A repeated parameter is an error (RFC 6749 §3.1
 * reads the same way: "MUST NOT be included more than once"); unknown parameters are ignored, so
 * that a client adding one (a cache buster, a tracking tag) still works.
 * @throws InvalidRequest
 */
function singleValuedQuery(url: URL, known: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of known) {
    const value = singleValue(url.searchParams, name);
    if (value === null) throw new InvalidRequest(`repeated parameter "${name}"`);
    if (value !== undefined) query[name] = value;
  }
  return query;
}

function invalidRequest(error: z.ZodError): InvalidRequest {
  const issue = error.issues[0];
  if (!issue) return new InvalidRequest("invalid request");
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return new InvalidRequest(`${where}${issue.message}`);
}

/** How much of a body snippetOf reads first: enough for a snippet unless it is mostly whitespace. */
const SNIPPET_SCAN = 2 * SNIPPET_LENGTH;

/** The first characters of the body, on one line, cut at a word boundary. */
export function snippetOf(body: string): string {
  // Only the start of a (up to 10,000 characters) body matters: collapse a prefix, and the whole body
  // only when the prefix gives no more than a snippet (a short body, or one that is mostly whitespace).
  const head = body.length > SNIPPET_SCAN ? body.slice(0, SNIPPET_SCAN) : body;
  let text = head.replace(/\s+/g, " ").trim();
  if (head !== body && text.length <= SNIPPET_LENGTH) text = body.replace(/\s+/g, " ").trim();
  if (text.length <= SNIPPET_LENGTH) return text;
  const cut = text.slice(0, SNIPPET_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${(space > SNIPPET_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What the list and the detail views both show of a message. */
function envelope(message: Message) {
  return {
    id: message.id,
    from: { name: message.fromName, address: message.fromAddress },
    to: message.toAddress,
    subject: message.subject,
    received_at: message.receivedAt.toISOString(),
    unread: message.unread,
  };
}

/**
 * Snippets by message id: a body never changes once delivered (only `unread` does), and a folder page
 * shows the same messages again and again, so each snippet is computed once. The body's length is kept
 * too, so that a row recreated under the same id (a database reset while the API runs) is not served an
 * old snippet. Bounded: the oldest entry goes when it is full. It holds nothing a reader could not read
 * anyway: the route checked ownership first.
 */
const SNIPPET_CACHE_SIZE = 20_000;
const snippets = new Map<string, { length: number; snippet: string }>();

function snippetFor(message: Message): string {
  const known = snippets.get(message.id);
  if (known !== undefined && known.length === message.body.length) return known.snippet;
  const snippet = snippetOf(message.body);
  if (snippets.size >= SNIPPET_CACHE_SIZE) snippets.delete(snippets.keys().next().value as string);
  snippets.set(message.id, { length: message.body.length, snippet });
  return snippet;
}

function messageSummary(message: Message) {
  return { ...envelope(message), snippet: snippetFor(message) };
}

function messageDetail(message: Message) {
  return { ...envelope(message), body: message.body, folder: message.folder };
}
