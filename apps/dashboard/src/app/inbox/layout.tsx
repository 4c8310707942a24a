import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { requireSession } from "@/lib/session";

export default async function InboxLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const { name, email } = session.user;
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-6 px-8 py-4">
          <Link href="/inbox" className="text-2xl font-bold tracking-tight text-blue-800">
            MailDash
          </Link>
          <div className="flex items-center gap-5">
            <Link href="/compose" className="rounded-lg px-4 py-2 font-medium text-blue-800 hover:bg-blue-50">
              Compose
            </Link>
            <p className="text-right leading-tight">
              <span className="block font-semibold">{name ?? email ?? "Signed in"}</span>
              {name && email ? <span className="block text-base text-slate-600">{email}</span> : null}
            </p>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-8 py-8">{children}</main>
    </>
  );
}
