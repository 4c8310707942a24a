/** While the mail API answers: a polite status with the page's heading, never a blank page. */
export default function InboxLoading() {
  return (
    <div className="rounded-2xl bg-white p-10 text-center ring-1 ring-slate-200">
      <h1 className="text-2xl font-bold">Your mail</h1>
      <p role="status" aria-live="polite" className="mt-2 text-xl text-slate-600">
        Loading your mail…
      </p>
    </div>
  );
}
