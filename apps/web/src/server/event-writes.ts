/** Shared by the JSON write routes (events, users): body under a limit, data-package errors → HTTP statuses. */
import { EventConflictError, EventNotFoundError, EventValidationError } from "@corridor/data";
import { readLimited, TooLargeError } from "./uploads";

export const MAX_EVENT_BODY_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * A JSON object body read under MAX_EVENT_BODY_BYTES, counted while it streams (limitBody, as
 * uploads are): a body past the limit — declared or chunked — is a 413 once the limit is passed,
 * never read whole first.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = new TextDecoder().decode(await readLimited(request, MAX_EVENT_BODY_BYTES, "the body"));
  } catch (error) {
    if (error instanceof TooLargeError) throw new BodyError(error.message, 413);
    throw error;
  }
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
