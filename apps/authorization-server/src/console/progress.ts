// Class progress (teaching mode): how far each student got in the guided flow and how their attack-lab
// runs ended. MailDash reports it over a back channel (POST /console/progress, authenticated as its
// confidential client); the teacher console reads it. Stored in the database only (LabProgress), so
// every instance of the AS sees the same. Never a token, a code or a secret: a step number or an outcome word.
import { ATTACK_ACTIVITY_PREFIX, ATTACK_OUTCOMES, type AttackOutcome, GUIDED_ACTIVITY, GUIDED_STEP_COUNT } from "@oauth-flow-lab/lab";
import { z } from "zod";
import type { AuthDatabase } from "../protocol/dependencies";

const SCENARIO_ID = /^[a-z0-9-]{1,40}$/;

/** The body MailDash posts: one activity of one student (its `sub`). Unknown fields are refused. */
export const progressReportSchema = z.union([
  z.strictObject({
    sub: z.string().min(1).max(100),
    activity: z.literal(GUIDED_ACTIVITY),
    step: z.number().int().min(1).max(GUIDED_STEP_COUNT),
  }),
  z.strictObject({
    sub: z.string().min(1).max(100),
    activity: z
      .string()
      .startsWith(ATTACK_ACTIVITY_PREFIX)
      .refine((a) => SCENARIO_ID.test(a.slice(ATTACK_ACTIVITY_PREFIX.length))),
    outcome: z.enum(Object.keys(ATTACK_OUTCOMES) as [AttackOutcome, ...AttackOutcome[]]),
  }),
]);
export type ProgressReport = z.infer<typeof progressReportSchema>;

type ProgressDependencies = { db: Pick<AuthDatabase, "user" | "$executeRaw">; now: () => Date };

/**
 * Records a report in one statement, atomic under parallel reports and across instances: the guided
 * flow keeps the highest step reached (a student who goes back keeps their progress); an attack
 * scenario keeps the outcome of its last run and counts the runs. Returns false for an unknown `sub`.
 */
export async function recordProgress(deps: ProgressDependencies, report: ProgressReport): Promise<boolean> {
  const user = await deps.db.user.findUnique({ where: { id: report.sub }, select: { id: true } });
  if (!user) return false;
  // As an ISO string cast to timestamp(3) (the column's type), like login-throttle.ts: no driver time-zone guess.
  const now = deps.now().toISOString();
  if ("step" in report) {
    await deps.db.$executeRaw`
      INSERT INTO lab_progress (user_id, activity, step, runs, updated_at) VALUES (${user.id}, ${report.activity}, ${report.step}::int, 1, CAST(${now} AS timestamp(3)))
      ON CONFLICT (user_id, activity) DO UPDATE SET step = GREATEST(lab_progress.step, EXCLUDED.step), updated_at = EXCLUDED.updated_at`;
  } else {
    await deps.db.$executeRaw`
      INSERT INTO lab_progress (user_id, activity, outcome, runs, updated_at) VALUES (${user.id}, ${report.activity}, ${report.outcome}, 1, CAST(${now} AS timestamp(3)))
      ON CONFLICT (user_id, activity) DO UPDATE SET outcome = EXCLUDED.outcome, runs = lab_progress.runs + 1, updated_at = EXCLUDED.updated_at`;
  }
  return true;
}

/** One student's row in the console: who, their account's state, and their progress. Nothing secret. */
export type StudentProgress = {
  id: string;
  username: string;
  name: string;
  disabled: boolean;
  /** Still has the one-time password (never signed in, or reset). */
  mustChangePassword: boolean;
  /** The highest guided step reached, or null. */
  guidedStep: number | null;
  attacks: { scenario: string; outcome: AttackOutcome; runs: number }[];
  /** The last report, ISO 8601, or null. */
  lastActivity: string | null;
};

const isOutcome = (value: string | null): value is AttackOutcome => value !== null && Object.hasOwn(ATTACK_OUTCOMES, value);

/** The students this teacher created, in name order, with their progress. */
export async function classProgress(db: Pick<AuthDatabase, "user">, teacherId: string): Promise<StudentProgress[]> {
  const students = await db.user.findMany({
    where: { createdById: teacherId, role: "student" },
    orderBy: [{ name: "asc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      name: true,
      disabledAt: true,
      mustChangePassword: true,
      progress: { select: { activity: true, step: true, outcome: true, runs: true, updatedAt: true } },
    },
  });
  return students.map((s) => {
    const guided = s.progress.find((p) => p.activity === GUIDED_ACTIVITY);
    const attacks = s.progress
      .filter((p) => p.activity.startsWith(ATTACK_ACTIVITY_PREFIX))
      .flatMap((p) =>
        isOutcome(p.outcome) ? [{ scenario: p.activity.slice(ATTACK_ACTIVITY_PREFIX.length), outcome: p.outcome, runs: p.runs }] : [],
      )
      .sort((a, b) => a.scenario.localeCompare(b.scenario, "en", { numeric: true }));
    const last = s.progress.reduce<Date | null>((latest, p) => (latest === null || p.updatedAt > latest ? p.updatedAt : latest), null);
    return {
      id: s.id,
      username: s.username,
      name: s.name,
      disabled: s.disabledAt !== null,
      mustChangePassword: s.mustChangePassword,
      guidedStep: guided?.step ?? null,
      attacks,
      lastActivity: last?.toISOString() ?? null,
    };
  });
}
