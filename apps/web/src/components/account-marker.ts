/** A non-secret cookie saying "this browser signed in", so the header asks /api/me only then. */
export const ACCOUNT_MARKER = "corridor_account";
