/** GET /api/imports/:id — one import; DELETE — undo it (analyst+): 200 UndoSummary, 409 when refused. */
import { CorridorError, getImport, undoImport } from "@corridor/data";
import { db } from "@/server/db";
import { auditWrite } from "@/server/auth";
import { route } from "@/server/route";
import { writing } from "@/server/writes";

export const dynamic = "force-dynamic";

/** The import a path names, else a 404. */
async function findImport(raw: string) {
  const row = /^\d{1,12}$/.test(raw) ? await getImport(await db(), Number(raw)) : undefined;
  if (!row) throw new CorridorError("not_found", "no such import");
  return row;
}

export const GET = route({ role: "reader", params: ["id"] }, async ({ params }) => Response.json(await findImport(params.id), { headers: { "Cache-Control": "no-store" } }));

export const DELETE = route({ role: "analyst", params: ["id"] }, async ({ who, params }) => {
  const { id } = await findImport(params.id);
  return writing(`undoing import ${id}`, async () => {
    try {
      const summary = await undoImport(await db(), id);
      await auditWrite(who, "import.undo", `import:${id}`, { ...summary });
      return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      // An undo refused (UndoError, "conflict"), by its code: the error may come from another chunk.
      if (!CorridorError.is(error) || error.code !== "conflict") throw error;
      // Audited inside the same write, then answered by route() (409).
      await auditWrite(who, "import.undo-refused", `import:${id}`, { reason: error.message });
      throw error;
    }
  });
});
