// Runs once when the AS starts, before it serves a request (Next.js instrumentation hook).
// It refuses to start as a plain provider (teaching mode off) with teaching-only registrations.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ env }, { db }, { teachingRegistrationProblem }] = await Promise.all([
    import("./env"),
    import("./lib/db"),
    import("./teaching/registrations"),
  ]);
  const problem = await teachingRegistrationProblem(db(), env().TEACHING_MODE);
  if (problem) {
    console.error(`authorization server: ${problem}`);
    process.exit(1);
  }
}
