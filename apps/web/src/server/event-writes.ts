/** Shared by the event write routes: JSON body under a limit, data-package errors → HTTP statuses. */
import { EventConflictError, EventNotFoundError, EventValidationError } from "@corridor/data";

export const MAX_EVENT_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_EVENT_BODY_BYTES) throw new BodyError("the body is over 1 MB", 413);
  const text = await request.text();
  if (text.length > MAX_EVENT_BODY_BYTES) throw new BodyError("the body is over 1 MB", 413);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError("the body is not JSON", 400);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new BodyError("the body must be a JSON object", 400);
  return value as Record<string, unknown>;
}

/** The response for a refused write, or undefined when the error is not one of ours. */
export function eventErrorResponse(error: unknown): Response | undefined {
  if (error instanceof BodyError) return Response.json({ error: error.message }, { status: error.status });
  if (error instanceof EventValidationError) return Response.json({ error: error.message, errors: error.errors }, { status: 422 });
  if (error instanceof EventConflictError) return Response.json({ error: error.message, currentVersion: error.currentVersion ?? null }, { status: 409 });
  if (error instanceof EventNotFoundError) return Response.json({ error: error.message }, { status: 404 });
  return undefined;
}
