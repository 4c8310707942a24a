// Issue 10: the mail API's OpenAPI 3.1 description (GET /openapi.json). The document is validated against
// the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator), and real responses of the running API,
// success and error, bodies and headers, are validated against it with openapi-backend: a response whose
// status the description does not list fails too.

import { expect, test } from "@playwright/test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { OpenAPIBackend } from "openapi-backend";
import { alice, bob, mailApi, obtainTokens } from "../support/lab.ts";

let api: OpenAPIBackend;
let document: { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> };

test.beforeAll(async () => {
  const response = await fetch(`${mailApi}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  document = await response.json();
  // quick: openapi-backend's own definition check knows only OpenAPI 3.0; the 3.1 check is the test below.
  api = new OpenAPIBackend({
    definition: structuredClone(document) as never,
    quick: true,
    strict: true,
    ajvOpts: {
      formats: {
        "date-time": (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value)),
        email: /^[^\s@]+@[^\s@]+$/,
      },
    },
  });
  await api.init();
});

/** Validates a real response against the operation's documented response for its status. */
async function expectConforms(operationId: string, response: Response): Promise<unknown> {
  const operation = Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .find((op) => op.operationId === operationId);
  expect(operation, operationId).toBeDefined();
  expect(Object.keys(operation?.responses ?? {}), `${operationId} documents ${response.status}`).toContain(String(response.status));
  const text = await response.text();
  const body = text === "" ? undefined : JSON.parse(text);
  if (body !== undefined) {
    const result = api.validateResponse(body, operationId, response.status);
    expect(result.errors ?? [], `${operationId} ${response.status} body: ${text}`).toEqual([]);
  }
  const headers = Object.fromEntries(response.headers.entries());
  const result = api.validateResponseHeaders(headers, operationId, { statusCode: response.status, setMatchType: "superset" as never });
  expect(result.errors ?? [], `${operationId} ${response.status} headers: ${JSON.stringify(headers)}`).toEqual([]);
  return body;
}

const call = (path: string, token?: string, init: { method?: string; body?: string; type?: string } = {}) =>
  fetch(`${mailApi}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { "content-type": init.type ?? "application/json" } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });

test("GET /openapi.json is a valid OpenAPI 3.1 document, served without a token, describing every route", async () => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as never);
  expect(result.errors ?? [], "the OpenAPI 3.1 schema accepts the document").toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe("3.1");
  expect(Object.keys(document.paths).sort()).toEqual([
    "/health",
    "/health/live",
    "/health/ready",
    "/openapi.json",
    "/v1/messages",
    "/v1/messages/{id}",
  ]);
  const doc = document as unknown as {
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  };
  expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  const scopes = (path: string, method: string) => doc.paths[path]?.[method]?.security?.[0]?.bearer;
  expect(scopes("/v1/messages", "get")).toEqual(["mail.read"]);
  expect(scopes("/v1/messages", "post")).toEqual(["mail.send"]);
  expect(scopes("/v1/messages/{id}", "get")).toEqual(["mail.read"]);
  expect(scopes("/v1/messages/{id}", "patch")).toEqual(["mail.modify"]);
  await expectConforms("getOpenApi", await call("/openapi.json"));
  await expectConforms("getHealth", await call("/health"));
  await expectConforms("getLiveness", await call("/health/live"));
  await expectConforms("getReadiness", await call("/health/ready"));
});

test("real responses of every route, successes and errors, conform to the description", async () => {
  const all = (await obtainTokens("openid mail.read mail.send mail.modify", alice)).access_token;
  const readOnly = (await obtainTokens("openid mail.read", bob)).access_token;
  const sendOnly = (await obtainTokens("openid mail.send", alice)).access_token;

  // listMessages: every folder, a search, a page token; and each error.
  const first = (await expectConforms("listMessages", await call("/v1/messages?limit=2", all))) as {
    next_page_token: string;
    messages: { id: string }[];
  };
  await expectConforms("listMessages", await call(`/v1/messages?limit=2&page_token=${first.next_page_token}`, all));
  await expectConforms("listMessages", await call("/v1/messages?folder=sent&q=a", all));
  await expectConforms("listMessages", await call("/v1/messages?q=no-such-text-anywhere", all));
  await expectConforms("listMessages", await call("/v1/messages?folder=trash", all));
  await expectConforms("listMessages", await call(`/v1/messages?page_token=${first.next_page_token}`, readOnly));
  const bare = await call("/v1/messages");
  expect(bare.status).toBe(401);
  await expectConforms("listMessages", bare);
  await expectConforms("listMessages", await call("/v1/messages", "not-a-jwt"));
  const insufficient = await call("/v1/messages", sendOnly);
  expect(insufficient.status).toBe(403);
  await expectConforms("listMessages", insufficient);

  // sendMessage: sent, bad draft, wrong media type, missing scope.
  const sent = await call("/v1/messages", all, {
    method: "POST",
    body: JSON.stringify({ to: bob.email, subject: "OpenAPI", body: "Valid?" }),
  });
  expect(sent.status).toBe(201);
  await expectConforms("sendMessage", sent);
  await expectConforms("sendMessage", await call("/v1/messages", all, { method: "POST", body: JSON.stringify({ to: "nobody" }) }));
  const media = await call("/v1/messages", all, { method: "POST", body: "to=bob", type: "text/plain" });
  expect(media.status).toBe(415);
  await expectConforms("sendMessage", media);
  await expectConforms(
    "sendMessage",
    await call("/v1/messages", readOnly, { method: "POST", body: JSON.stringify({ to: bob.email, subject: "x", body: "y" }) }),
  );

  // getMessage and updateMessage: own message, another user's (404), missing scope, bad body.
  const id = first.messages[0]?.id ?? "";
  await expectConforms("getMessage", await call(`/v1/messages/${id}`, all));
  const crossUser = await call(`/v1/messages/${id}`, readOnly);
  expect(crossUser.status).toBe(404);
  await expectConforms("getMessage", crossUser);
  await expectConforms("getMessage", await call(`/v1/messages/${id}`, sendOnly));
  const patched = await call(`/v1/messages/${id}`, all, { method: "PATCH", body: JSON.stringify({ unread: false }) });
  expect(patched.status).toBe(200);
  await expectConforms("updateMessage", patched);
  await expectConforms("updateMessage", await call(`/v1/messages/${id}`, all, { method: "PATCH", body: JSON.stringify({ unread: 1 }) }));
  await expectConforms(
    "updateMessage",
    await call(`/v1/messages/${id}`, readOnly, { method: "PATCH", body: JSON.stringify({ unread: false }) }),
  );
  await expectConforms(
    "updateMessage",
    await call("/v1/messages/msg_does_not_exist", all, { method: "PATCH", body: JSON.stringify({ unread: false }) }),
  );
  await expectConforms("updateMessage", await call(`/v1/messages/${id}`, all, { method: "PATCH", body: "unread", type: "text/plain" }));
});

test("the validator is not a rubber stamp: a response unlike the description fails", async () => {
  const wrong = api.validateResponse({ messages: [{ id: "msg_1" }], next_page_token: 5 }, "listMessages", 200);
  expect(wrong.errors?.length ?? 0).toBeGreaterThan(0);
  const noChallenge = api.validateResponseHeaders({ "cache-control": "no-store" }, "listMessages", {
    statusCode: 401,
    setMatchType: "superset" as never,
  });
  expect(noChallenge.errors?.length ?? 0).toBeGreaterThan(0);
});
