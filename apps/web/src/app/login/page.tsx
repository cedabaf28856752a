import type { Metadata } from "next";
import { safeNext } from "@/lib/next-path";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Sign in — Corridor" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeNext(typeof raw === "string" ? raw : null);
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong">Sign in</h1>
      <p className="mt-1 text-tremor-default text-tremor-content">Analysts and admins sign in to upload data and edit events. Accounts are made by an admin.</p>
      <LoginForm next={next} />
    </section>
  );
}
