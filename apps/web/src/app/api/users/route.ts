/** Admins manage accounts: GET /api/users lists them, POST {email, name?, role, password} adds one (201). */
import { db } from "@/server/db";
import { auditWrite, requireRole } from "@/server/auth";
import { BodyError, readJsonObject } from "@/server/event-writes";
import { busyResponse, writing } from "@/server/writes";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const who = await requireRole(request, "admin");
  if (who instanceof Response) return who;
  const { listUsers } = await import("@corridor/data/auth");
  return Response.json({ users: listUsers(db()) }, { headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const who = await requireRole(request, "admin");
  if (who instanceof Response) return who;
  const { addUser, AccountError, isUserRole } = await import("@corridor/data/auth");
  try {
    const body = await readJsonObject(request);
    const { email, name, role, password } = body;
    if (typeof email !== "string" || typeof password !== "string" || (name !== undefined && typeof name !== "string")) {
      return Response.json({ error: "expected {email, password, role, name?} as strings" }, { status: 400 });
    }
    if (!isUserRole(role)) return Response.json({ error: "role must be viewer, analyst or admin" }, { status: 400 });
    const made = await writing("adding a user", async () => {
      const added = await addUser(db(), { email, password, role, name }, who.actor);
      await auditWrite(who, "user.add.web", added.email, { role });
      return added;
    });
    return Response.json({ user: made }, { status: 201 });
  } catch (error) {
    if (error instanceof BodyError) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof AccountError) return Response.json({ error: error.message }, { status: /already exists/.test(error.message) ? 409 : 422 });
    const busy = busyResponse(error);
    if (busy) return busy;
    throw error;
  }
}
