import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col items-start gap-4 px-8 py-16">
      <h1 className="text-4xl font-bold">Page not found</h1>
      <Link href="/" className="rounded-lg px-3 py-2 font-medium text-blue-800 hover:bg-blue-50">
        ← MailDash home
      </Link>
    </main>
  );
}
