/**
 * What the login gate (server.mjs, CORRIDOR_REQUIRE_LOGIN=1) decides on: the path Next will route,
 * not the raw request target. Next resolves dot segments and encoded dots and slashes, so a prefix
 * test on the raw target let `/login/../api/series` through. Here a path is public only when it is
 * already in normal form (nothing to decode, resolve or collapse) and is on the exact list below.
 */

/** Paths anyone may fetch: the login page, sign-in itself, the header's "who am I", static assets. */
const PUBLIC_EXACT = new Set(["/login", "/ru/login", "/api/me", "/icon.svg", "/favicon.ico", "/robots.txt"]);
const PUBLIC_PREFIXES = ["/api/auth/", "/_next/static/"];

/**
 * The path part of a request target as a router that decodes `%2e`, `%2f`, `%5c` and treats `\` as
 * `/` would see it: slashes collapsed, `.` and `..` resolved. `canonical` is false when anything had
 * to change (or the target is not origin-form, e.g. `http://host/x` or `*`).
 */
export function routedPath(target) {
  const raw = String(target ?? "");
  const q = raw.indexOf("?");
  const rawPath = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? "" : raw.slice(q);
  let decoded = rawPath;
  // Repeatedly, so a double-encoded `%252e` counts too: stricter than Next, never looser.
  for (let previous = ""; previous !== decoded;) {
    previous = decoded;
    decoded = decoded.replace(/%25/gi, "%").replace(/%2e/gi, ".").replace(/%2f/gi, "/").replace(/%5c/gi, "\\");
  }
  const segments = [];
  for (const segment of decoded.replaceAll("\\", "/").split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const path = `/${segments.join("/")}`;
  return { path, query, canonical: rawPath.startsWith("/") && path === rawPath };
}

export function isPublicPath(target) {
  const { path, canonical } = routedPath(target);
  if (!canonical) return false;
  return PUBLIC_EXACT.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix) && path.length > prefix.length);
}

/** API and embed targets get a 401 (JSON clients, iframes); anything else is a page: off to /login. */
export function isApiPath(target) {
  const { path } = routedPath(target);
  return /^\/(api|embed)(\/|$)/i.test(path) || /^\/*(api|embed)([/\\%]|$)/i.test(String(target ?? ""));
}

/** The login page in the language of the page asked for: a Russian page (`/ru`, `/ru/…`) goes to /ru/login. */
export function loginPathFor(path) {
  return path === "/ru" || path.startsWith("/ru/") ? "/ru/login" : "/login";
}
