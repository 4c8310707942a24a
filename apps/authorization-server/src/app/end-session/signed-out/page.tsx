import type { Metadata } from "next";
import { Card } from "../../card";

export const metadata: Metadata = { title: "Signed out · LabMail Accounts" };

/** Where the end_session_endpoint ends when no registered post_logout_redirect_uri was sent. */
export default function SignedOutPage() {
  return (
    <Card accent="border-emerald-600">
      <h1 className="mb-4 text-3xl font-bold">You are signed out</h1>
      <p className="text-lg leading-relaxed text-slate-700">
        Your LabMail session in this browser has ended. The next person at this computer has to sign in with their own username and
        password.
      </p>
      <p className="mt-4 text-slate-600">You can close this page.</p>
    </Card>
  );
}
