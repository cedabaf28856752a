import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "./auth";

const RANK = { viewer: 0, analyst: 1, admin: 2 } as const;

/** For pages: the signed-in user when their role is at least `role`; otherwise off to /login?next=…. */
export async function requirePageRole(role: keyof typeof RANK, next: string) {
  const user = await currentUser(await headers());
  if (!user || RANK[user.role as keyof typeof RANK] === undefined || RANK[user.role as keyof typeof RANK] < RANK[role]) {
    redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  return user;
}

/** The signed-in user, if any, for pages that show more to analysts (undo buttons). */
export async function pageUser() {
  return currentUser(await headers());
}

export function hasRole(user: { role: string } | null, role: keyof typeof RANK): boolean {
  const rank = user ? RANK[user.role as keyof typeof RANK] : undefined;
  return rank !== undefined && rank >= RANK[role];
}
