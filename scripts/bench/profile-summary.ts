// Where the CPU went: reads the V8 CPU profiles (`node --cpu-prof`) of the lab's processes and adds up
// self time per origin (an npm package, a Node.js module, our own file, the garbage collector), so that
// `npm run bench -- --profile` says where the time goes, not only the number. Open a .cpuprofile in
// Chrome DevTools (Performance panel) for the flame graph.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = { app: string; file: string; busyMs: number; top: { origin: string; share: number }[] };

/** Summaries of every profile in `dir`, the busiest first; each lists its `topN` origins by self time. */
export function summarizeProfiles(dir: string, topN = 10): ProfileSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  } catch {
    return [];
  }
  const summaries = files.map((file) => summarize(path.join(dir, file), topN));
  return summaries.filter((s) => s.busyMs > 100).sort((a, b) => b.busyMs - a.busyMs);
}

function summarize(file: string, topN: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<string, number>();
  const apps = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const origin = originOf(node.callFrame);
    if (origin === "(idle)") return;
    const micros = profile.timeDeltas[i] ?? 0;
    selfMicros.set(origin, (selfMicros.get(origin) ?? 0) + micros);
    const app = /\/apps\/([^/]+)\//.exec(node.callFrame.url)?.[1];
    if (app) apps.set(app, (apps.get(app) ?? 0) + 1);
  });
  const busy = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const app = [...apps.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "unknown";
  const top = [...selfMicros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([origin, micros]) => ({ origin, share: busy > 0 ? micros / busy : 0 }));
  return { app, file: path.basename(file), busyMs: busy / 1000, top };
}

/** An npm package, a Node.js built-in, one of our files, or a V8 pseudo-frame such as (garbage collector). */
function originOf(frame: { functionName: string; url: string }): string {
  const { functionName, url } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.split("node_modules/").length > 2 ? lastModules(url) : url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith("node:")) return url;
  const ours = /\/(apps|packages)\/(.+)$/.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]?.replace(/^([^/]+)\/.*\/([^/]+)$/, "$1/…/$2")}`;
  return url;
}

/** The innermost package of a nested node_modules path. */
function lastModules(url: string): string {
  return `node_modules/${url.split("node_modules/").at(-1) ?? ""}`;
}
