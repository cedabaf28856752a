/** GET /api/me — the signed-in user ({ user: { email, name, role } }) or 401. */
import { CorridorError } from "@corridor/data/pure";
import { currentUser } from "@/server/auth";
import { route } from "@/server/route";

export const dynamic = "force-dynamic";

// "public": no gate, the answer is who is asking (401 when nobody).
export const GET = route({ role: "public" }, async ({ request }) => {
  const user = await currentUser(request.headers);
  if (!user) throw new CorridorError("unauthenticated", "not signed in");
  return Response.json({ user }, { headers: { "Cache-Control": "no-store" } });
});
