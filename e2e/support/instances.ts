// More app instances beside the test stack, started through the same start scripts (scripts/start/*.mjs)
// as the stack and the compose services, and a TCP relay that puts a database within a test's reach
// (cut: open connections dropped, new ones held silently; restore: as a restarted server).
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { root } from "../../scripts/lib/stack.ts";

/** A TCP relay to a database server that can be cut: open connections dropped, new ones held silently. */
export async function databaseRelay(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (cut) return; // accepted, never answered: what a hung server looks like to the driver
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const relayed = new URL(databaseUrl);
  relayed.hostname = "127.0.0.1";
  relayed.port = String((server.address() as net.AddressInfo).port);
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    url: relayed.toString(),
    cut: () => {
      cut = true;
      dropAll();
    },
    restore: () => {
      cut = false;
      dropAll(); // as a restarted server would: held connection attempts fail, new ones get through
    },
    close: async () => {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** One more app instance through its start script (no seed: the stack's seed is there already), in its own process group. */
export function startInstance(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 8000);
    await gone;
    clearTimeout(timer);
  };
  return { child, output: () => output, stop };
}

/** Which instance HAProxy sent each request to, from its log (option httplog): `<backend>/<server> … "<METHOD> <path>`. */
export type Served = { backend: string; server: string; method: string; path: string };

/**
 * HAProxy (Debian's package) with the very deploy/haproxy.cfg of docker-compose.yml; only the
 * addresses differ, through the environment. Resolves once it listens; its log is kept for `served`.
 */
export function startHaproxy(env: Record<string, string>) {
  let log = "";
  const child = spawn("/usr/sbin/haproxy", ["-db", "-f", path.join(root, "deploy/haproxy.cfg")], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const served = (): Served[] =>
    [...log.matchAll(/ (\w+)\/(\w+) .*?"(GET|POST|PATCH|PUT|DELETE) (\S+)/g)].map((m) => ({
      backend: m[1] ?? "",
      server: m[2] ?? "",
      method: m[3] ?? "",
      path: m[4] ?? "",
    }));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    await gone;
  };
  return { child, log: () => log, served, stop };
}

/** Polls `url` until it answers 200, failing early (with its output) if the instance exited. */
export async function waitForReady(url: string, instance: { child: ChildProcess; output: () => string }, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (instance.child.exitCode !== null) throw new Error(`${url}: the instance exited:\n${instance.output()}`);
    const status = (await fetch(url, { signal: AbortSignal.timeout(3000) }).catch(() => undefined))?.status;
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms:\n${instance.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** SIGKILL to an instance's whole process group (start script and server): a crash, no shutdown at all. */
export async function killInstance(instance: { child: ChildProcess }): Promise<void> {
  const { child } = instance;
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGKILL");
  await gone;
}
