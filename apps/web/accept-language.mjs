/**
 * Which of our languages an Accept-Language header prefers, shared by the proxy (src/proxy.ts: the
 * root's redirect) and the page cache (page-cache.mjs: the root's English page is kept only for
 * readers who would not be redirected), so the two can never disagree.
 * Highest q wins, ties go to the earlier entry; `ru-RU` counts as `ru`, `q=0` as a refusal; null
 * when the header names none of `locales`.
 */
export function preferredLocale(header, locales = ["en", "ru"]) {
  let best = null;
  String(header ?? "")
    .split(",")
    .forEach((part) => {
      const [tag, ...params] = part.trim().split(";");
      const language = tag?.trim().toLowerCase().split("-")[0];
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      if (!language || !locales.includes(language) || !Number.isFinite(q) || q <= 0) return;
      if (!best || q > best.q) best = { locale: language, q };
    });
  return best?.locale ?? null;
}
