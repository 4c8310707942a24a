// One refresh per refresh token, however many requests need it at the same moment.
//
// With refresh token rotation the first refresh spends the token; a second request still carrying
// the old session cookie would present it again and trip reuse detection, revoking the whole grant.
// So concurrent callers with the same key share one promise, and for a short while afterwards late
// callers (a request that left the browser before the new cookie arrived) get the same result.

export type SingleFlight<T> = {
  /** Runs `task` unless a run for `key` is in flight or finished less than `memoMs` ago. */
  run(key: string, task: () => Promise<T>): Promise<T>;
  /** Number of keys in flight or remembered (for tests and diagnostics). */
  size(): number;
};

export function createSingleFlight<T>(options: { memoMs: number; now?: () => number }): SingleFlight<T> {
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<T>>();
  const settled = new Map<string, { value: T; until: number }>();

  function prune(at: number): void {
    for (const [key, entry] of settled) if (entry.until <= at) settled.delete(key);
  }

  return {
    run(key, task) {
      const at = now();
      prune(at);
      const remembered = settled.get(key);
      if (remembered) return Promise.resolve(remembered.value);
      const running = inFlight.get(key);
      if (running) return running;
      const promise = task().then(
        (value) => {
          settled.set(key, { value, until: now() + options.memoMs });
          inFlight.delete(key);
          return value;
        },
        (error: unknown) => {
          // Failures are shared with the callers already waiting, but not remembered.
          inFlight.delete(key);
          throw error;
        },
      );
      inFlight.set(key, promise);
      return promise;
    },
    size() {
      return inFlight.size + settled.size;
    },
  };
}
