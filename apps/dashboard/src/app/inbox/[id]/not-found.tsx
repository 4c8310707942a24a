import Link from "next/link";

export default function MessageNotFound() {
  return (
    <div className="flex flex-col items-start gap-4 rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-3xl font-bold">Message not found</h1>
      <p className="text-lg text-slate-700">This message does not exist in your LabMail mailbox, or it was deleted.</p>
      <Link href="/inbox" className="rounded-lg px-3 py-2 font-medium text-blue-800 hover:bg-blue-50">
        ← Back to inbox
      </Link>
    </div>
  );
}
