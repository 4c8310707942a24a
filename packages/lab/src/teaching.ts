// The teaching mode: one explicit switch for every teaching feature (the guided client, the trace
// endpoints, the demo controls). On in `npm run demo` and in a school's lab deployment; off when the
// authorization server is deployed as a plain provider. Each app reads TEACHING_MODE once, in its env.ts.

/** The environment variable, "1" (on) or "0" (off, the default). */
export const TEACHING_MODE_VARIABLE = "TEACHING_MODE";

/**
 * The attack lab (naive twins, the evil AS, the attack pages): a second switch, effective only inside
 * teaching mode. On in `npm run demo` and the tests.
 */
export const ATTACK_LAB_VARIABLE = "ATTACK_LAB";

/** Teaching mode (and the attack lab) are off unless the variable says exactly "1". */
export function parseTeachingMode(value: string | undefined): boolean {
  return value === "1";
}

/** The attack lab takes effect only inside teaching mode: ATTACK_LAB=1 alone changes nothing. */
export function isAttackLabEffective(teaching: boolean, attackLab: boolean): boolean {
  return teaching && attackLab;
}

/** The header that names a flow's trace capability on back-channel requests (never shown on a page). */
export const TRACE_CAPABILITY_HEADER = "x-flow-trace";

/** Bounds of the trace store at each server: per flow, and in total. */
export const TRACE_LIMITS = {
  eventsPerFlow: 200,
  flows: 2000,
} as const;
