"use client";

import Link from "next/link";

/** Last line of defence: an unexpected failure renders a message, never a blank page. */
export default function InboxError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-start gap-4 rounded-2xl border-2 border-red-300 bg-red-50 p-8 text-red-950">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="text-lg">MailDash could not show this page. Try again, or go back to the start.</p>
      <div className="flex gap-3">
        <button type="button" onClick={reset} className="rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900">
          Try again
        </button>
        <Link href="/" className="rounded-lg px-4 py-2 font-medium text-red-900 hover:bg-red-100">
          Home
        </Link>
      </div>
    </div>
  );
}
