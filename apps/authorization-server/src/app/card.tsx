/** The frame every AS page shares: the provider's brand on top, so users know where they are. */
export function Card({ children, accent = "border-blue-600" }: { children: React.ReactNode; accent?: string }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className={`w-full max-w-xl rounded-2xl border-t-8 ${accent} bg-white p-10 shadow-xl`}>
        <p className="mb-6 flex items-center gap-2 text-lg font-bold tracking-wide text-blue-700">
          <span aria-hidden="true" className="inline-block h-7 w-7 rounded-lg bg-blue-600 text-center leading-7 text-white">
            L
          </span>
          LabMail Accounts
          <span className="ml-auto rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-600">Authorization server</span>
        </p>
        {children}
      </div>
    </main>
  );
}
