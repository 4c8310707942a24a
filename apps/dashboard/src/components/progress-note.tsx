import { Alert } from "@/components/alert";
import { progressSubject } from "@/lib/progress";

/**
 * On /guided and /attacks: progress reaches the teacher console only for a student signed in to
 * MailDash (lib/progress.ts). Hidden in presenter mode (the projector is not a student).
 */
export async function ProgressNote({ presenter }: { presenter: boolean }) {
  if (presenter || (await progressSubject()) !== null) return null;
  return (
    <Alert tone="info" title="Sign in to MailDash so your teacher sees your progress.">
      <p>
        <a href="/" className="font-semibold underline">
          Sign in on MailDash&apos;s home page
        </a>
        , then come back here: nothing is reported while you are signed out.
      </p>
    </Alert>
  );
}
