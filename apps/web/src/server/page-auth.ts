import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser, loginRequired, roleAtLeast, type Role } from "./auth";

/** For pages: the signed-in user when their role is at least `role`; otherwise off to /login?next=…. */
export async function requirePageRole(role: Role, next: string) {
  const user = await currentUser(await headers());
  if (!user || !roleAtLeast(user.role, role)) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}

export function hasRole(user: { role: Role } | null, role: Role): boolean {
  return !!user && roleAtLeast(user.role, role);
}

/**
 * For every page that shows data: with CORRIDOR_REQUIRE_LOGIN=1, a viewer or off to /login?next=….
 * The page checks itself as well as server.mjs's gate, so a path the gate misjudges shows nothing.
 * Reads the headers either way, which keeps the page dynamic: a page prerendered at build time
 * would be served without running this check.
 */
export async function requirePageReader(next: string) {
  const user = await currentUser(await headers());
  if (loginRequired() && !user) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}
