import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser, roleAtLeast, type Role } from "./auth";

/** For pages: the signed-in user when their role is at least `role`; otherwise off to /login?next=…. */
export async function requirePageRole(role: Role, next: string) {
  const user = await currentUser(await headers());
  if (!user || !roleAtLeast(user.role, role)) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}

/** The signed-in user, if any, for pages that show more to analysts (links to imports). */
export async function pageUser() {
  return currentUser(await headers());
}

export function hasRole(user: { role: Role } | null, role: Role): boolean {
  return !!user && roleAtLeast(user.role, role);
}
