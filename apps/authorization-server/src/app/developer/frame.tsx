/** The developer console's frame: the AS's brand on top, wider than the sign-in card for its lists. */
export function ConsoleFrame({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen justify-center p-4">
      <div className="my-6 w-full max-w-3xl rounded-2xl border-t-8 border-blue-600 bg-white p-10 shadow-xl">
        <p className="mb-6 flex items-center gap-2 text-lg font-bold tracking-wide text-blue-700">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-lg bg-blue-600 text-center leading-7 text-white">
            L
          </span>
          LabMail Accounts
          <span className="ml-auto rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-600">Developer console</span>
        </p>
        {children}
      </div>
    </main>
  );
}

export const when = (date: Date) => (
  <time dateTime={date.toISOString()}>
    {date.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC
  </time>
);
