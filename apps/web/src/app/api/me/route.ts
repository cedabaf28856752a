import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

/** The signed-in user ({ user: { email, name, role } }) or 401. */
export async function GET(request: Request): Promise<Response> {
  const user = await currentUser(request.headers);
  if (!user) return Response.json({ error: "not signed in" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json({ user }, { headers: { "Cache-Control": "no-store" } });
}
