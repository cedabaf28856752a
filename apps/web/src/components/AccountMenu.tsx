"use client";
/**
 * The header's account bit. Pages stay static: it asks /api/me only when this browser has signed in
 * (a marker cookie the login form sets), and shows "Sign in" otherwise.
 */
import Link from "next/link";
import { useEffect, useState } from "react";
import { ACCOUNT_MARKER } from "./account-marker";

interface Me {
  email: string;
  name: string;
  role: string;
}

function clearMarker() {
  document.cookie = `${ACCOUNT_MARKER}=; path=/; max-age=0; samesite=lax`;
}

export interface AccountLabels {
  signIn: string;
  signOut: string;
  upload: string;
  imports: string;
  users: string;
  /** ICU: "signed in as {role}" */
  signedInAs: string;
}

/** `prefix` is the language's path prefix ("" or "/ru"); `home` where signing out lands; `login` the sign-in link, back to this page. */
export function AccountMenu({ labels, prefix, home, login }: { labels: AccountLabels; prefix: string; home: string; login: string }) {
  const [me, setMe] = useState<Me | null>(null);

  useEffect(() => {
    if (!document.cookie.split("; ").some((c) => c.startsWith(`${ACCOUNT_MARKER}=`))) return;
    fetch("/api/me", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : (clearMarker(), null)))
      .then((body: { user: Me } | null) => setMe(body?.user ?? null))
      .catch(() => undefined);
  }, []);

  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(() => undefined);
    clearMarker();
    // A full load on purpose: every server-rendered part of the page drops the signed-in view.
    window.location.assign(home);
  }

  if (!me) {
    return (
      <a href={login} className="ml-auto whitespace-nowrap text-tremor-default hover:underline">
        {labels.signIn}
      </a>
    );
  }
  return (
    <span className="ml-auto flex flex-wrap items-center gap-x-3 text-tremor-default">
      {(me.role === "analyst" || me.role === "admin") && (
        <>
          <Link href={`${prefix}/upload`} className="hover:underline">
            {labels.upload}
          </Link>
          <Link href={`${prefix}/imports`} className="hover:underline">
            {labels.imports}
          </Link>
        </>
      )}
      {me.role === "admin" && (
        <Link href={`${prefix}/admin/users`} className="hover:underline">
          {labels.users}
        </Link>
      )}
      <span title={labels.signedInAs.replace("{role}", me.role)}>{me.email}</span>
      <button type="button" onClick={signOut} className="hover:underline">
        {labels.signOut}
      </button>
    </span>
  );
}
