// Readiness, including the database: a `SELECT 1` with a short timeout (../readiness.ts).
import { db } from "@/lib/db";
import { checkReadiness, readinessResponse } from "../readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return readinessResponse(await checkReadiness(() => db().$queryRaw`SELECT 1`));
}
