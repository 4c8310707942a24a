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
