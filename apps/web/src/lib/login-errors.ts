/** What the sign-in form says after a failed attempt; the plain-form route sends only the code (?error=…). */
export const LOGIN_ERRORS = {
  wrong: "Wrong email or password.",
  limited: "Too many failed attempts. Wait a minute and try again.",
  "cross-site": "The sign-in came from another site and was refused. Sign in on this page.",
  failed: "Signing in failed. Try again.",
} as const;

export type LoginError = keyof typeof LOGIN_ERRORS;

export function loginErrorMessage(code: string | null | undefined): string | null {
  return code && Object.hasOwn(LOGIN_ERRORS, code) ? LOGIN_ERRORS[code as LoginError] : null;
}
