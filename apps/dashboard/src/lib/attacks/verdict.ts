// Each side's verdict, computed from what the server answered and what its trace recorded. Pure: the
// dashboard never decides which check refused, it reads it from the events the servers wrote.
import type { AttackRun, RealVerdict, RecordedEvent, ScenarioStatus, ServerAnswer, TwinVerdict } from "./types";

/** The check that ended the list: the last failing event (a refused check ends its runner's list). */
export function refusingEvent(events: readonly RecordedEvent[]): RecordedEvent | undefined {
  return events.findLast((e) => !e.ok);
}

/**
 * The real side's verdict: refused and the trace names an expected check (held), another one
 * (held-other-check) or none (refused-untraced); accepted (broken); or no answer.
 */
export function realVerdict(answer: ServerAnswer, events: readonly RecordedEvent[], expected_checks: readonly string[]): RealVerdict {
  if (answer.kind === "no-answer") return { kind: "no-answer", detail: answer.detail };
  if (answer.kind === "missing") return { kind: "no-answer", detail: `HTTP ${answer.status}: the endpoint is not there` };
  if (answer.kind === "accepted") return { kind: "broken" };
  const expected = events.findLast((e) => !e.ok && expected_checks.includes(e.id));
  if (expected) return { kind: "held", check: expected.id, event: expected };
  const other = refusingEvent(events);
  if (other) return { kind: "held-other-check", check: other.id, event: other };
  return { kind: "refused-untraced" };
}

/** The twin's verdict: it accepted the attack (fooled), refused it (resisted), or is not there. */
export function twinVerdict(answer: ServerAnswer): TwinVerdict {
  switch (answer.kind) {
    case "accepted":
      return { kind: "fooled" };
    case "refused":
      return { kind: "resisted" };
    case "missing":
      return { kind: "unavailable", reason: `the naive endpoint answered HTTP ${answer.status}: it is not deployed yet` };
    case "no-answer":
      return { kind: "no-answer", detail: answer.detail };
  }
}

/**
 * A run's status: broken if any real side accepted; not-confirmed if any refusal was not named by an
 * expected check in the trace; else twin-fooled when every twin that could be reached was fooled (and
 * at least one was), else held.
 */
export function runStatus(run: AttackRun | undefined): ScenarioStatus {
  if (run === undefined) return "not-run";
  if (run.error !== undefined || run.attempts.length === 0) return "failed";
  const real = run.attempts.map((a) => a.real.verdict.kind);
  if (real.includes("broken")) return "broken";
  if (real.some((k) => k !== "held")) return "not-confirmed";
  const twins = run.attempts.flatMap((a) => (a.naive ? [a.naive.verdict.kind] : [])).filter((k) => k !== "unavailable");
  return twins.length > 0 && twins.every((k) => k === "fooled") ? "twin-fooled" : "held";
}

/** How a status reads on the index and the page. */
export const STATUS_LABEL: Record<ScenarioStatus, string> = {
  "not-run": "not run",
  held: "defence held",
  "twin-fooled": "defence held, twin fooled",
  "not-confirmed": "refused, check not confirmed by the trace",
  broken: "defence failed",
  failed: "run failed",
};

/**
 * What an HTTP answer means for the attacker: a 2xx is accepted, a 404 at the naive endpoint means
 * it is missing, any other status is a refusal with the OAuth error of its JSON body or its
 * `WWW-Authenticate: Bearer error=…` challenge (RFC 6750 §3).
 */
export function answerOfResponse(
  response: { status: number; headers: Record<string, string>; body?: string | undefined },
  accepted: (body: unknown) => string,
  options: { missingOn404?: boolean } = {},
): ServerAnswer {
  const json = parseJson(response.body);
  if (response.status >= 200 && response.status < 300) return { kind: "accepted", status: response.status, summary: accepted(json) };
  if (response.status === 404 && options.missingOn404) return { kind: "missing", status: 404 };
  const fromBody = oauthErrorOf(json);
  if (fromBody) return { kind: "refused", status: response.status, ...fromBody };
  const challenge = response.headers["www-authenticate"];
  const error = challenge ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined;
  const error_description = challenge ? /error_description="([^"]*)"/.exec(challenge)?.[1] : undefined;
  return { kind: "refused", status: response.status, error, error_description };
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined || body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function oauthErrorOf(value: unknown): { error: string; error_description: string | undefined } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { error, error_description } = value as Record<string, unknown>;
  if (typeof error !== "string") return undefined;
  return { error, error_description: typeof error_description === "string" ? error_description : undefined };
}
