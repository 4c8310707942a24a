// Starts the periodic purge of expired rows (protocol/purge-expired.ts) in this AS process. Every
// minute each instance asks whether a purge is due; the database marker lets one of them run it at most
// once per LIFETIMES.purge_interval. The timer does not keep the process alive.
import { db } from "@/lib/db";
import { purgeExpiredRowsIfDue } from "@/protocol/purge-expired";

const TICK_MS = 60_000;
let started = false;

export function startPurgeSchedule(): void {
  if (started) return;
  started = true;
  const tick = () => {
    purgeExpiredRowsIfDue({ db: db(), now: () => new Date() })
      .then((counts) => {
        if (counts) console.info(`[as] purged expired rows: ${JSON.stringify(counts)}`);
      })
      .catch((error: unknown) => console.error("[as] purge of expired rows failed", error));
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, TICK_MS).unref();
}
