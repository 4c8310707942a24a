"use client";

import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";

/** Where LabMail's end_session_endpoint is, with this session's id_token_hint (asked before the session ends). */
async function endSessionUrl(): Promise<string | null> {
  try {
    const response = await fetch("/api/end-session", { method: "POST" });
    const body: unknown = await response.json();
    const url = typeof body === "object" && body !== null ? (body as { url?: unknown }).url : null;
    return typeof url === "string" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Ends the dashboard session (the server also revokes the refresh token at LabMail, RFC 7009), then
 * sends the browser to LabMail's end_session_endpoint (OpenID Connect RP-Initiated Logout 1.0), which
 * ends LabMail's own session and comes back to the dashboard: on a shared PC the next student starts
 * at the login page.
 */
export function SignOutButton() {
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button
      type="button"
      disabled={!ready || pending}
      onClick={() => {
        setPending(true);
        void (async () => {
          const next = await endSessionUrl();
          await signOut({ redirect: false });
          window.location.assign(next ?? "/");
        })().catch(() => setPending(false));
      }}
      className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 transition-colors hover:bg-slate-100 disabled:cursor-wait disabled:bg-slate-100"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
