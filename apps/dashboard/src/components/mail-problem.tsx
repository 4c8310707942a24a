import { Alert } from "@/components/alert";
import { SignInButton } from "@/components/sign-in-button";
import type { MailApiProblem } from "@/lib/mail-api";

/** Explains a failed mail API call and offers the way out. */
export function MailProblem({ problem, callbackUrl }: { problem: MailApiProblem; callbackUrl: string }) {
  switch (problem.kind) {
    case "unauthorized":
      return (
        <Alert tone="warning" title="LabMail access was revoked; sign in again.">
          <p>
            The mail API answered 401 (invalid_token){problem.description ? `: ${problem.description}` : ""}. Sign in again to get a fresh
            one.
          </p>
          <div className="mt-4">
            <SignInButton label="Sign in again" callbackUrl={callbackUrl} size="normal" />
          </div>
        </Alert>
      );
    case "forbidden":
      return (
        <Alert tone="error" title="MailDash is not allowed to read your mail.">
          <p>The mail API answered 403 (insufficient_scope){problem.scope ? `; it needs the scope "${problem.scope}"` : ""}.</p>
        </Alert>
      );
    case "not_found":
      return <Alert tone="error" title="Not found." />;
    case "unavailable":
      return (
        <Alert tone="error" title="The mail API is not answering right now.">
          <p>({problem.detail}) Reload the page to try again.</p>
        </Alert>
      );
  }
}
