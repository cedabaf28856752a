/**
 * A `?next=` value made safe: a path on this site, else "/". It is resolved against this origin
 * first and the result checked, because the resolved form is what the browser is sent to:
 * `/.//evil.example` resolves to `//evil.example`, which a browser reads as another host.
 */
export function safeNext(value: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f]/.test(value)) return "/";
  try {
    const base = "http://corridor.invalid";
    const url = new URL(value, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (url.origin !== base || path.startsWith("//") || path.startsWith("/\\")) return "/";
    // What the browser would make of the answer must still be this site.
    return new URL(path, base).origin === base ? path : "/";
  } catch {
    return "/";
  }
}
