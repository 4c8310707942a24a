// Holds docker-compose.yml to what the README claims, without a container engine (none runs on our
// machines): `docker-compose config` validates it (Debian's docker-compose package; .ci/run installs it),
// then every app service must run its app's start script, the same file scripts/lib/stack.ts runs in
// every production-mode test, and its Dockerfile must agree (multi-stage, non-root, HEALTHCHECK, CMD).
// The load balancer must use deploy/haproxy.cfg with two instances per API, checked on /health/ready.
// Without docker-compose: a failure under CI=true, a message elsewhere.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, START_SCRIPTS } from "./lib/stack.ts";

type Service = {
  build?: { context: string; dockerfile: string };
  command?: string[];
  image?: string;
  environment?: Record<string, string>;
  volumes?: (string | { source: string; target: string })[];
};

const problems: string[] = [];
const expect = (ok: boolean, problem: string) => {
  if (!ok) problems.push(problem);
};

const which = spawnSync("docker-compose", ["version", "--short"], { encoding: "utf8" });
if (which.error || which.status !== 0) {
  const why = "docker-compose is not installed (Debian: apt-get install docker-compose)";
  if (process.env.CI === "true" || process.env.CI === "1") {
    console.error(`[compose] ${why}; under CI the compose check is required.`);
    process.exit(1);
  }
  console.log(`[compose] SKIPPED: ${why}.`);
  process.exit(0);
}

// Validated with the example settings (every required variable set), normalised by docker-compose.
const normalised = execFileSync(
  "docker-compose",
  ["--project-directory", root, "--env-file", "deploy/compose.env.example", "-f", "docker-compose.yml", "config"],
  { cwd: root, encoding: "utf8" },
);
// docker-compose's own YAML library (python3-yaml, one of its dependencies) turns it into JSON.
const json = execFileSync("python3", ["-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"], {
  input: normalised,
  encoding: "utf8",
});
const services = (JSON.parse(json) as { services: Record<string, Service> }).services;

/** The CMD of a Dockerfile's last stage, and the facts we require of it. */
function dockerfile(file: string) {
  const text = readFileSync(path.join(root, file), "utf8");
  const lines = text.split("\n").map((l) => l.trim());
  const cmd = lines.filter((l) => l.startsWith("CMD ")).at(-1);
  const user = lines.filter((l) => l.startsWith("USER ")).at(-1);
  return {
    cmd: cmd ? (JSON.parse(cmd.slice(4)) as string[]) : undefined,
    stages: lines.filter((l) => l.startsWith("FROM ")).length,
    user: user?.slice(5).trim(),
    healthcheck: lines.some((l) => l.startsWith("HEALTHCHECK ")),
  };
}

const appServices = Object.entries(services).filter(([, s]) => s.build);
const expected: Record<string, { script: string; dockerfile: string; instances: number }> = {
  "authorization-server": { script: START_SCRIPTS.as, dockerfile: "apps/authorization-server/Dockerfile", instances: 2 },
  "mail-api": { script: START_SCRIPTS.mail, dockerfile: "apps/mail-api/Dockerfile", instances: 2 },
  dashboard: { script: START_SCRIPTS.dashboard, dockerfile: "apps/dashboard/Dockerfile", instances: 1 },
};
for (const [app, want] of Object.entries(expected)) {
  const instances = appServices.filter(([, s]) => s.build?.dockerfile === want.dockerfile);
  expect(instances.length === want.instances, `${app}: ${want.instances} service(s) expected, found ${instances.length}`);
  const image = dockerfile(want.dockerfile);
  expect(image.stages >= 2, `${want.dockerfile}: not multi-stage`);
  expect(image.user !== undefined && image.user !== "root" && image.user !== "0", `${want.dockerfile}: runs as root`);
  expect(image.healthcheck, `${want.dockerfile}: no HEALTHCHECK`);
  expect(JSON.stringify(image.cmd) === JSON.stringify(["node", want.script]), `${want.dockerfile}: CMD is not node ${want.script}`);
  for (const [name, service] of instances) {
    expect(
      JSON.stringify(service.command) === JSON.stringify(["node", want.script]),
      `${name}: command ${JSON.stringify(service.command)} is not the start script the tests run (node ${want.script})`,
    );
    expect(service.build?.context === root, `${name}: builds from ${service.build?.context}, not the repository's root`);
  }
}
for (const [name, service] of appServices) {
  expect(
    Object.values(expected).some((want) => service.build?.dockerfile === want.dockerfile),
    `${name}: built from an unexpected Dockerfile`,
  );
}

// The load balancer: the repository's HAProxy configuration, two checked instances per API.
const balancer = Object.entries(services).find(([, s]) => s.image?.startsWith("haproxy"));
expect(balancer !== undefined, "no HAProxy service");
if (balancer) {
  const [name, service] = balancer;
  const mounts = (service.volumes ?? []).map((v) => (typeof v === "string" ? v.split(":")[0] : v.source));
  expect(mounts.includes(path.join(root, "deploy/haproxy.cfg")), `${name}: does not mount deploy/haproxy.cfg`);
  const env = service.environment ?? {};
  for (const [variable, app] of [
    ["AS_1", "authorization-server"],
    ["AS_2", "authorization-server"],
    ["MAIL_API_1", "mail-api"],
    ["MAIL_API_2", "mail-api"],
    ["DASHBOARD_1", "dashboard"],
  ] as const) {
    const target = env[variable]?.split(":")[0] ?? "";
    expect(
      services[target]?.build?.dockerfile === expected[app]?.dockerfile,
      `${name}: ${variable}=${env[variable]} is not a ${app} service`,
    );
  }
  expect(new Set([env.AS_1, env.AS_2]).size === 2 && new Set([env.MAIL_API_1, env.MAIL_API_2]).size === 2, `${name}: instances repeated`);
}
const haproxy = readFileSync(path.join(root, "deploy/haproxy.cfg"), "utf8");
for (const variable of ["AS_1", "AS_2", "MAIL_API_1", "MAIL_API_2", "DASHBOARD_1"]) {
  expect(
    new RegExp(`^\\s*server \\S+ "\\$\\{${variable}\\}" check\\b`, "m").test(haproxy),
    `deploy/haproxy.cfg: no checked server for ${variable}`,
  );
}
expect(
  (haproxy.match(/http-check send meth GET uri \/health\/ready$/gm) ?? []).length === 2,
  "deploy/haproxy.cfg: the APIs are not checked on /health/ready",
);

// PostgreSQL: one database per service, made by the init script.
const postgres = Object.values(services).find((s) => s.image?.startsWith("postgres"));
expect(
  (postgres?.volumes ?? []).some((v) => (typeof v === "string" ? v : v.source).includes("deploy/postgres/create-databases.sh")),
  "postgres: the init script is not mounted",
);

if (problems.length > 0) {
  console.error(`[compose] docker-compose.yml disagrees with the tests:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `[compose] docker-compose config: valid; ${appServices.length} app services run the start scripts the tests run; HAProxy: 2 AS + 2 mail API instances`,
);
