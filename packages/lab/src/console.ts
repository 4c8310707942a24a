// The teacher console (issue 10): class accounts and class progress, defined once. The AS's console,
// the dashboard's progress reports, the CLI, the README and the tests read these.
import { CLIENTS } from "./clients.ts";

export const TEACHER_CONSOLE = {
  /** Names accepted in one "create accounts" paste (one account per non-empty line). */
  maxNamesPerBatch: 60,
  /**
   * Length of a one-time password, drawn from ONE_TIME_PASSWORD_ALPHABET (31 symbols: about 4.95 bits
   * each, so 14 of them carry about 69 bits), long enough for the sign-up rules' minimum (12).
   */
  oneTimePasswordLength: 14,
  /** How often the console asks the AS for the class's progress (the page updates without a reload). */
  progressPollSeconds: 3,
} as const;

/** Letters and digits a student cannot confuse on paper: no 0/O/o, 1/l/I, 5/S. */
export const ONE_TIME_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz2346789";

/**
 * The clients that may report a student's progress to the AS (POST /console/progress, authenticated
 * with their client secret): MailDash only, which runs the guided flow and the attack lab.
 */
export const PROGRESS_REPORTING_CLIENT_IDS: readonly string[] = [CLIENTS.dashboard.client_id];

/** The guided flow's numbered steps (the dashboard's /guided/1 … /guided/6). */
export const GUIDED_STEP_COUNT = 6;

/**
 * How an attack-lab run ended, as the dashboard's runStatus computes it, with the console's wording.
 * Never a token or a code: only this word.
 */
export const ATTACK_OUTCOMES = {
  held: "defence held",
  "twin-fooled": "defence held, naive twin fooled",
  "not-confirmed": "refused, check not confirmed",
  broken: "defence failed",
  failed: "run failed",
} as const;
export type AttackOutcome = keyof typeof ATTACK_OUTCOMES;

/** LabProgress.activity: "guided", or "attack:<scenario id>". */
export const GUIDED_ACTIVITY = "guided";
export const ATTACK_ACTIVITY_PREFIX = "attack:";
