/** Who may change data: analysts and admins (viewer < analyst < admin). */
export function canEdit(user: { role: string } | null | undefined): boolean {
  return user?.role === "analyst" || user?.role === "admin";
}
