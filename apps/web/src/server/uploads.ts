/**
 * Uploaded files: read under a size limit (Content-Length first, then byte by byte while reading),
 * saved under CORRIDOR_UPLOADS_DIR with a name the server makes — never the client's file name.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { repositoryRoot } from "@corridor/data";

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export function maxUploadBytes(): number {
  const env = process.env.CORRIDOR_MAX_UPLOAD_BYTES?.trim();
  return env && /^\d+$/.test(env) ? Number(env) : DEFAULT_MAX_UPLOAD_BYTES;
}

export function uploadsDir(): string {
  const dir = process.env.CORRIDOR_UPLOADS_DIR ? resolve(process.env.CORRIDOR_UPLOADS_DIR) : join(repositoryRoot(), "data", "uploads");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export class TooLargeError extends Error {}

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

/** The client's file name reduced to a harmless display name: last path segment, printable, short. */
export function sanitiseFileName(name: string | undefined | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return clean || "upload.csv";
}

/** Saves the bytes under a fresh server-made name; returns its path. */
export async function saveUpload(bytes: Uint8Array): Promise<string> {
  const path = join(uploadsDir(), `${randomUUID()}.upload`);
  await writeFile(path, bytes, { flag: "wx" });
  return path;
}

/** Where a committed import's original file is kept. */
export function importFilePath(importId: number): string {
  return join(uploadsDir(), `import-${importId}.upload`);
}

export async function keepUpload(path: string, importId: number): Promise<void> {
  await rename(path, importFilePath(importId));
}

export async function dropUpload(path: string): Promise<void> {
  await rm(path, { force: true });
}
