// The AS's startup check: it refuses to start as a plain provider (teaching mode off) while
// teaching-only clients are registered, rather than serve them.
import { env } from "@/env";
import { db } from "@/lib/db";
import { teachingRegistrationProblem } from "./registrations";

export async function checkStartup(): Promise<void> {
  const problem = await teachingRegistrationProblem(db(), env().TEACHING_MODE);
  if (problem) {
    console.error(`authorization server: ${problem}`);
    process.exit(1);
  }
}
