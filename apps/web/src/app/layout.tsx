import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";
import { AccountMenu } from "@/components/AccountMenu";

export const metadata = {
  title: "Corridor — labour-migration flows and the policy events that move them",
  description: "Tajikistan, Uzbekistan and Kyrgyzstan ⇄ Russia: remittances, patents, registrations, charted against talks, decrees and restrictions.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen overflow-x-hidden antialiased">
        <header className="border-b border-tremor-border bg-tremor-background dark:border-dark-tremor-border dark:bg-dark-tremor-background">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
            <Link href="/" className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
              Corridor
            </Link>
            <Link href="/" className="text-tremor-default hover:underline">
              Dashboard
            </Link>
            <Link href="/explorer" className="text-tremor-default hover:underline">
              Explorer
            </Link>
            <Link href="/events" className="text-tremor-default hover:underline">
              Events
            </Link>
            <AccountMenu />
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
