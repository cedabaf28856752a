import type { ReactNode } from "react";
import "./globals.css";

export const metadata = {
  title: "Corridor — labour-migration flows and the policy events that move them",
  description: "Tajikistan, Uzbekistan and Kyrgyzstan ⇄ Russia: remittances, patents, registrations, charted against talks, decrees and restrictions.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
