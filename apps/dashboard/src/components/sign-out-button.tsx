"use client";

import { signOut } from "next-auth/react";
import { useEffect, useState } from "react";

/** Ends the dashboard session (the server also revokes the refresh token at LabMail, RFC 7009). */
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
        void signOut({ callbackUrl: "/" }).catch(() => setPending(false));
      }}
      className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 transition hover:bg-slate-100 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
