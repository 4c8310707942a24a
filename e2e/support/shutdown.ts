// What the graceful-shutdown specs share (shutdown.spec.ts, mail-shutdown.spec.ts): a request that is
// provably in flight at the server when SIGTERM comes, the process's exit, and "new connections refused".
import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { expect } from "@playwright/test";

export type SlowAnswer = { status: number; body: string; connection: string | undefined; requestId: string | undefined };

/**
 * A POST with `Expect: 100-continue`: Node's server answers "100 Continue" once it has parsed the
 * request's headers, so `accepted` resolves when the request is in flight at the server; half the body
 * follows then, the rest on `finish()`. Over a keep-alive connection, as a load balancer's: the server
 * must tell it to close once it is stopping.
 */
export function slowRequest(target: string, headers: Record<string, string>, body: string, requestId: string) {
  const half = Math.floor(body.length / 2);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = http.request(target, {
    method: "POST",
    agent,
    headers: { ...headers, "content-length": String(Buffer.byteLength(body)), "x-request-id": requestId, expect: "100-continue" },
  });
  const accepted = new Promise<void>((resolve) =>
    request.once("continue", () => {
      request.write(body.slice(0, half));
      resolve();
    }),
  );
  const answer = new Promise<SlowAnswer>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => {
        agent.destroy();
        const id = response.headers["x-request-id"];
        resolve({
          status: response.statusCode ?? 0,
          body: text,
          connection: response.headers.connection,
          requestId: typeof id === "string" ? id : undefined,
        });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  request.flushHeaders();
  return { accepted, answer, finish: () => request.end(body.slice(half)) };
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

async function connectionRefused(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return `answered ${response.status}`;
  } catch (error) {
    return ((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message;
  }
}

/** Within 5 s of the signal, a new connection to `url` is refused (the instance's output on failure). */
export async function expectRefusedSoon(url: string, instance: { output: () => string }): Promise<void> {
  await expect
    .poll(() => connectionRefused(url), { timeout: 5_000 })
    .toBe("ECONNREFUSED")
    .catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n${instance.output()}`);
    });
}
