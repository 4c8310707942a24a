// The backend every state store of this process uses (store.ts says why): Redis when REDIS_URL is set,
// otherwise memory. One of each per process, kept on globalThis: Next may load this module once per
// route bundle, and the pages, the callbacks and the actions must all see the same state.
import "server-only";
import { createClient } from "redis";
import { env } from "@/env";
import {
  type Backend,
  createStateStore,
  memoryBackend,
  type RedisCommands,
  redisBackend,
  type StateStore,
  type StoreOptions,
} from "./store";

const KEY = Symbol.for("maildash.state.backend");
const holder = globalThis as typeof globalThis & { [KEY]?: Backend };

function backend(): Backend {
  const existing = holder[KEY];
  if (existing) return existing;
  const { REDIS_URL, REDIS_KEY_PREFIX } = env();
  holder[KEY] = REDIS_URL === undefined ? memoryBackend() : lazyRedis(REDIS_URL, REDIS_KEY_PREFIX);
  return holder[KEY];
}

/** Connects on first use; a lost connection is re-established by node-redis itself. */
function lazyRedis(url: string, prefix: string): Backend {
  let connected: Promise<RedisCommands> | undefined;
  const redis = () =>
    (connected ??= (async () => {
      const client = createClient({ url, socket: { connectTimeout: 5_000 } });
      // Without a listener an 'error' event would end the process; the failing call reports it instead.
      client.on("error", () => undefined);
      await client.connect();
      return client as unknown as RedisCommands;
    })().catch((error: unknown) => {
      connected = undefined;
      throw error;
    }));
  const over = async () => redisBackend(await redis(), prefix);
  return {
    put: async (...args) => (await over()).put(...args),
    get: async (...args) => (await over()).get(...args),
    del: async (...args) => (await over()).del(...args),
  };
}

/** A state store on this process's backend. */
export function stateStore<T>(options: StoreOptions<T>): StateStore<T> {
  const store = createStateStore<T>(
    { put: (...a) => backend().put(...a), get: (...a) => backend().get(...a), del: (...a) => backend().del(...a) },
    options,
  );
  return store;
}
