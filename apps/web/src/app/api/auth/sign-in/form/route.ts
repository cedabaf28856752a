/**
 * POST /api/auth/sign-in/form — the sign-in form without JavaScript. The browser posts the form
 * (urlencoded: the password travels in the body, never in a URL); this signs in through the same
 * limits and audit as the JSON endpoint, then answers 303: to the form's safe `next` with the
 * session cookie, or back to the form's language's login page (/login, /ru/login) with an error
 * code (never the email or password) to show.
 * A more specific route than better-auth's catch-all, under the login gate's public /api/auth/.
 */
import { isSameOrigin } from "@corridor/data/pure";
import { ACCOUNT_MARKER } from "@/components/account-marker";
import { localePath } from "@/i18n/locale-path";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/routing";
import type { LoginError } from "@/lib/login-errors";
import { safeNext } from "@/lib/next-path";
import { errorResponse } from "@/server/route";
import { MAX_AUTH_BODY_BYTES, signInWithLimits } from "@/server/sign-in";
import { readLimited } from "@/server/uploads";

export const dynamic = "force-dynamic";

function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

function backToLogin(error: LoginError, next: string, locale: Locale): Response {
  const query = new URLSearchParams({ error });
  if (next !== localePath("/", locale)) query.set("next", next);
  return seeOther(`${localePath("/login", locale)}?${query}`);
}

export async function POST(received: Request): Promise<Response> {
  let form: FormData;
  try {
    const body = await readLimited(received, MAX_AUTH_BODY_BYTES, "the body");
    form = await new Request(received.url, { method: "POST", headers: received.headers, body }).formData();
  } catch (error) {
    return errorResponse(error);
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const locale = isLocale(field("locale")) ? (field("locale") as Locale) : DEFAULT_LOCALE;
  const next = safeNext(field("next") || localePath("/", locale));
  // Another site's page must not sign this browser in to an account of its choosing (login CSRF).
  if (!isSameOrigin(received.headers)) return backToLogin("cross-site", next, locale);
  const headers = new Headers(received.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  const signIn = new Request(new URL("/api/auth/sign-in/email", received.url), { method: "POST", headers, body: JSON.stringify({ email: field("email"), password: field("password") }) });
  const response = await signInWithLimits(signIn);
  if (response.status === 429) return backToLogin("limited", next, locale);
  if (!response.ok) return backToLogin(response.status === 401 || response.status === 403 ? "wrong" : "failed", next, locale);
  return seeOther(next, [...response.headers.getSetCookie(), `${ACCOUNT_MARKER}=1; Path=/; SameSite=Lax`]);
}

export function GET(): Response {
  return seeOther("/login");
}
