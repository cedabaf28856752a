/**
 * Why a sign-in failed, as a code: the plain-form route sends only the code (?error=…), the page says
 * it in its language (messages: Login.errors.<code>).
 */
export const LOGIN_ERRORS = ["wrong", "limited", "cross-site", "failed"] as const;

export type LoginError = (typeof LOGIN_ERRORS)[number];

export function loginErrorCode(code: string | null | undefined): LoginError | null {
  return (LOGIN_ERRORS as readonly string[]).includes(code ?? "") ? (code as LoginError) : null;
}
