/** GET /api/imports/:id — one import; DELETE — undo it (analyst+): 200 UndoSummary, 409 when refused. */
import { getImport, undoImport, UndoError } from "@corridor/data";
import { db } from "@/server/db";
import { auditWrite, requireReader, requireRole } from "@/server/auth";
import { busyResponse, writing } from "@/server/writes";

export const dynamic = "force-dynamic";

function importId(raw: string): number | null {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireReader(request);
  if (who instanceof Response) return who;
  const id = importId((await params).id);
  const row = id === null ? undefined : await getImport(db(), id);
  if (!row) return Response.json({ error: "no such import" }, { status: 404 });
  return Response.json(row, { headers: { "Cache-Control": "no-store" } });
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  const id = importId((await params).id);
  if (id === null || !(await getImport(db(), id))) return Response.json({ error: "no such import" }, { status: 404 });
  try {
    return await writing(`undoing import ${id}`, async () => {
      try {
        const summary = await undoImport(db(), id);
        await auditWrite(who, "import.undo", `import:${id}`, { ...summary });
        return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
      } catch (error) {
        if (!(error instanceof UndoError)) throw error;
        await auditWrite(who, "import.undo-refused", `import:${id}`, { reason: error.message });
        return Response.json({ error: error.message }, { status: 409 });
      }
    });
  } catch (error) {
    const busy = busyResponse(error);
    if (busy) return busy;
    throw error;
  }
}
