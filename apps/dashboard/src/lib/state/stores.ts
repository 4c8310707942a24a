// The backend every state store of this process uses (store.ts says why): Redis when REDIS_URL is set,
// otherwise memory. One of each per process, kept on globalThis: Next may load this module once per
// route bundle, and the pages, the callbacks and the actions must all see the same state.
import "server-only";
import { env } from "@/env";
import { type Backend, connectingRedisBackend, createStateStore, memoryBackend, type StateStore, type StoreOptions } from "./store";

const KEY = Symbol.for("maildash.state.backend");
const holder = globalThis as typeof globalThis & { [KEY]?: Backend };

function backend(): Backend {
  const existing = holder[KEY];
  if (existing) return existing;
  const { REDIS_URL, REDIS_KEY_PREFIX } = env();
  holder[KEY] = REDIS_URL === undefined ? memoryBackend() : connectingRedisBackend(REDIS_URL, REDIS_KEY_PREFIX);
  return holder[KEY];
}

/** A state store on this process's backend. */
export function stateStore<T>(options: StoreOptions<T>): StateStore<T> {
  const store = createStateStore<T>(
    { put: (...a) => backend().put(...a), get: (...a) => backend().get(...a), del: (...a) => backend().del(...a) },
    options,
  );
  return store;
}
