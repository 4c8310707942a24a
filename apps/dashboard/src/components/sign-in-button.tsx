"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";

/**
 * Starts the authorization code flow: next-auth creates state, nonce and the PKCE verifier, then
 * sends the browser to LabMail's authorization endpoint. Disabled until hydrated, so that a click
 * (or Playwright) never lands on a button that does nothing yet.
 */
export function SignInButton({
  label = "Sign in with LabMail",
  callbackUrl = "/inbox",
  size = "large",
}: {
  label?: string;
  callbackUrl?: string;
  size?: "large" | "normal";
}) {
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  useEffect(() => setReady(true), []);
  const sizing = size === "large" ? "px-8 py-4 text-xl" : "px-5 py-2.5 text-base";
  return (
    <button
      type="button"
      disabled={!ready || pending}
      aria-busy={pending}
      onClick={() => {
        setPending(true);
        void signIn("labmail", { callbackUrl }).catch(() => setPending(false));
      }}
      className={`${sizing} inline-flex items-center gap-3 rounded-xl bg-blue-700 font-semibold text-white shadow-md transition-colors hover:bg-blue-800 disabled:cursor-wait disabled:bg-blue-900`}
    >
      <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-white/20 text-lg">
        ✉
      </span>
      {pending ? "Redirecting to LabMail…" : label}
    </button>
  );
}
