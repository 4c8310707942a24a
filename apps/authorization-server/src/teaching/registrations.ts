// Teaching-only registrations (the guided flow's client, the attack lab's naive twins) exist only
// while teaching mode is on, and the naive twins only while the attack lab is on too. The AS checks
// this once at startup and refuses to run with a registration its mode does not allow, rather than
// serve it (a plain provider with a twin that matches redirect URIs by prefix would be a real hole).

import type { PrismaClient } from "@oauth-flow-lab/db/auth";
import { isAttackLabEffective, NAIVE_CLIENT_IDS, TEACHING_CLIENT_IDS } from "@oauth-flow-lab/lab";

type Db = Pick<PrismaClient, "client">;

async function registered(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.client.findMany({ where: { id: { in: [...ids] } }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** The teaching-only clients registered in `db`, by id (the naive twins included). */
export function teachingRegistrations(db: Db): Promise<string[]> {
  return registered(db, TEACHING_CLIENT_IDS);
}

/** The attack lab's naive twins registered in `db`, by id. */
export function naiveRegistrations(db: Db): Promise<string[]> {
  return registered(db, NAIVE_CLIENT_IDS);
}

/** The mode the AS runs in, from its env (TEACHING_MODE, and ATTACK_LAB which counts only inside it). */
export type RegistrationMode = { teaching: boolean; attackLab: boolean };

/** The message the AS stops with, or undefined when the registrations fit the mode. */
export async function teachingRegistrationProblem(db: Db, mode: RegistrationMode): Promise<string | undefined> {
  const naive = await naiveRegistrations(db);
  if (naive.length > 0 && !isAttackLabEffective(mode.teaching, mode.attackLab)) {
    return (
      `the attack lab is off (TEACHING_MODE=${mode.teaching ? "1" : "0"}, ATTACK_LAB=${mode.attackLab ? "1" : "0"}), ` +
      `but naive registrations (attack lab twins) are registered: ${naive.join(", ")}. ` +
      "Set TEACHING_MODE=1 and ATTACK_LAB=1 for the attack lab, or remove them (the seed does when the attack lab is off)."
    );
  }
  if (mode.teaching) return undefined;
  const found = await teachingRegistrations(db);
  if (found.length === 0) return undefined;
  return (
    `teaching mode is off, but teaching-only clients are registered: ${found.join(", ")}. ` +
    "Set TEACHING_MODE=1 for a lab, or remove them (the seed does when run with TEACHING_MODE=0)."
  );
}
