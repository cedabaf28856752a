/**
 * POST /api/imports — multipart `file` + options (`?dryRun=1` previews with a diff); analyst+.
 * 200 dry run, 201 committed, 422 data errors (same summary body, or {error, line}), 400 bad options,
 * 401/403 credentials, 413 over CORRIDOR_MAX_UPLOAD_BYTES. `Accept: application/x-ndjson` streams
 * {"progress":{bytesRead,totalBytes}} lines, then {"result", "status"}.
 * GET /api/imports — the import history.
 */
import { CorridorError, importFormOptions, keepImportFile, listImports } from "@corridor/data";
import { problem } from "@corridor/data/pure";
import type { ImportOptions, ImportSummary } from "@corridor/data/import";
import { db } from "@/server/db";
import { auditWrite, type Caller } from "@/server/auth";
import { errorResponse, route } from "@/server/route";
import { dropUpload, limitBody, maxUploadBytes, sanitiseFileName, saveUpload } from "@/server/uploads";
import { busyResponse } from "@/server/writes";

export const dynamic = "force-dynamic";

function text(form: FormData, key: string): string | undefined {
  const v = form.get(key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** The form's options, checked by importFormOptions (the data package's shape and messages): a 400 when wrong. */
function parseOptions(form: FormData): { options: ImportOptions; profile?: string; saveProfile?: string } {
  const raw = Object.fromEntries(["format", "indicator", "origin", "destination", "encoding", "delimiter", "decimal", "countryRole", "profile", "saveProfile"].map((key) => [key, text(form, key)]));
  const parsed = importFormOptions.safeParse({ ...raw, map: form.getAll("map") });
  if (!parsed.success) throw new CorridorError("usage", parsed.error.issues[0]!.message);
  const { profile, saveProfile, ...given } = parsed.data;
  // Unset options stay out, so a profile's values are not overridden by undefined.
  const options = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as ImportOptions;
  return { options, profile, saveProfile };
}

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** A refusal as an Outcome: the one error mapping's status and body (streamed answers need them apart). */
async function refusal(error: unknown): Promise<Outcome> {
  const response = errorResponse(error);
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("Retry-After") };
}

interface Outcome {
  status: number;
  body: unknown;
  /** Seconds, for a 503 when the database was busy. */
  retryAfter?: string | null;
}

async function runImport(who: Caller, form: FormData, dryRun: boolean, onProgress?: (read: number, total: number) => void): Promise<Outcome> {
  const file = form.get("file");
  if (!file || typeof file === "string") return { status: 400, body: { error: 'the form needs a "file" part' } };
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(form);
  } catch (error) {
    if (CorridorError.is(error)) return refusal(error);
    throw error;
  }
  const fileName = sanitiseFileName(file.name);
  const { runImport: importUpload } = await import("@corridor/data/import");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const saved = await saveUpload(bytes);
  // Profile → import → profile in the data package, as the CLI runs it, on a connection of its own: a
  // real import (or a profile save) holds the write gate through the audit rows and the profile; a
  // dry run writes nothing and holds no gate, so other requests' writes go on beside it.
  let imported = false;
  try {
    const { summary } = await importUpload(await db(), saved, {
      options: { ...parsed.options, fileName, importedBy: who.actor, dryRun, diff: dryRun, onProgress },
      profile: parsed.profile,
      saveProfile: parsed.saveProfile,
      onOwnConnection: true,
      async onImported(summary: ImportSummary) {
        imported = true;
        await dropUpload(saved);
        if (summary.importId !== null) {
          await keepImportFile(await db(), summary.importId, bytes);
          await auditWrite(who, "import.commit", `import:${summary.importId}`, { fileName, sha256: summary.sha256, inserted: summary.inserted, updated: summary.updated, rowsRead: summary.rowsRead });
        }
      },
      onProfileSaved: (profile) => auditWrite(who, "profile.save", `profile:${profile.name}`),
    });
    if (summary.errorCount > 0) return { status: 422, body: summary };
    return { status: dryRun ? 200 : 201, body: summary };
  } catch (error) {
    // Past the import the upload is kept or dropped already; what fails there is the server's.
    if (imported) throw error;
    await dropUpload(saved);
    // The file is unreadable (BadInputError: its line) or does not fit the mapping (MappingError: the header, line 1).
    if (CorridorError.is(error) && (error.code === "bad_data" || error.code === "invalid"))
      return {
        status: 422,
        body: { error: error.message, line: error.code === "bad_data" ? (error.details.line ?? null) : 1, fileName, ...(error.details.problem ? { problem: error.details.problem } : {}) },
      };
    // An unknown profile (400), a busy database (503 + Retry-After): the one error mapping.
    if (CorridorError.is(error) || busyResponse(error)) return refusal(error);
    throw error;
  }
}

export const POST = route({ role: "analyst" }, async ({ who, request }) => {
  const dryRun = ["1", "true"].includes(new URL(request.url).searchParams.get("dryRun") ?? "");
  let form: FormData;
  try {
    form = await limitBody(request, maxUploadBytes()).formData();
  } catch (error) {
    const tooLarge = (e: unknown) => CorridorError.is(e) && e.code === "too_large";
    if (tooLarge(error) || (error instanceof Error && tooLarge(error.cause))) {
      await auditWrite(who, "import.refused", null, { reason: "too large" });
      const { message, ...coded } = problem("too_large", { bytes: maxUploadBytes() });
      return json({ error: message, problem: coded }, 413);
    }
    return json({ error: "expected a multipart/form-data body with a file part" }, 400);
  }
  if ((request.headers.get("accept") ?? "").includes("application/x-ndjson")) {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        let last = 0;
        try {
          const outcome = await runImport(who, form, dryRun, (bytesRead, totalBytes) => {
            const now = Date.now();
            if (now - last < 100 && bytesRead < totalBytes) return;
            last = now;
            line({ progress: { bytesRead, totalBytes } });
          });
          line({ result: outcome.body, status: outcome.status });
        } catch (error) {
          console.error(error);
          line({ result: { error: "the import failed on the server" }, status: 500 });
        }
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store" } });
  }
  const outcome = await runImport(who, form, dryRun);
  const response = json(outcome.body, outcome.status);
  if (outcome.retryAfter) response.headers.set("Retry-After", outcome.retryAfter);
  return response;
});

export const GET = route({ role: "reader" }, async () => json({ imports: await listImports(await db()) }, 200));
