// Is there a Redis? The PostgreSQL pass (test-postgres.ts) and the multi-instance spec keep the dashboard's
// state in Redis when one answers; under CI one must (.ci/run starts it).
import { createClient } from "redis";

/** The Redis of the tests: REDIS_URL, or our machines' redis://127.0.0.1:6379. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** True when a Redis server at `url` accepts a connection and answers PING: one attempt, no retries, never throws. */
export async function redisAnswers(url: string, connectTimeoutMs = 3_000): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: false } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.quit();
    return true;
  } catch {
    return false;
  }
}
