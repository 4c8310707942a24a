import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import { createClient } from "redis";
import { silentServer } from "../../../../../e2e/support/silent-server.ts";
import {
  type Backend,
  connectingRedisBackend,
  createStateStore,
  isStateStoreUnavailable,
  memoryBackend,
  type RedisCommands,
  redisBackend,
} from "./store.ts";

// The same behaviour is asserted of both backends: memory (the demo) and Redis (several instances).
// Redis: the machine's server at REDIS_URL or 127.0.0.1:6379; under CI its absence is a failure.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
redis.on("error", () => undefined);
const redisUp = await redis.connect().then(
  () => true,
  () => false,
);
if (!redisUp && process.env.CI === "true") throw new Error(`no Redis at ${REDIS_URL}: CI machines provide one`);
after(async () => {
  if (redisUp) await redis.quit();
});

type Clock = { t: number };
const backends: [string, (clock: Clock) => Backend, boolean][] = [
  ["memory", (clock) => memoryBackend(() => clock.t), false],
  // A fresh prefix per test: runs never see each other's keys.
  ["redis", (clock) => redisBackend(redis as unknown as RedisCommands, `test-${randomBytes(6).toString("hex")}`, () => clock.t), !redisUp],
];

for (const [name, make, skip] of backends) {
  describe(`state store on ${name}`, { skip: skip ? `no Redis at ${REDIS_URL}` : false }, () => {
    test("a value comes back as a copy: changing it changes nothing until it is saved again", async () => {
      const store = createStateStore<{ step: number; list: string[] }>(make({ t: Date.now() }), {
        name: "flows",
        maxEntries: 10,
        ttlMs: 60_000,
      });
      const flow = { step: 1, list: ["a"] };
      await store.add("f", flow);
      flow.step = 2;
      const read = await store.get("f");
      assert.deepEqual(read, { step: 1, list: ["a"] });
      if (!read) return;
      read.list.push("b");
      assert.deepEqual((await store.get("f"))?.list, ["a"]);
      await store.add("f", read);
      assert.deepEqual((await store.get("f"))?.list, ["a", "b"]);
    });

    test("at most maxEntries: saving one more drops the oldest", async () => {
      const clock = { t: Date.now() };
      const store = createStateStore<number>(make(clock), { name: "bounded", maxEntries: 3, ttlMs: 60_000 });
      for (const n of [1, 2, 3, 4]) {
        clock.t += 1;
        await store.add(`f${n}`, n);
      }
      assert.equal(await store.get("f1"), undefined);
      assert.equal(await store.get("f2"), 2);
      assert.equal(await store.get("f4"), 4);
    });

    test("delete forgets a value", async () => {
      const store = createStateStore<string>(make({ t: Date.now() }), { name: "deleted", maxEntries: 10, ttlMs: 60_000 });
      await store.add("a", "A");
      await store.delete("a");
      assert.equal(await store.get("a"), undefined);
    });

    test("a codec carries what JSON cannot (a Map)", async () => {
      const store = createStateStore<Map<string, number>>(make({ t: Date.now() }), {
        name: "maps",
        maxEntries: 10,
        ttlMs: 60_000,
        codec: { encode: (m) => [...m], decode: (json) => new Map(json as [string, number][]) },
      });
      await store.add("m", new Map([["x", 1]]));
      assert.equal((await store.get("m"))?.get("x"), 1);
    });
  });
}

test("memory: a value is forgotten after its time to live", async () => {
  const clock = { t: 0 };
  const backend = memoryBackend(() => clock.t);
  const store = createStateStore<string>(backend, { name: "ttl", maxEntries: 10, ttlMs: 1000 });
  await store.add("a", "A");
  clock.t = 500;
  await store.add("b", "B");
  clock.t = 999;
  assert.equal(await store.get("a"), "A");
  clock.t = 1000;
  assert.equal(await store.get("a"), undefined);
  assert.equal(await store.get("b"), "B");
  clock.t = 1500;
  assert.equal(backend.size("ttl"), 0);
});

test("redis: a value expires by itself (PX), and its id leaves the index", { skip: !redisUp }, async () => {
  const prefix = `test-${randomBytes(6).toString("hex")}`;
  const store = createStateStore<string>(redisBackend(redis as unknown as RedisCommands, prefix), {
    name: "ttl",
    maxEntries: 10,
    ttlMs: 150,
  });
  await store.add("a", "A");
  assert.equal(await store.get("a"), "A");
  assert.ok((await redis.pTTL(`${prefix}:ttl:a`)) <= 150);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await store.get("a"), undefined);
  await store.add("b", "B");
  assert.deepEqual(await redis.zRange(`${prefix}:ttl:index`, 0, -1), ["b"]);
  await redis.del([`${prefix}:ttl:b`, `${prefix}:ttl:index`]);
});

// Redis out of reach: every operation fails soon, as StateStoreUnavailable (the routes answer 503), and
// never waits for Redis to come back. A port nothing listens on, and a server that accepts and never answers.
for (const [what, listen] of [
  ["nothing listens", async () => ({ port: await closedPort(), close: async () => undefined })],
  ["the server never answers", silentServer],
] as const) {
  test(`redis unreachable (${what}): each operation fails within its bound, as StateStoreUnavailable`, async () => {
    const server = await listen();
    const backend = connectingRedisBackend(`redis://127.0.0.1:${server.port}`, "unreachable", { connectMs: 300, commandMs: 300 });
    try {
      for (const operation of [() => backend.get("s", "a"), () => backend.put("s", "a", "{}", 1000, 10), () => backend.del("s", "a")]) {
        const started = Date.now();
        await assert.rejects(operation(), (error) => isStateStoreUnavailable(error));
        assert.ok(Date.now() - started < 1_500, `answered after ${Date.now() - started} ms`);
      }
    } finally {
      backend.close();
      await server.close();
    }
  });
}

async function closedPort(): Promise<number> {
  const server = await silentServer();
  await server.close();
  return server.port;
}

test("redis: the connecting backend connects on first use and serves the store", { skip: !redisUp }, async () => {
  const prefix = `test-${randomBytes(6).toString("hex")}`;
  const backend = connectingRedisBackend(REDIS_URL, prefix);
  try {
    const store = createStateStore<string>(backend, { name: "first-use", maxEntries: 10, ttlMs: 60_000 });
    await store.add("a", "A");
    assert.equal(await store.get("a"), "A");
    await store.delete("a");
    assert.equal(await store.get("a"), undefined);
  } finally {
    backend.close();
  }
});
