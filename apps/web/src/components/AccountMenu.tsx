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

export function AccountMenu() {
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
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/");
  }

  if (!me) {
    return (
      <a href="/login" className="ml-auto whitespace-nowrap text-tremor-default hover:underline">
        Sign in
      </a>
    );
  }
  return (
    <span className="ml-auto flex flex-wrap items-center gap-x-3 text-tremor-default">
      {(me.role === "analyst" || me.role === "admin") && (
        <>
          <Link href="/upload" className="hover:underline">
            Upload
          </Link>
          <Link href="/imports" className="hover:underline">
            Imports
          </Link>
        </>
      )}
      {me.role === "admin" && (
        <Link href="/admin/users" className="hover:underline">
          Users
        </Link>
      )}
      <span title={`signed in as ${me.role}`}>{me.email}</span>
      <button type="button" onClick={signOut} className="hover:underline">
        Sign out
      </button>
    </span>
  );
}
