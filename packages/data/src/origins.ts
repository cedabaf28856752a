/**
 * The same-origin rule, in one place for both gates that apply it: better-auth's trusted origins
 * (sign-in, sign-out) and the write routes' CSRF check (apps/web/src/server/auth.ts). A page of
 * this site is served from the host a request was sent to (Host) or, behind a reverse proxy, from
 * the public name the proxy forwards (X-Forwarded-Host). A page on another site cannot set either
 * header on a form post, and its Origin names that other site.
 */

/** The hosts (name:port) a page of this site may be served from, for this request. */
export function siteHosts(headers: Headers | undefined): string[] {
  return [headers?.get("x-forwarded-host"), headers?.get("host")].filter((h): h is string => !!h);
}

/** The same hosts as origins, by either scheme. */
export function siteOrigins(headers: Headers | undefined): string[] {
  return siteHosts(headers).flatMap((host) => [`http://${host}`, `https://${host}`]);
}

/** Whether a browser request comes from a page of this site: its Origin names one of siteHosts. */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return siteHosts(headers).includes(new URL(origin).host);
  } catch {
    return false;
  }
}
