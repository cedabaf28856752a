/** Admins manage accounts: GET /api/users lists them, POST {email, name?, role, password} adds one (201). */
import { newUserBody } from "@corridor/data";
import { db } from "@/server/db";
import { auditWrite } from "@/server/auth";
import { route } from "@/server/route";
import { writing } from "@/server/writes";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { listUsers } = await import("@corridor/data/auth");
  return Response.json({ users: listUsers(await db()) }, { headers: { "Cache-Control": "no-store" } });
});

/** 201; 400 a malformed body, 422 a value the account rules refuse, 409 the email taken (AccountError's code). */
export const POST = route({ role: "admin", body: newUserBody }, async ({ who, body }) => {
  const { addUser } = await import("@corridor/data/auth");
  const made = await writing("adding a user", async () => {
    const added = await addUser(await db(), body, who.actor);
    await auditWrite(who, "user.add.web", added.email, { role: body.role });
    return added;
  });
  return Response.json({ user: made }, { status: 201 });
});
