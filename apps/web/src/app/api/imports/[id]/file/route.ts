/** GET /api/imports/:id/file — the original upload, as an attachment (kept in the database: import-files.ts). */
import { createReadStream, existsSync } from "node:fs";
import { Readable } from "node:stream";
import { getImport, importFileBytes } from "@corridor/data";
import { db } from "@/server/db";
import { route } from "@/server/route";
import { legacyImportFilePath, sanitiseFileName } from "@/server/uploads";

export const dynamic = "force-dynamic";

export const GET = route({ role: "reader", params: ["id"] }, async ({ params }) => {
  const raw = params.id;
  const row = /^\d{1,12}$/.test(raw) ? await getImport(await db(), Number(raw)) : undefined;
  const kept = row ? await importFileBytes(await db(), row.id) : undefined;
  // Releases before the originals moved into the database kept them in the uploads folder.
  const legacy = row && !kept ? legacyImportFilePath(row.id) : "";
  if (!row || (!kept && !existsSync(legacy))) return Response.json({ error: "no stored file for this import (imports from the CLI keep none)" }, { status: 404 });
  const name = sanitiseFileName(row.fileName);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const body = kept ? new Uint8Array(kept) : (Readable.toWeb(createReadStream(legacy)) as ReadableStream);
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
