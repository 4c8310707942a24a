"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";

/**
 * Incremental consent: signs in again with a larger `scope` (next-auth's authorization parameters
 * override the provider's). LabMail remembers what was allowed before and asks only for what is new.
 */
export function AskForScopeButton({ scope, callbackUrl, label }: { scope: string; callbackUrl: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button
      type="button"
      disabled={!ready || pending}
      aria-busy={pending}
      onClick={() => {
        setPending(true);
        void signIn("labmail", { callbackUrl }, { scope }).catch(() => setPending(false));
      }}
      className="rounded-lg bg-blue-700 px-5 py-2.5 font-semibold text-white hover:bg-blue-800 disabled:cursor-wait disabled:bg-blue-900"
    >
      {pending ? "Redirecting to LabMail…" : label}
    </button>
  );
}
