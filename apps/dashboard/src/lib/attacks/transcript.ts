// A run's transcript download: the scenario, every exchange in order (each side's), the trace events
// and the verdicts. Never a client secret (runs store exchanges already masked; the whole document is
// masked once more against every secret the dashboard knows) and never the trace capability (the
// recording fetch records only a placeholder, and the capability is never kept in a run). Pure.
import { maskSecret } from "@/lib/guided/transcript";
import type { AttackRun, ScenarioInfo, ScenarioStatus } from "./types";

export type AttackTranscript = {
  format: "oauth-flow-lab/attack-transcript";
  version: 1;
  exported_at: string;
  scenario: Pick<ScenarioInfo, "id" | "title" | "step" | "attacker" | "defence" | "without_defence">;
  status: ScenarioStatus;
  run: AttackRun;
};

export function exportAttackTranscript(
  info: ScenarioInfo,
  run: AttackRun,
  status: ScenarioStatus,
  secrets: readonly { client_id: string; client_secret: string }[],
  now: Date = new Date(),
): string {
  const document: AttackTranscript = {
    format: "oauth-flow-lab/attack-transcript",
    version: 1,
    exported_at: now.toISOString(),
    scenario: {
      id: info.id,
      title: info.title,
      step: info.step,
      attacker: info.attacker,
      defence: info.defence,
      without_defence: info.without_defence,
    },
    status,
    run,
  };
  let json = JSON.stringify(document, null, 2);
  for (const secret of secrets) json = maskSecret(json, secret);
  return json;
}
