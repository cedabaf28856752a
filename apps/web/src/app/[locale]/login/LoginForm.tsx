"use client";
import { useState, type FormEvent } from "react";
import { ACCOUNT_MARKER } from "@/components/account-marker";
import type { LoginError } from "@/lib/login-errors";

/** The form's words in the page's language, translated on the server. */
export interface LoginLabels {
  email: string;
  password: string;
  submit: string;
  busy: string;
  noAnswer: string;
  cookieRefused: string;
  errors: Record<LoginError, string>;
}

/**
 * Without JavaScript the browser posts the form itself (method="post": the password is in the body,
 * never the URL) to /api/auth/sign-in/form, which redirects to `next` or back to this language's
 * login page with ?error=.
 * With JavaScript the same form signs in by fetch, so it can say when the browser refused the cookie.
 */
export function LoginForm({ next, locale, labels, initialError }: { next: string; locale: string; labels: LoginLabels; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        // The password was right, but the browser may have refused the session cookie (a Secure
        // cookie over plain HTTP, cookies blocked): say so rather than land signed out.
        const me = await fetch("/api/me", { credentials: "same-origin", cache: "no-store" });
        if (!me.ok) {
          setError(labels.cookieRefused);
          setBusy(false);
          return;
        }
        document.cookie = `${ACCOUNT_MARKER}=1; path=/; samesite=lax`;
        window.location.assign(next);
        return;
      }
      setError(res.status === 429 ? labels.errors.limited : labels.errors.wrong);
    } catch {
      setError(labels.noAnswer);
    }
    setBusy(false);
  }

  return (
    <form method="post" action="/api/auth/sign-in/form" onSubmit={submit} className="mt-4 space-y-3" aria-describedby={error ? "login-error" : undefined}>
      <input type="hidden" name="next" value={next} />
      <input type="hidden" name="locale" value={locale} />
      <label className="block text-tremor-default">
        {labels.email}
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded-tremor-default border-tremor-border dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong"
        />
      </label>
      <label className="block text-tremor-default">
        {labels.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-tremor-default border-tremor-border dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong"
        />
      </label>
      {error && (
        <p id="login-error" role="alert" className="text-tremor-default text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className="rounded-tremor-default bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white disabled:opacity-60">
        {busy ? labels.busy : labels.submit}
      </button>
    </form>
  );
}
