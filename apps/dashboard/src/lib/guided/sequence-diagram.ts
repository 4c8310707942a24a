// The live sequence diagram: one arrow per recorded exchange of a flow's transcript, between the four
// parties of the authorization code flow. Pure: the layout is derived from the transcript alone.
import type { GuidedStepId } from "./steps";
import type { Exchange } from "./transcript";

/** The lanes, left to right: the user agent, the client, the authorization server, the resource server. */
export const LANES = [
  { id: "browser", name: "Browser" },
  { id: "dashboard", name: "MailDash server" },
  { id: "authorization-server", name: "LabMail AS" },
  { id: "mail-api", name: "Mail API" },
] as const;
export type LaneId = (typeof LANES)[number]["id"];

export type DiagramArrow = {
  /** 1-based position of the exchange in the transcript: the `#exchange-<n>` it opens. */
  exchange: number;
  step: GuidedStepId;
  channel: Exchange["channel"];
  from: LaneId;
  to: LaneId;
  /** "POST /token → 200", "GET /authorize". */
  label: string;
  /** Not recorded itself but implied by the next exchange (the AS's redirect back with the code). */
  implied: boolean;
  /** The request failed before any answer. */
  failed: boolean;
};

export type DiagramOrigins = { authorization_server: string; mail_api: string };

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Which party a URL belongs to: by origin; anything else is MailDash itself (e.g. its redirect URI). */
export function laneOfUrl(url: string, origins: DiagramOrigins): LaneId {
  const origin = originOf(url);
  if (origin !== undefined && origin === originOf(origins.mail_api)) return "mail-api";
  if (origin !== undefined && origin === originOf(origins.authorization_server)) return "authorization-server";
  return "dashboard";
}

/** "POST /token → 200"; the query is left out (it is in the exchange itself). */
export function exchangeLabel(exchange: Exchange): string {
  const request = `${exchange.request.method} ${pathOf(exchange.request.url)}`;
  if (exchange.response) return `${request} → ${exchange.response.status}`;
  if (exchange.error) return `${request} → failed`;
  return request;
}

/**
 * The arrows of the diagram, in transcript order. Front-channel requests start at the browser, back-
 * channel ones at MailDash's server; the target is the party the URL belongs to. The callback of step 3
 * is preceded by the redirect that caused it (LabMail → browser), drawn as an implied arrow that opens
 * the same exchange.
 */
export function sequenceDiagram(transcript: readonly Exchange[], origins: DiagramOrigins): DiagramArrow[] {
  const arrows: DiagramArrow[] = [];
  transcript.forEach((exchange, i) => {
    const n = i + 1;
    const from: LaneId = exchange.channel === "front" ? "browser" : "dashboard";
    const to = laneOfUrl(exchange.request.url, origins);
    const base = {
      exchange: n,
      step: exchange.step,
      channel: exchange.channel,
      failed: exchange.error !== undefined && exchange.response === undefined,
    };
    if (
      exchange.channel === "front" &&
      from === "browser" &&
      to === "dashboard" &&
      new URL(exchange.request.url, "http://x").searchParams.has("state")
    ) {
      arrows.push({
        ...base,
        from: "authorization-server",
        to: "browser",
        label: "redirect to redirect_uri",
        implied: true,
        failed: false,
      });
    }
    arrows.push({ ...base, from, to, label: exchangeLabel(exchange), implied: false });
  });
  return arrows;
}

/** Step 5 shows the answer of step 4's exchange besides its own (UserInfo); every other step its own exchanges. */
const EXCHANGES_SHOWN_ON: Partial<Record<GuidedStepId, readonly GuidedStepId[]>> = { "5": ["4", "5"] };

/** True when the arrow belongs to the page's step: it is highlighted there. */
export function isArrowOfStep(arrow: DiagramArrow, step: GuidedStepId): boolean {
  return (EXCHANGES_SHOWN_ON[step] ?? [step]).includes(arrow.step);
}

/** The link an arrow opens: the same page, that exchange unfolded (works without JavaScript). */
export function exchangeHref(path: string, exchange: number): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("exchange", String(exchange));
  return `${url.pathname}${url.search}#exchange-${exchange}`;
}

/** What a screen reader hears around an arrow's visible label: who talks to whom, and in which step. */
export function arrowContext(arrow: DiagramArrow): string {
  const name = (id: LaneId) => LANES.find((l) => l.id === id)?.name ?? id;
  const step = /^\d$/.test(arrow.step) ? `step ${arrow.step}` : arrow.step;
  return `Exchange ${arrow.exchange}${arrow.implied ? " (implied redirect)" : ""}, ${step}: ${name(arrow.from)} to ${name(arrow.to)},`;
}

/** The accessible name of an arrow: the hidden context, then the visible label. */
export function arrowName(arrow: DiagramArrow): string {
  return `${arrowContext(arrow)} ${arrow.label}`;
}
