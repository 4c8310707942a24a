import type { Metadata } from "next";
import { END_SESSION_PARAMETERS } from "@/protocol/end-session";
import { Card } from "../../card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign out? · LabMail Accounts", referrer: "no-referrer" };

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2: without an ID token of the signed-in user, the user is
 * asked. The form re-sends the request's parameters to the end_session_endpoint by POST.
 */
export default async function ConfirmSignOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const hidden = END_SESSION_PARAMETERS.flatMap((name) => {
    const value = query[name];
    return typeof value === "string" ? [{ name, value }] : [];
  });
  return (
    <Card>
      <h1 className="mb-4 text-3xl font-bold">Sign out of LabMail?</h1>
      <p className="mb-6 text-lg leading-relaxed text-slate-700">An application asked to end your LabMail session in this browser.</p>
      <form method="post" action="/end-session">
        {hidden.map((p) => (
          <input key={p.name} type="hidden" name={p.name} value={p.value} />
        ))}
        <button
          type="submit"
          name="confirm"
          value="yes"
          className="w-full rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
        >
          Sign out
        </button>
      </form>
    </Card>
  );
}
