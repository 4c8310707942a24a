import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "LabMail Accounts",
  description: "The authorization server of oauth-flow-lab",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-100 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
