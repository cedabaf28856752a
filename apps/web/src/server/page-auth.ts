import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { localePath } from "@/i18n/locale-path";
import { isLocale } from "@/i18n/routing";
import { currentUser, loginRequired, roleAtLeast, type Role } from "./auth";

/**
 * Off to the login page in the page's language, `next` the page in that language too: signing in
 * from /ru/upload comes back to /ru/upload, never to the English page. `next` may come with or
 * without its language prefix.
 */
export async function redirectToLogin(next: string): Promise<never> {
  const raw = await getLocale();
  const locale = isLocale(raw) ? raw : "en";
  redirect(`${localePath("/login", locale)}?next=${encodeURIComponent(localePath(next, locale))}`);
}

/** For pages: the signed-in user when their role is at least `role`; otherwise off to the login page. */
export async function requirePageRole(role: Role, next: string) {
  const user = await currentUser(await headers());
  if (!user || !roleAtLeast(user.role, role)) return redirectToLogin(next);
  return user;
}

export function hasRole(user: { role: Role } | null, role: Role): boolean {
  return !!user && roleAtLeast(user.role, role);
}

/**
 * For every page that shows data: with CORRIDOR_REQUIRE_LOGIN=1, a viewer or off to the login page.
 * The page checks itself as well as server.mjs's gate, so a path the gate misjudges shows nothing.
 * Reads the headers either way, which keeps the page dynamic: a page prerendered at build time
 * would be served without running this check.
 */
export async function requirePageReader(next: string) {
  const user = await currentUser(await headers());
  if (loginRequired() && !user) return redirectToLogin(next);
  return user;
}
