// The admin page's form that adds an account (POST /api/users); the roles offered are the data package's.
"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { USER_ROLES } from "@corridor/data/pure";

export function AddUserForm() {
  const [message, setMessage] = useState<string | null>(null);
  const t = useTranslations("Users");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const res = await fetch("/api/users", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), name: form.get("name") || undefined, role: form.get("role"), password: form.get("password") }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string; user?: { email: string; role: string } };
    if (res.ok && body.user) {
      setMessage(t("add.done", { email: body.user.email, role: t(`roles.${body.user.role as (typeof USER_ROLES)[number]}`) }));
      window.location.reload();
    } else setMessage(body.error ?? t("add.refused", { status: res.status }));
  }

  return (
    <form onSubmit={submit} className="max-w-sm space-y-3">
      <h2 className="text-tremor-default font-semibold">{t("add.heading")}</h2>
      <label className="block text-tremor-default">
        {t("email")}
        <input name="email" type="email" required className="mt-1 block w-full rounded-tremor-default" />
      </label>
      <label className="block text-tremor-default">
        {t("name")}
        <input name="name" className="mt-1 block w-full rounded-tremor-default" />
      </label>
      <label className="block text-tremor-default">
        {t("role")}
        <select name="role" defaultValue="analyst" className="mt-1 block w-full rounded-tremor-default">
          {USER_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-tremor-default">
        {t("add.password")}
        <input name="password" type="password" autoComplete="new-password" minLength={10} required className="mt-1 block w-full rounded-tremor-default" />
      </label>
      <button type="submit" className="rounded-tremor-default bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white">
        {t("add.submit")}
      </button>
      {message && (
        <p role="status" className="text-tremor-default">
          {message}
        </p>
      )}
    </form>
  );
}
