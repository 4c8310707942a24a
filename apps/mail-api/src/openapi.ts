// The mail API's OpenAPI 3.1 description, served at GET /openapi.json. The integration tests validate
// real responses of the running API against it (e2e/integration/mail-openapi.spec.ts), so it cannot
// drift from what the routes answer without a test failing.
import { MAIL_DOMAIN, MAIL_FOLDERS, MAIL_PAGE_SIZE_DEFAULT, MAIL_PAGE_SIZE_MAX, MAIL_SEARCH_MAX_LENGTH } from "@oauth-flow-lab/lab";
import { MESSAGE_ID_PATTERN } from "./message-id.ts";

const READ = "mail.read";
const SEND = "mail.send";
const MODIFY = "mail.modify";

const json = (schema: object) => ({ "application/json": { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The error answers every protected route can give (RFC 6750 §3.1, RFC 6749 §5.2 shapes). */
const protectedErrors = {
  "401": response("Unauthorized"),
  "403": response("InsufficientScope"),
  "500": response("ServerError"),
  "503": response("TemporarilyUnavailable"),
};

const messageId = {
  name: "id",
  in: "path",
  required: true,
  description: "A message id of the caller's own mailbox. Any other id, another user's included, is 404.",
  schema: { type: "string", pattern: `^${MESSAGE_ID_PATTERN}$` },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "LabMail mail API",
    version: "1.0.0",
    description: [
      "The resource server of the OAuth flow lab. It accepts the authorization server's JWT access tokens",
      "(RFC 9068) as bearer tokens (RFC 6750) and serves each user their own mailbox, identified by the",
      "token's `sub`; the token's `email` claim is the mailbox's address.",
      "",
      `Mail sent to a \`${MAIL_DOMAIN}\` address is delivered to that user's inbox (held until the user first`,
      "uses the API if their mailbox does not exist yet); mail to any other domain is only filed in the",
      "sender's `sent` folder. Every list is cursor-paginated: pass `next_page_token` back as `page_token`",
      "with the same folder and search text. Errors are `{error, error_description}`; authentication",
      "failures carry an RFC 6750 `WWW-Authenticate: Bearer` challenge naming the missing scope.",
    ].join("\n"),
  },
  tags: [{ name: "messages" }, { name: "meta" }],
  paths: {
    "/health": {
      get: {
        operationId: "getHealth",
        tags: ["meta"],
        summary: "Liveness",
        security: [],
        responses: {
          "200": { description: "The API is up.", content: json(ref("Health")) },
        },
      },
    },
    "/health/live": {
      get: {
        operationId: "getLiveness",
        tags: ["meta"],
        summary: "Liveness for the load balancer (no database)",
        security: [],
        responses: {
          "200": {
            description: "The process serves HTTP.",
            content: json({ type: "object", required: ["status"], properties: { status: { const: "live" } } }),
          },
        },
      },
    },
    "/health/ready": {
      get: {
        operationId: "getReadiness",
        tags: ["meta"],
        summary: "Readiness: the database answers",
        security: [],
        responses: {
          "200": {
            description: "Ready.",
            content: json({ type: "object", required: ["status"], properties: { status: { const: "ready" } } }),
          },
          "503": {
            description: "The database did not answer in time, or failed.",
            content: json({
              type: "object",
              required: ["status", "reason"],
              properties: { status: { const: "unavailable" }, reason: { type: "string" } },
            }),
          },
        },
      },
    },
    "/openapi.json": {
      get: {
        operationId: "getOpenApi",
        tags: ["meta"],
        summary: "This description",
        security: [],
        responses: {
          "200": { description: "The OpenAPI 3.1 description of this API.", content: json({ type: "object" }) },
        },
      },
    },
    "/v1/messages": {
      get: {
        operationId: "listMessages",
        tags: ["messages"],
        summary: "List one folder of the caller's mailbox, newest first",
        description: `Needs \`${READ}\`. Optional search: \`q\` matches the sender's name or address or the subject, case-insensitively.`,
        security: [{ bearer: [READ] }],
        parameters: [
          {
            name: "folder",
            in: "query",
            schema: { type: "string", enum: [...MAIL_FOLDERS], default: "inbox" },
          },
          {
            name: "q",
            in: "query",
            description: "Search text; blank is no search.",
            schema: { type: "string", maxLength: MAIL_SEARCH_MAX_LENGTH },
          },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: MAIL_PAGE_SIZE_MAX, default: MAIL_PAGE_SIZE_DEFAULT },
          },
          {
            name: "page_token",
            in: "query",
            description:
              "The `next_page_token` of the previous page. Opaque; valid only for the same user, folder and search text (otherwise 400 invalid_request).",
            schema: { type: "string" },
          },
        ],
        responses: {
          "200": { description: "One page of messages.", content: json(ref("MessageList")) },
          "400": response("InvalidRequest"),
          ...protectedErrors,
        },
      },
      post: {
        operationId: "sendMessage",
        tags: ["messages"],
        summary: "Send a message as the caller",
        description: `Needs \`${SEND}\`. The sender's copy is filed in \`sent\`; a \`${MAIL_DOMAIN}\` recipient gets a copy in their inbox. Other domains only get the sent copy.`,
        security: [{ bearer: [SEND] }],
        requestBody: { required: true, content: json(ref("Draft")) },
        responses: {
          "201": { description: "Sent: the sender's copy.", content: json(ref("MessageDetail")) },
          "400": response("InvalidRequest"),
          "413": response("PayloadTooLarge"),
          "415": response("UnsupportedMediaType"),
          ...protectedErrors,
        },
      },
    },
    "/v1/messages/{id}": {
      parameters: [messageId],
      get: {
        operationId: "getMessage",
        tags: ["messages"],
        summary: "Read one message of the caller's mailbox",
        description: `Needs \`${READ}\`. Reading does not change the unread flag: PATCH does.`,
        security: [{ bearer: [READ] }],
        responses: {
          "200": { description: "The message.", content: json(ref("MessageDetail")) },
          "404": response("NotFound"),
          ...protectedErrors,
        },
      },
      patch: {
        operationId: "updateMessage",
        tags: ["messages"],
        summary: "Mark a message read or unread",
        description: `Needs \`${MODIFY}\`.`,
        security: [{ bearer: [MODIFY] }],
        requestBody: { required: true, content: json(ref("MessagePatch")) },
        responses: {
          "200": { description: "The message, changed.", content: json(ref("MessageDetail")) },
          "400": response("InvalidRequest"),
          "404": response("NotFound"),
          "413": response("PayloadTooLarge"),
          "415": response("UnsupportedMediaType"),
          ...protectedErrors,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description: `An RFC 9068 access token of the lab's authorization server for this API. Scopes: \`${READ}\` (list, read), \`${SEND}\` (send), \`${MODIFY}\` (mark read or unread). Each operation's security requirement names the scope it needs.`,
      },
    },
    headers: {
      WWWAuthenticate: {
        description:
          'RFC 6750 §3: `Bearer realm="mail-api"`, with `error`, `error_description` and, for insufficient_scope, the `scope` needed.',
        required: true,
        schema: { type: "string", pattern: '^Bearer realm="mail-api"' },
      },
      CacheControl: { description: "Mail is personal: never cached.", required: true, schema: { const: "no-store" } },
    },
    responses: {
      Unauthorized: {
        description:
          "RFC 6750 §3.1: no token (an empty body and a bare challenge) or an invalid one (invalid_token, or invalid_request for a malformed request).",
        headers: { "WWW-Authenticate": { $ref: "#/components/headers/WWWAuthenticate" } },
        content: json(ref("Error")),
      },
      InsufficientScope: {
        description: "RFC 6750 §3.1: the token lacks the operation's scope; the challenge names it.",
        headers: { "WWW-Authenticate": { $ref: "#/components/headers/WWWAuthenticate" } },
        content: json({ allOf: [ref("Error"), { properties: { error: { const: "insufficient_scope" } } }] }),
      },
      InvalidRequest: {
        description: "A bad parameter, body or page token.",
        content: json({ allOf: [ref("Error"), { properties: { error: { const: "invalid_request" } } }] }),
      },
      NotFound: {
        description: "No such message in the caller's mailbox (whoever else may own that id).",
        content: json({ allOf: [ref("Error"), { properties: { error: { const: "not_found" } } }] }),
      },
      PayloadTooLarge: { description: "The body is larger than 64 KiB.", content: json(ref("Error")) },
      UnsupportedMediaType: { description: "The body is not application/json.", content: json(ref("Error")) },
      ServerError: { description: "An unexpected failure; no detail is given.", content: json(ref("Error")) },
      TemporarilyUnavailable: {
        description: "The token's status could not be checked (RFC 7662); retry later.",
        headers: { "Retry-After": { schema: { type: "string" } } },
        content: json(ref("Error")),
      },
    },
    schemas: {
      Health: {
        type: "object",
        required: ["status"],
        additionalProperties: false,
        properties: { status: { const: "ok" } },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "string" }, error_description: { type: "string" } },
      },
      Address: {
        type: "object",
        required: ["name", "address"],
        additionalProperties: false,
        properties: { name: { type: "string" }, address: { type: "string" } },
      },
      MessageSummary: {
        type: "object",
        required: ["id", "from", "to", "subject", "received_at", "unread", "snippet"],
        additionalProperties: false,
        properties: {
          id: { type: "string", pattern: `^${MESSAGE_ID_PATTERN}$` },
          from: ref("Address"),
          to: { type: "string" },
          subject: { type: "string" },
          received_at: { type: "string", format: "date-time" },
          unread: { type: "boolean" },
          snippet: { type: "string", description: "The start of the body, on one line." },
        },
      },
      MessageDetail: {
        type: "object",
        required: ["id", "from", "to", "subject", "received_at", "unread", "body", "folder"],
        additionalProperties: false,
        properties: {
          id: { type: "string", pattern: `^${MESSAGE_ID_PATTERN}$` },
          from: ref("Address"),
          to: { type: "string" },
          subject: { type: "string" },
          received_at: { type: "string", format: "date-time" },
          unread: { type: "boolean" },
          body: { type: "string" },
          folder: { type: "string", enum: [...MAIL_FOLDERS] },
        },
      },
      MessageList: {
        type: "object",
        required: ["messages", "next_page_token", "result_size_estimate"],
        additionalProperties: false,
        properties: {
          messages: { type: "array", items: ref("MessageSummary") },
          next_page_token: { type: ["string", "null"], description: "Null on the last page." },
          result_size_estimate: { type: "integer", minimum: 0 },
        },
      },
      Draft: {
        type: "object",
        required: ["to", "subject", "body"],
        additionalProperties: false,
        properties: {
          to: { type: "string", format: "email", maxLength: 254 },
          subject: { type: "string", minLength: 1, maxLength: 200 },
          body: { type: "string", minLength: 1, maxLength: 10_000 },
        },
      },
      MessagePatch: {
        type: "object",
        required: ["unread"],
        additionalProperties: false,
        properties: { unread: { type: "boolean" } },
      },
    },
  },
} as const;
