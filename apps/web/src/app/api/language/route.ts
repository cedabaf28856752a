/**
 * GET /api/language?to=ru&next=/ru/explorer?… — the language switch: remembers the choice
 * (NEXT_LOCALE, read only at `/`) and sends the reader on to the same view in that language. A
 * server round-trip rather than a click handler, so the choice sticks even when the link is followed
 * before the page's JavaScript has loaded (or without JavaScript at all).
 */
import { CorridorError } from "@corridor/data/pure";
import { LOCALE_COOKIE, isLocale } from "@/i18n/routing";
import { safeNext } from "@/lib/next-path";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

const ONE_YEAR_SECONDS = 31_536_000;

export const GET = route({ role: "public" }, async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const to = params.get("to");
  if (!isLocale(to)) throw new CorridorError("usage", `to: expected one of en, ru, got ${JSON.stringify(to)}`, { parameter: "to" });
  return new Response(null, {
    status: 303,
    headers: {
      location: safeNext(params.get("next")),
      "set-cookie": `${LOCALE_COOKIE}=${to}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`,
      "cache-control": "no-store",
    },
  });
});
