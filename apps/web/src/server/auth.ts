/**
 * PLACEHOLDER until branch `auth` is merged: the contract's signature only, and nobody is signed
 * in. The auth helper's file replaces this one wholesale (take theirs on merge).
 */
export type Role = "viewer" | "analyst" | "admin";
export interface CurrentUser {
  email: string;
  name: string;
  role: Role;
}

export async function currentUser(_headers: Headers): Promise<CurrentUser | null> {
  return null;
}
