/**
 * POST /api/imports — multipart `file` + options (`?dryRun=1` previews with a diff); analyst+.
 * 200 dry run, 201 committed, 422 data errors (same summary body, or {error, line}), 400 bad options,
 * 401/403 credentials, 413 over CORRIDOR_MAX_UPLOAD_BYTES. `Accept: application/x-ndjson` streams
 * {"progress":{bytesRead,totalBytes}} lines, then {"result", "status"}.
 * GET /api/imports — the import history.
 */
import { listImports } from "@corridor/data";
import { BadInputError, FORMATS, importOnOwnConnection, MappingError, parseRoleMap, type ImportOptions, type ImportSummary } from "@corridor/data/import";
import { db } from "@/server/db";
import { auditWrite, requireReader, requireRole, type Caller } from "@/server/auth";
import { dropUpload, keepUpload, limitBody, maxUploadBytes, sanitiseFileName, saveUpload, TooLargeError } from "@/server/uploads";
import { busyResponse, writing } from "@/server/writes";

export const dynamic = "force-dynamic";

class OptionError extends Error {}

function text(form: FormData, key: string): string | undefined {
  const v = form.get(key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function parseOptions(form: FormData): { options: ImportOptions; profile?: string; saveProfile?: string } {
  const options: ImportOptions = {};
  const format = text(form, "format");
  if (format) {
    if (format !== "auto" && !(FORMATS as readonly string[]).includes(format)) throw new OptionError(`format "${format}": expected auto or one of ${FORMATS.join(", ")}`);
    options.format = format as ImportOptions["format"];
  }
  for (const key of ["indicator", "origin", "destination", "encoding", "delimiter"] as const) {
    const v = text(form, key);
    if (v !== undefined) {
      if (v.length > 200) throw new OptionError(`${key}: too long`);
      options[key] = v;
    }
  }
  const decimal = text(form, "decimal");
  if (decimal) {
    if (decimal !== "." && decimal !== "," && decimal !== "auto") throw new OptionError(`decimal "${decimal}": expected ".", "," or auto`);
    options.decimal = decimal;
  }
  const countryRole = text(form, "countryRole");
  if (countryRole) {
    if (countryRole !== "origin" && countryRole !== "destination") throw new OptionError(`countryRole "${countryRole}": expected origin or destination`);
    options.countryRole = countryRole;
  }
  const pairs = form.getAll("map");
  if (pairs.some((pair) => typeof pair !== "string")) throw new OptionError("map: expected ROLE=COLUMN text");
  try {
    // The CLI's --map rules, so the roles are the importer's own.
    const map = parseRoleMap(pairs as string[], "map");
    if (Object.keys(map).length > 0) options.map = map;
  } catch (error) {
    if (error instanceof MappingError) throw new OptionError(error.message);
    throw error;
  }
  return { options, profile: text(form, "profile"), saveProfile: text(form, "saveProfile") };
}

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
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
    return { status: 400, body: { error: (error as Error).message } };
  }
  const fileName = sanitiseFileName(file.name);
  const { withProfile, saveProfile, ProfileError } = await import("@corridor/data/profiles");
  let options: ImportOptions;
  try {
    options = await withProfile(db(), parsed.profile, parsed.options);
  } catch (error) {
    if (error instanceof ProfileError) return { status: 400, body: { error: error.message } };
    throw error;
  }
  const saved = await saveUpload(new Uint8Array(await file.arrayBuffer()));
  // The import on a connection of its own; a real one holds the write gate through its audit row and
  // profile (a dry run writes nothing and holds no gate: other requests' writes go on beside it).
  const run = async (): Promise<Outcome> => {
    let summary: ImportSummary;
    try {
      summary = await importOnOwnConnection(db(), saved, { ...options, fileName, importedBy: who.actor, dryRun, diff: dryRun, onProgress });
    } catch (error) {
      await dropUpload(saved);
      if (error instanceof BadInputError) return { status: 422, body: { error: error.message, line: error.line ?? null, fileName } };
      if (error instanceof MappingError) return { status: 422, body: { error: error.message, line: 1, fileName } };
      throw error;
    }
    if (summary.importId !== null) {
      await keepUpload(saved, summary.importId);
      await auditWrite(who, "import.commit", `import:${summary.importId}`, { fileName, sha256: summary.sha256, inserted: summary.inserted, updated: summary.updated, rowsRead: summary.rowsRead });
    } else await dropUpload(saved);
    if (summary.errorCount > 0) return { status: 422, body: summary };
    if (parsed.saveProfile) {
      await saveProfile(db(), parsed.saveProfile, options);
      await auditWrite(who, "profile.save", `profile:${parsed.saveProfile}`);
    }
    return { status: dryRun ? 200 : 201, body: summary };
  };
  try {
    return await (dryRun && !parsed.saveProfile ? run() : writing(`an import of ${fileName} by ${who.actor}`, run));
  } catch (error) {
    const busy = busyResponse(error);
    if (!busy) throw error;
    await dropUpload(saved);
    return { status: 503, body: await busy.json(), retryAfter: busy.headers.get("Retry-After") };
  }
}

export async function POST(request: Request): Promise<Response> {
  const who = await requireRole(request, "analyst");
  if (who instanceof Response) return who;
  const dryRun = ["1", "true"].includes(new URL(request.url).searchParams.get("dryRun") ?? "");
  let form: FormData;
  try {
    form = await limitBody(request, maxUploadBytes()).formData();
  } catch (error) {
    const tooLarge = error instanceof TooLargeError || (error instanceof Error && error.cause instanceof TooLargeError);
    if (tooLarge) {
      await auditWrite(who, "import.refused", null, { reason: "too large" });
      return json({ error: `the upload is over the limit of ${maxUploadBytes()} bytes` }, 413);
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
}

export async function GET(request: Request): Promise<Response> {
  const who = await requireReader(request);
  if (who instanceof Response) return who;
  return json({ imports: await listImports(db()) }, 200);
}
