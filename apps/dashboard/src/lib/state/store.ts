// The dashboard's short-lived state: guided flows, attack runs, the attack lab's published keys, the evil
// AS's captures and the naive twins' pending logins. Each lives minutes, is bounded in number (anyone can
// start one) and must be readable by whichever dashboard instance the browser's next request reaches.
//
// Where it lives (decision, issue 11): in Redis when REDIS_URL is set (production, several instances,
// the PostgreSQL test pass), otherwise in this process's memory (the zero-setup demo: one instance).
// Redis rather than a database of the dashboard's own: this is scratch state with a time to live, not
// records; Redis expires it by itself (no purge job, no migrations), and the dashboard, a client, keeps
// no database (architecture.md: each database belongs to one server).
//
// Both backends store the value as JSON text, so an object read from the store is always a copy: code
// that changes a flow must save it again, on one instance as on several (the memory backend makes a
// forgotten save fail in the embedded test pass too, not only in production).

import { createClient } from "redis";

/** A store of JSON-serializable values by id, each forgotten `ttlMs` after it was last saved. */
export type StateStore<T> = {
  add(id: string, value: T): Promise<void>;
  get(id: string): Promise<T | undefined>;
  delete(id: string): Promise<void>;
};

/** How a value that is not plain JSON (a Map…) is written and read back. */
export type Codec<T> = { encode(value: T): unknown; decode(json: unknown): T };

export type StoreOptions<T> = {
  /** The store's name: the key prefix in Redis. */
  name: string;
  /** At most this many entries; saving one more drops the oldest. */
  maxEntries: number;
  ttlMs: number;
  codec?: Codec<T>;
};

/** The string-level operations a backend provides; `put` enforces the bound and the time to live. */
export type Backend = {
  put(name: string, id: string, json: string, ttlMs: number, maxEntries: number): Promise<void>;
  get(name: string, id: string): Promise<string | undefined>;
  del(name: string, id: string): Promise<void>;
};

export function createStateStore<T>(backend: Backend, { name, maxEntries, ttlMs, codec }: StoreOptions<T>): StateStore<T> {
  return {
    async add(id, value) {
      await backend.put(name, id, JSON.stringify(codec ? codec.encode(value) : value), ttlMs, maxEntries);
    },
    async get(id) {
      const json = await backend.get(name, id);
      if (json === undefined) return undefined;
      const parsed: unknown = JSON.parse(json);
      return codec ? codec.decode(parsed) : (parsed as T);
    },
    async delete(id) {
      await backend.del(name, id);
    },
  };
}

/** This process's memory: one Map per store, oldest first (a Map iterates in insertion order). */
export function memoryBackend(now: () => number = Date.now): Backend & { size(name: string): number } {
  const stores = new Map<string, Map<string, { json: string; expires: number }>>();
  const entries = (name: string) => {
    let store = stores.get(name);
    if (!store) stores.set(name, (store = new Map()));
    return store;
  };
  const sweep = (store: Map<string, { expires: number }>) => {
    const t = now();
    for (const [id, entry] of store) {
      if (entry.expires > t) break; // later entries were saved later and expire later
      store.delete(id);
    }
  };
  return {
    async put(name, id, json, ttlMs, maxEntries) {
      const store = entries(name);
      sweep(store);
      store.delete(id);
      store.set(id, { json, expires: now() + ttlMs });
      while (store.size > maxEntries) {
        const oldest = store.keys().next();
        if (oldest.done) break;
        store.delete(oldest.value);
      }
    },
    async get(name, id) {
      const store = entries(name);
      sweep(store);
      return store.get(id)?.json;
    },
    async del(name, id) {
      entries(name).delete(id);
    },
    size(name) {
      const store = entries(name);
      sweep(store);
      return store.size;
    },
  };
}

/**
 * The state store cannot be reached right now (Redis down, cut off, too slow to answer). Nothing is wrong
 * with the request: the dashboard answers 503 and the browser may try again (unavailable.ts).
 */
export class StateStoreUnavailable extends Error {
  override readonly name = "StateStoreUnavailable";
  constructor(cause: unknown) {
    super(`the state store cannot be reached (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/**
 * By name rather than `instanceof`: Next may load this module once per route bundle (stores.ts), so the
 * error may come from another copy of the class.
 */
export function isStateStoreUnavailable(error: unknown): error is StateStoreUnavailable {
  return error instanceof Error && error.name === "StateStoreUnavailable";
}

/**
 * How long a request waits for Redis, at most: for the first connection, then for each command. Redis
 * answers in well under a millisecond; past these bounds the request gets its 503 instead of waiting on.
 */
export const REDIS_TIMEOUTS = { connectMs: 2_000, commandMs: 2_000 };

/**
 * The Redis backend on a node-redis client of its own, connected on first use. After a lost connection
 * node-redis reconnects by itself; meanwhile a command fails at once (no offline queue) rather than
 * waiting for Redis to come back. Every failure is a StateStoreUnavailable.
 */
export function connectingRedisBackend(url: string, prefix?: string, timeouts = REDIS_TIMEOUTS): Backend & { close(): void } {
  let started: { client: ReturnType<typeof createClient>; connected: Promise<unknown> } | undefined;
  const ready = async (): Promise<RedisCommands> => {
    if (!started) {
      const client = createClient({
        url,
        disableOfflineQueue: true,
        commandOptions: { timeout: timeouts.commandMs },
        socket: { connectTimeout: timeouts.connectMs },
      });
      // Without a listener an 'error' event would end the process; the failing call reports it instead.
      client.on("error", () => undefined);
      // Keeps trying in the background (node-redis's reconnect strategy) until Redis answers; should it
      // give up, the next call starts over with a new client.
      const attempt = { client, connected: client.connect() };
      attempt.connected.catch(() => {
        if (started === attempt) started = undefined;
      });
      started = attempt;
    }
    const { client, connected } = started;
    if (!client.isReady) await withTimeout(connected, timeouts.connectMs, "no connection to Redis");
    return client as unknown as RedisCommands;
  };
  const over = async <R>(run: (backend: Backend) => Promise<R>): Promise<R> => {
    try {
      return await run(redisBackend(await ready(), prefix));
    } catch (error) {
      throw new StateStoreUnavailable(error);
    }
  };
  return {
    put: (...args) => over((b) => b.put(...args)),
    get: (...args) => over((b) => b.get(...args)),
    del: (...args) => over((b) => b.del(...args)),
    /** Drops the connection and stops reconnecting (the unit tests; a server keeps its client for its life). */
    close() {
      started?.client.destroy();
      started = undefined;
    },
  };
}

async function withTimeout(promise: Promise<unknown>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      promise,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The few Redis commands the Redis backend needs (node-redis's client provides them). */
export type RedisCommands = {
  set(key: string, value: string, options: { expiration: { type: "PX"; value: number } }): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(keys: string | string[]): Promise<number>;
  zAdd(key: string, member: { score: number; value: string }): Promise<unknown>;
  zRemRangeByScore(key: string, min: number | string, max: number | string): Promise<unknown>;
  zCard(key: string): Promise<number>;
  zPopMinCount(key: string, count: number): Promise<{ value: string }[]>;
  zRem(key: string, member: string): Promise<unknown>;
};

/**
 * Redis: each value under `<prefix>:<store>:<id>` with a PX expiry (Redis forgets it by itself), and an
 * index of ids by save time (a sorted set) that keeps the number bounded.
 */
export function redisBackend(redis: RedisCommands, prefix = "maildash", now: () => number = Date.now): Backend {
  const key = (name: string, id: string) => `${prefix}:${name}:${id}`;
  const index = (name: string) => `${prefix}:${name}:index`;
  return {
    async put(name, id, json, ttlMs, maxEntries) {
      const t = now();
      await redis.set(key(name, id), json, { expiration: { type: "PX", value: ttlMs } });
      await redis.zAdd(index(name), { score: t, value: id });
      // Ids whose value has expired, then the oldest beyond the bound (their values deleted too).
      await redis.zRemRangeByScore(index(name), "-inf", t - ttlMs);
      const excess = (await redis.zCard(index(name))) - maxEntries;
      if (excess > 0) {
        const dropped = await redis.zPopMinCount(index(name), excess);
        if (dropped.length > 0) await redis.del(dropped.map((d) => key(name, d.value)));
      }
    },
    async get(name, id) {
      return (await redis.get(key(name, id))) ?? undefined;
    },
    async del(name, id) {
      await redis.del(key(name, id));
      await redis.zRem(index(name), id);
    },
  };
}
