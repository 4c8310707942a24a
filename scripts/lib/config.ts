// Hosts and ports of the three apps and the embedded databases, with their documented defaults.
// Every value can be changed through the environment variable of the same name.
// The authorization server and the dashboard run on different hosts (localhost vs 127.0.0.1): cookies
// ignore ports, so only different host names keep the AS's cookies away from the client.

export type StackConfig = {
  dashboardUrl: string;
  issuer: string;
  mailApiUrl: string;
  bind: { dashboard: [string, number]; as: [string, number]; mailApi: [string, number] };
  db: { host: string; authPort: number; mailPort: number };
};

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

function str(name: string, fallback: string): string {
  return process.env[name] || fallback;
}

/** Demo defaults; `offset` moves every port (the tests use 100 so that a running demo is left alone). */
export function stackConfig(offset = 0): StackConfig {
  const dashboardHost = str("DASHBOARD_HOST", "127.0.0.1");
  const dashboardPort = int("DASHBOARD_PORT", 3000 + offset);
  const asHost = str("AS_HOST", "localhost");
  const asPort = int("AS_PORT", 4000 + offset);
  const mailHost = str("MAIL_API_HOST", "127.0.0.1");
  const mailPort = int("MAIL_API_PORT", 5000 + offset);
  // Servers listen on the loopback address; "localhost" is a name for it that the browser keeps apart.
  const bindHost = (h: string) => (h === "localhost" ? "127.0.0.1" : h);
  return {
    dashboardUrl: `http://${dashboardHost}:${dashboardPort}`,
    issuer: `http://${asHost}:${asPort}`,
    mailApiUrl: `http://${mailHost}:${mailPort}`,
    bind: {
      dashboard: [bindHost(dashboardHost), dashboardPort],
      as: [bindHost(asHost), asPort],
      mailApi: [bindHost(mailHost), mailPort],
    },
    db: { host: "127.0.0.1", authPort: int("AUTH_DB_PORT", 54330 + offset), mailPort: int("MAIL_DB_PORT", 54331 + offset) },
  };
}

/** The tests move every port by this much (default 100), so that a running demo is left alone. */
export function testPortOffset(): number {
  const offset = Number(process.env.TEST_PORT_OFFSET ?? 100);
  if (!Number.isInteger(offset) || offset < 1) throw new Error("TEST_PORT_OFFSET must be a positive integer");
  return offset;
}

// Client ids, redirect URIs, scopes and the demo users live in the lab registry (packages/lab).
export { CLIENTS, DASHBOARD_PROVIDER_ID, DEMO_USERS } from "@oauth-flow-lab/lab";
