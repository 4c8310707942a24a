// Teaching-only registrations (the guided flow's client today; the attack lab's naive twins later)
// exist only while teaching mode is on. The AS checks this once at startup and refuses to run as a
// plain provider with a teaching registration in its database.
import { TEACHING_CLIENT_IDS } from "@oauth-flow-lab/lab";
import type { PrismaClient } from "@oauth-flow-lab/db/auth";

/** The teaching-only clients registered in `db`, by id. */
export async function teachingRegistrations(db: Pick<PrismaClient, "client">): Promise<string[]> {
  if (TEACHING_CLIENT_IDS.length === 0) return [];
  const rows = await db.client.findMany({ where: { id: { in: [...TEACHING_CLIENT_IDS] } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** The message the AS stops with, or undefined when the registrations fit the mode. */
export async function teachingRegistrationProblem(db: Pick<PrismaClient, "client">, teaching: boolean): Promise<string | undefined> {
  if (teaching) return undefined;
  const found = await teachingRegistrations(db);
  if (found.length === 0) return undefined;
  return (
    `teaching mode is off, but teaching-only clients are registered: ${found.join(", ")}. ` +
    "Set TEACHING_MODE=1 for a lab, or remove them (the seed does when run with TEACHING_MODE=0)."
  );
}
