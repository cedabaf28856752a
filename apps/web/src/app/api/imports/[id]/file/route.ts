/** GET /api/imports/:id/file — the original upload, as an attachment. */
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { getImport } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { importFilePath, sanitiseFileName } from "@/server/uploads";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader", params: ["id"] }, async ({ params }) => {
  const raw = params.id;
  const row = /^\d{1,12}$/.test(raw) ? await getImport(db(), Number(raw)) : undefined;
  const path = row ? importFilePath(row.id) : "";
  if (!row || !existsSync(path)) return Response.json({ error: "no stored file for this import (imports from the CLI keep none)" }, { status: 404 });
  const name = sanitiseFileName(row.fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
