import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "MailDash — your LabMail inbox, via OAuth",
  description: "A confidential OAuth 2.0 client that reads your LabMail inbox through the mail API.",
};

// Every page is rendered per request: its scripts carry that response's CSP nonce (src/proxy.ts).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
