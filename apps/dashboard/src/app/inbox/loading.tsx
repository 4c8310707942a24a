/** While the mail API answers: a polite status, never a blank page. */
export default function InboxLoading() {
  return (
    <p role="status" aria-live="polite" className="rounded-2xl bg-white p-10 text-center text-xl text-slate-600 ring-1 ring-slate-200">
      Loading your mail…
    </p>
  );
}
