/** Role checks for the UI (which controls to show); the server's gate is authorise() in server/auth.ts. */
import { USER_ROLES, type UserRole } from "@corridor/data/pure";

/** Who may change data: analysts and admins (the data package's order: viewer < analyst < admin). */
export function canEdit(user: { role: string } | null | undefined): boolean {
  return !!user && USER_ROLES.indexOf(user.role as UserRole) >= USER_ROLES.indexOf("analyst");
}
