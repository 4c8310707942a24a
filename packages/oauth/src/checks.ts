// The check runner: an endpoint is an ordered list of small named checks (id, RFC section, title,
// run), in the spirit of node-oidc-provider's actions. The runner executes them in order and tells an
// observer (the teaching trace, a test) what ran and how it ended. It reports only what really ran:
// the first failure stops the list, and the checks after it are never reported.
import { OAuthError } from "./errors.ts";
import type { CheckLog } from "./trace.ts";

/** What a check that passed may hand back to its observer. */
export type CheckResult = void | {
  /** The values compared, when they are not secret. */
  detail?: string;
  /** The answer came from a cache rather than a new computation or request: how old it was. */
  cached?: { age_seconds: number };
};

/**
 * One check of an endpoint. `run` refuses by throwing (an OAuthError for an answer to the client);
 * it may also record what it found in the context for the checks after it.
 */
export type Check<Context> = {
  /** Stable, kebab-case, e.g. "check-pkce". */
  id: string;
  /** The section the check implements, e.g. "RFC 7636 §4.6". */
  rfc: string;
  /** Plain words, e.g. "PKCE: BASE64URL(SHA-256(code_verifier)) equals the code_challenge". */
  title: string;
  run(ctx: Context): CheckResult | Promise<CheckResult>;
};

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Declares a check; an id that is not kebab-case is a programming error, caught when the module loads. */
export function defineCheck<Context>(check: Check<Context>): Check<Context> {
  if (!KEBAB_CASE.test(check.id)) throw new TypeError(`check id "${check.id}" is not kebab-case`);
  return check;
}

/**
 * How a failed check is described to the observer: the OAuth error it answered, never internals. A
 * refusal that is not an OAuth error (e.g. RFC 6750 §3.1: no credentials at all) carries no detail.
 */
function failureDetail(error: unknown): { detail?: string } {
  return error instanceof OAuthError ? { detail: `${error.error}: ${error.error_description}` } : {};
}

/**
 * Runs `checks` in order against `ctx`. Each check that ran is reported to `observer` with its outcome;
 * the first failure is reported, then rethrown, and nothing after it runs.
 */
export async function runChecks<Context>(checks: readonly Check<Context>[], ctx: Context, observer?: CheckLog): Promise<void> {
  for (const check of checks) {
    let result: CheckResult;
    try {
      result = await check.run(ctx);
    } catch (error) {
      observer?.push({ id: check.id, check: check.title, ok: false, rfc: check.rfc, ...failureDetail(error) });
      throw error;
    }
    observer?.push({
      id: check.id,
      check: check.title,
      ok: true,
      rfc: check.rfc,
      ...(result?.detail === undefined ? {} : { detail: result.detail }),
      ...(result?.cached === undefined ? {} : { cached: result.cached }),
    });
  }
}

/**
 * Reads what an earlier check put in the context. Missing means the list is in the wrong order: a
 * programming error (a 500), never an answer to the client.
 */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`check order: ${what} was not established by an earlier check`);
  return value;
}
