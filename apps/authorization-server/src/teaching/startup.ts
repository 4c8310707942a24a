// The AS's startup check: it refuses to start as a plain provider (teaching mode off) while
// teaching-only clients are registered, and without the attack lab while its naive twins are.

import { flushLogger } from "@oauth-flow-lab/log";
import { env } from "@/env";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { teachingRegistrationProblem } from "./registrations";

export async function checkStartup(): Promise<void> {
  const { TEACHING_MODE, ATTACK_LAB } = env();
  const problem = await teachingRegistrationProblem(db(), { teaching: TEACHING_MODE, attackLab: ATTACK_LAB });
  if (problem) {
    logger().fatal(`authorization server: ${problem}`);
    await flushLogger(logger());
    process.exit(1);
  }
}
