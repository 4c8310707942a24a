// Request bodies are read with a bound (packages/oauth readBodyText): a body larger than the endpoint's
// limit, or one that never ends, is answered 400 as soon as the limit is passed, instead of being
// buffered for as long as it arrives (before: `request.text()` waited for its end, holding it all in
// memory). Real HTTP against the running lab; the AS's protocol endpoints answer while the body is still
// being sent.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { issuer, lab } from "../support/lab.ts";

type Answer = { status: number; body: string };

/**
 * POSTs `url` a body that never ends (256 KiB, then nothing, the request left open), or one whose
 * Content-Length claims a gigabyte; resolves with the answer, or rejects when none came within 8 s.
 */
function postWithoutEnd(url: string, contentType: string, declareGigabyte = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(target, {
      method: "POST",
      headers: { "content-type": contentType, ...(declareGigabyte ? { "content-length": String(2 ** 30) } : {}) },
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`${url}: no answer within 8 s while the body was still arriving`));
    }, 8_000);
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", () => undefined); // destroyed on purpose once answered
    const chunk = `a=${"x".repeat(16 * 1024)}&`;
    for (let i = 0; i < 16; i++) request.write(chunk);
  });
}

const FORM = "application/x-www-form-urlencoded";

test("the AS's token endpoint answers a body that never ends with invalid_request, without waiting for its end", async () => {
  for (const declareGigabyte of [false, true]) {
    const answer = await postWithoutEnd(`${issuer}/token`, FORM, declareGigabyte);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_request" });
  }
});

test("the AS's POST /authorize answers a body that never ends with a 400", async () => {
  const answer = await postWithoutEnd(`${issuer}/authorize`, FORM);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain("too large");
});

test("the dashboard's next-auth endpoints refuse a body larger than 16 KiB with invalid_request", async () => {
  // The dashboard's proxy runs before them, and Next.js waits for a body's end before it runs the route
  // (it copies at most 256 KiB of it for the proxy, next.config.ts): a finite body, then.
  const answer = await fetch(`${lab.dashboardUrl}/api/auth/signin/labmail`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `callbackUrl=%2Finbox&filler=${"x".repeat(2 * 1024 * 1024)}`,
  });
  expect(answer.status).toBe(400);
  expect(await answer.json()).toMatchObject({ error: "invalid_request" });
});
