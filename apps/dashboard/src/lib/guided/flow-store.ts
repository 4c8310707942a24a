// The guided flows in progress, in this process's memory: bounded in number and in time, because
// anyone can start one. Pure (the clock is injected), so the bounds can be tested.

export type FlowStoreOptions = {
  /** At most this many flows; starting one more drops the oldest. */
  maxFlows: number;
  /** A flow is forgotten this long after it was started. */
  ttlMs: number;
  now?: () => number;
};

export type FlowStore<T> = {
  add(id: string, flow: T): void;
  get(id: string): T | undefined;
  delete(id: string): void;
  readonly size: number;
};

export function createFlowStore<T>({ maxFlows, ttlMs, now = Date.now }: FlowStoreOptions): FlowStore<T> {
  // A Map iterates in insertion order: the first entry is always the oldest.
  const flows = new Map<string, { flow: T; expires: number }>();
  const sweep = () => {
    const t = now();
    for (const [id, entry] of flows) {
      if (entry.expires > t) break; // later entries were added later and expire later
      flows.delete(id);
    }
  };
  return {
    add(id, flow) {
      sweep();
      flows.delete(id);
      flows.set(id, { flow, expires: now() + ttlMs });
      while (flows.size > maxFlows) {
        const oldest = flows.keys().next();
        if (oldest.done) break;
        flows.delete(oldest.value);
      }
    },
    get(id) {
      sweep();
      return flows.get(id)?.flow;
    },
    delete(id) {
      flows.delete(id);
    },
    get size() {
      sweep();
      return flows.size;
    },
  };
}
