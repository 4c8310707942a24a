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

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

export function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

/**
 * A graceful stop: the process exits by itself with status 0 (not killed by a signal) within 8 s of the
 * SIGTERM sent at `signalled`, and its output, written out before the exit, holds `saying`.
 */
export async function expectCleanExit(exited: Promise<Exit>, signalled: number, instance: { output: () => string }, saying?: string) {
  const { code, signal, at } = await exited;
  expect({ code, signal }, instance.output()).toEqual({ code: 0, signal: null });
  expect(at - signalled).toBeLessThan(8_000);
  if (saying !== undefined) expect(instance.output()).toContain(saying);
}

/**
 * A stop that a request in flight held too long: exit status 1, between `afterMs` and `beforeMs` after
 * the SIGTERM sent at `signalled`, and the output says why (`saying`).
 */
export async function expectForcedExit(
  exited: Promise<Exit>,
  signalled: number,
  instance: { output: () => string },
  { afterMs, beforeMs, saying }: { afterMs: number; beforeMs: number; saying: string },
) {
  const { code, at } = await exited;
  expect(code, instance.output()).toBe(1);
  expect(at - signalled).toBeGreaterThanOrEqual(afterMs);
  expect(at - signalled).toBeLessThan(beforeMs);
  expect(instance.output()).toContain(saying);
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
