/**
 * What two instances on one database must share, checked the same way whichever engine is under
 * them (two-instances.test.ts on SQLite, two-instances-pg.test.ts on PostgreSQL).
 */
import { expect } from "vitest";
import { rawRequest, type TestServer } from "./server";

export const signIn = (server: TestServer, email: string, password: string) =>
  rawRequest(server.url, "/api/auth/sign-in/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({ email, password }),
  });

/** A session made by signing in on `one` is accepted by `two`. */
export async function expectSessionShared(one: TestServer, two: TestServer, user: { email: string; password: string; role: string }) {
  const res = await signIn(one, user.email, user.password);
  expect(res.status).toBe(200);
  const cookie = [res.headers["set-cookie"] ?? []]
    .flat()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const me = await rawRequest(two.url, "/api/me", { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(JSON.parse(me.body).user).toMatchObject({ email: user.email, role: user.role });
}

/** Five failed sign-ins spread over both instances, then the sixth — right password — is refused on both. */
export async function expectSignInLimitShared(one: TestServer, two: TestServer, user: { email: string; password: string }) {
  for (let i = 0; i < 5; i++) expect((await signIn(i % 2 ? two : one, user.email, `wrong password ${i}`)).status).toBe(401);
  const refused = await signIn(two, user.email, user.password);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect((await signIn(one, user.email, user.password)).status).toBe(429);
}
