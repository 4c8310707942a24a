// The check runner of the mail API: a protocol step is an ordered list of named checks, and the runner
// tells an observer (the teaching trace, when one is attached) exactly which ran and how each ended.
// Same shape and signature as the shared runner in @oauth-flow-lab/oauth (packages/oauth/src/checks.ts),
// plus one thing it does not carry yet: a check may say its answer came from a cache, and how old it was
// (ProtocolCheck's `cached`). Once the shared CheckResult carries `cached`, this file becomes
// `export { runChecks, type Check } from "@oauth-flow-lab/oauth"`.
import { OAuthError, type CheckLog } from "@oauth-flow-lab/oauth";

/** What a check that passed may hand back to its observer. */
export type CheckResult = void | {
  /** The values compared, when they are not secret. */
  detail?: string;
  /** The answer came from a cache rather than a new computation or request: how old it was. */
  cached?: { age_seconds: number };
};

/**
 * One named check: it passes by returning, and refuses by throwing (an OAuthError for an answer to
 * the client). It may record what it found in the context for the checks after it.
 */
export type Check<Context> = {
  /** Stable, kebab-case: one check, one id. */
  id: string;
  /** The section the check implements, e.g. "RFC 6750 §2.1". */
  rfc: string;
  /** What is checked, in plain words. */
  title: string;
  run(ctx: Context): CheckResult | Promise<CheckResult>;
};

/** How a failed check is described to the observer: the OAuth error the client is told, never internals. */
function failureDetail(error: unknown): { detail?: string } {
  return error instanceof OAuthError ? { detail: `${error.error}: ${error.error_description}` } : {};
}

/**
 * Runs `checks` in order on `ctx`, pushing one report per check that ran to `observer`. Stops at the
 * first check that throws: it is reported as failed, the error is rethrown, and the checks after it
 * did not run, so they are not reported. Without an observer the outcome is exactly the same.
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
