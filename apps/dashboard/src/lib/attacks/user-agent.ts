// The victim's browser, scripted: the runner plays alice at LabMail over real HTTP (GET /authorize,
// the login form with its csrf_token, the consent form), keeping the AS's cookies like a browser and
// following nothing by itself. Every request is recorded as a front-channel exchange, with alice's
// password, the forms' csrf_token and the session cookies hidden, and HTML pages not copied.
import "server-only";
import type { DemoUser } from "@oauth-flow-lab/lab";
import type { GuidedStepId } from "@/lib/guided/steps";
import type { Exchange } from "@/lib/guided/transcript";

const HIDDEN_COOKIES = "(alice's LabMail session cookies, hidden)";
const HIDDEN = "(hidden)";
const SKIPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "date",
  "vary",
  "content-security-policy",
  "x-frame-options",
]);

/** Where the scripted browser ended up: sent back to the client, or left on a page of the AS. */
export type AuthorizeOutcome = { kind: "redirect"; location: URL } | { kind: "page"; status: number; detail: string };

export class ScriptedUserAgent {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  constructor(
    private readonly issuer: string,
    private readonly transcript: Exchange[],
    private readonly step: GuidedStepId,
  ) {}

  private async send(
    url: URL,
    init: { method: "GET" | "POST"; form?: Record<string, string> },
  ): Promise<{ response: Response; body: string }> {
    const cookie = [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const headers: Record<string, string> = {
      accept: "text/html",
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    };
    const recordedBody = init.form
      ? new URLSearchParams(Object.entries(init.form).map(([k, v]) => [k, k === "password" || k === "csrf_token" ? HIDDEN : v])).toString()
      : undefined;
    const exchange: Exchange = {
      step: this.step,
      channel: "front",
      at: new Date().toISOString(),
      request: {
        method: init.method,
        url: url.href,
        headers: { ...headers, ...(cookie ? { cookie: HIDDEN_COOKIES } : {}) },
        body: recordedBody,
      },
    };
    this.transcript.push(exchange);
    try {
      const response = await fetch(url, {
        method: init.method,
        redirect: "manual",
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
        body,
        cache: "no-store",
        signal: AbortSignal.timeout(8_000),
      });
      for (const header of response.headers.getSetCookie()) {
        const [pair, ...attributes] = header.split(";");
        const [name, ...rest] = (pair ?? "").split("=");
        const path =
          attributes
            .map((a) => a.trim())
            .find((a) => a.toLowerCase().startsWith("path="))
            ?.slice(5) ?? "/";
        if (name) this.cookies.set(name.trim(), { value: rest.join("="), path });
      }
      const text = await response.text();
      const recordedHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (SKIPPED_RESPONSE_HEADERS.has(name)) return;
        recordedHeaders[name] = name === "set-cookie" ? HIDDEN_COOKIES : value;
      });
      const html = (response.headers.get("content-type") ?? "").includes("html");
      exchange.response = {
        status: response.status,
        headers: recordedHeaders,
        body: html ? "(LabMail's HTML page, not copied here)" : text || undefined,
      };
      return { response, body: text };
    } catch (error) {
      exchange.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /**
   * One GET, as the browser would load a URL (a callback, a page): where it was sent next, if anywhere,
   * and the answer's body (JSON pages are kept, HTML is not copied). Follows nothing.
   */
  async visit(url: URL): Promise<{ status: number; location: URL | undefined; body: string; headers: Headers }> {
    const { response, body } = await this.send(url, { method: "GET" });
    return { status: response.status, location: locationOf(response), body, headers: response.headers };
  }

  /**
   * Drives /authorize → login → consent like alice would, and returns where LabMail sent the browser:
   * back to the client (a code or an error, RFC 6749 §4.1.2), or a page of its own (an error that
   * must not be redirected, RFC 6749 §4.1.2.1).
   */
  async authorize(authorization_url: URL, user: DemoUser): Promise<AuthorizeOutcome> {
    let { response, body } = await this.send(authorization_url, { method: "GET" });
    let location = locationOf(response);
    if (!location) return { kind: "page", status: response.status, detail: "LabMail answered with a page of its own" };
    if (!location.href.startsWith(`${this.issuer}/interaction/`)) return { kind: "redirect", location };
    const interaction = location;
    ({ body } = await this.send(interaction, { method: "GET" }));
    if (body.includes('name="password"')) {
      ({ response } = await this.send(new URL(`${interaction.href}/login`), {
        method: "POST",
        form: { csrf_token: csrfToken(body), username: user.username, password: user.password },
      }));
      location = locationOf(response);
      if (!location) return { kind: "page", status: response.status, detail: "the login was not accepted" };
      if (!location.href.startsWith(interaction.href)) return { kind: "redirect", location };
      ({ body } = await this.send(location, { method: "GET" }));
      if (body.includes('name="password"')) return { kind: "page", status: 200, detail: "the login was refused" };
    }
    ({ response } = await this.send(new URL(`${interaction.href}/consent`), {
      method: "POST",
      form: { csrf_token: csrfToken(body), decision: "allow" },
    }));
    location = locationOf(response);
    return location ? { kind: "redirect", location } : { kind: "page", status: response.status, detail: "the consent was not accepted" };
  }
}

function locationOf(response: Response): URL | undefined {
  const location = response.headers.get("location");
  if (![301, 302, 303, 307, 308].includes(response.status) || !location) return undefined;
  return new URL(location, response.url);
}

function csrfToken(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("LabMail's form carries no csrf_token");
  return match[1];
}
