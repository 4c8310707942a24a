// Starts the periodic purge of expired rows (protocol/purge-expired.ts) in this AS process. Every
// minute each instance asks whether a purge is due; the database marker lets one of them run it at most
// once per LIFETIMES.purge_interval. The timer does not keep the process alive.
import { isDatabaseUnavailable } from "@oauth-flow-lab/db/unavailable";
import { db } from "@/lib/db";
import { errorFields, logger } from "@/lib/log";
import { purgeExpiredRowsIfDue } from "@/protocol/purge-expired";

const TICK_MS = 60_000;
let started = false;

export function startPurgeSchedule(): void {
  if (started) return;
  started = true;
  const tick = () => {
    purgeExpiredRowsIfDue({ db: db(), now: () => new Date() })
      .then((counts) => {
        if (counts) logger().info({ purged: counts }, "purged expired rows");
      })
      .catch((error: unknown) =>
        // An outage is the operator's concern, logged as such; the next tick tries again.
        isDatabaseUnavailable(error)
          ? logger().warn(errorFields(error), "purge of expired rows skipped: database unavailable")
          : logger().error(errorFields(error), "purge of expired rows failed"),
      );
  };
  setTimeout(tick, 5_000).unref();
  setInterval(tick, TICK_MS).unref();
}
