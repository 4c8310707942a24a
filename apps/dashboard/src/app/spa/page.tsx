import type { Metadata } from "next";
import { SpaClient } from "@/components/spa/spa-client";
import { env } from "@/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "MailDash Lite — a public client · oauth-flow-lab" };

/**
 * MailDash Lite: the same flow run by a browser-based app, a *public* client (RFC 6749 §2.1). The page
 * only hands the browser what any visitor may know: the issuer, the API and the client_id.
 */
export default function SpaPage() {
  const { ISSUER, MAIL_API_URL, NEXTAUTH_URL, PUBLIC_CLIENT_ID, TEACHING_MODE } = env();
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <p className="text-sm font-bold uppercase tracking-wider text-blue-700">
        <a href="/" className="underline-offset-4 hover:underline">
          MailDash
        </a>{" "}
        › Public client
      </p>
      <h1 className="mt-2 text-4xl font-bold text-slate-900">MailDash Lite: the flow from a browser app</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700">
        A single-page app cannot keep a secret: anyone can read its code. So it is a <strong>public client</strong>: it has a{" "}
        <code>client_id</code> but no <code>client_secret</code>, and the token request comes from your browser, not from a server. What
        protects the code is <strong>PKCE</strong> alone.
        {/* The guided flow exists only in teaching mode; otherwise nothing points to it. */}
        {TEACHING_MODE ? (
          <>
            {" "}
            Compare it with the{" "}
            <a className="text-blue-700 underline" href="/guided">
              guided flow
            </a>{" "}
            of the confidential client.
          </>
        ) : null}
      </p>
      <SpaClient issuer={ISSUER} mailApiUrl={MAIL_API_URL} clientId={PUBLIC_CLIENT_ID} redirectUri={`${NEXTAUTH_URL}/spa`} />
    </main>
  );
}
