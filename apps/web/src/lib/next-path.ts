/** A `?next=` value made safe: a path on this site ("/…", not "//host" or "/\\host"), else "/". */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) return "/";
  try {
    const url = new URL(value, "http://corridor.invalid");
    return url.origin === "http://corridor.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
