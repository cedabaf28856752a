/**
 * Which language a page request is in (next-intl's middleware: `/ru/…` Russian, anything else
 * English), plus the one redirect by preference: `/` goes to `/ru` when the switch's NEXT_LOCALE
 * cookie says so or, with no cookie, when Accept-Language prefers Russian. No other path ever
 * redirects by header or cookie. Embeds, chart images and API routes are not matched: they take
 * `lang=ru` as a query parameter and an iframe never bounces.
 */
import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, PATH_HEADER, isLocale, routing } from "@/i18n/routing";
import { localePath, preferredLocale } from "@/i18n/locale-path";

const intl = createMiddleware(routing);

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/") {
    const cookie = request.cookies.get(LOCALE_COOKIE)?.value;
    const wanted = isLocale(cookie) ? cookie : preferredLocale(request.headers.get("accept-language"));
    if (wanted && wanted !== routing.defaultLocale) {
      const response = NextResponse.redirect(new URL(localePath(`/${search}`, wanted), request.url), 307);
      response.headers.set("cache-control", "private, no-store");
      response.headers.set("vary", "Accept-Language, Cookie");
      return response;
    }
  }
  // next-intl forwards the request's headers to the page: this one rides along (a client's own value is replaced).
  request.headers.set(PATH_HEADER, `${pathname}${search}`);
  const response = intl(request);
  // The English root is what a reader gets because they did not prefer Russian: shared caches must know.
  if (pathname === "/") response.headers.set("vary", "Accept-Language, Cookie");
  return response;
}

export const config = {
  // Pages only: not API routes, embeds, Next's assets, the brief PDF or static files.
  matcher: ["/((?!api/|embed/|_next/|_vercel/|.*/brief\\.pdf$|[^/]*\\.(?:svg|ico|png|js|txt|xml|webmanifest)$).*)"],
};
