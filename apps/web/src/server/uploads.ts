/**
 * Uploaded files: read under a size limit (Content-Length first, then byte by byte while reading),
 * saved while the import runs under CORRIDOR_UPLOADS_DIR with a name the server makes — never the
 * client's file name — readable by the server's user only (folder 0700, files 0600): they are the
 * organisation's data. A committed import's original then goes into the database (import-files.ts
 * in the data package), so the folder holds only uploads in flight, local to each server process.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { chmod, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CorridorError, repositoryRoot } from "@corridor/data";
import { env } from "@/lib/env";

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export function maxUploadBytes(): number {
  return env().CORRIDOR_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES;
}

export function uploadsDir(): string {
  const configured = env().CORRIDOR_UPLOADS_DIR;
  const dir = configured ? resolve(configured) : join(repositoryRoot(), "data", "uploads");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export class TooLargeError extends CorridorError {
  constructor(message: string) {
    super("too_large", message);
  }
}

/**
 * The request with a body that fails with TooLargeError past `limit` bytes (multipart overhead
 * included): counted while it streams in, so a chunked body with no Content-Length is stopped at
 * the limit instead of being read whole first. `what` names the body in the error ("the upload").
 */
export function limitBody(request: Request, limit: number, what = "the upload"): Request {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new TooLargeError(`${what} is ${declared} bytes; the limit is ${limit}`);
  if (!request.body) return request;
  let seen = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new TooLargeError(`${what} is over the ${limit}-byte limit`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body: counted, duplex: "half" } as RequestInit);
}

/** The whole body under `limit` bytes (limitBody), or a TooLargeError however the stream reports it. */
export async function readLimited(request: Request, limit: number, what: string): Promise<ArrayBuffer> {
  try {
    return await limitBody(request, limit, what).arrayBuffer();
  } catch (error) {
    // The stream's error may arrive as the cause of the body reader's own.
    if (error instanceof Error && CorridorError.is(error.cause) && error.cause.code === "too_large") throw error.cause;
    throw error;
  }
}

/** The client's file name reduced to a harmless display name: last path segment, printable, short. */
export function sanitiseFileName(name: string | undefined | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return clean || "upload.csv";
}

/** Saves the bytes under a fresh server-made name; returns its path. */
export async function saveUpload(bytes: Uint8Array): Promise<string> {
  const path = join(uploadsDir(), `${randomUUID()}.upload`);
  await writeFile(path, bytes, { flag: "wx", mode: 0o600 });
  return path;
}

/** Where releases before the database kept originals put a committed import's file. */
export function legacyImportFilePath(importId: number): string {
  return join(uploadsDir(), `import-${importId}.upload`);
}

export async function dropUpload(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** An upload in flight: `<uuid>.upload` (`import-<id>.upload` is a committed original of an older release). */
const IN_FLIGHT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.upload$/;
/** Older than any import takes; younger ones may belong to another server on the same folder. */
export const STRAY_UPLOAD_AGE_MS = 60 * 60 * 1000;

/**
 * On server start (instrumentation.ts): deletes in-flight uploads left by a process that died
 * mid-import (kill -9 skips dropUpload), and takes group and world access off the folder and the
 * files in it, which older versions left readable. Returns the names deleted.
 */
export async function tidyUploads(now = Date.now()): Promise<string[]> {
  const dir = uploadsDir();
  await chmod(dir, 0o700);
  const removed: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(dir, entry.name);
    const info = await stat(path);
    if (IN_FLIGHT.test(entry.name) && now - info.mtimeMs > STRAY_UPLOAD_AGE_MS) {
      await rm(path, { force: true });
      removed.push(entry.name);
    } else if (info.mode & 0o077) await chmod(path, 0o600);
  }
  return removed;
}
