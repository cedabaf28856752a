/**
 * The one error type: every refusal Corridor makes carries a code, and the code alone decides the
 * HTTP status (httpStatusOf) and the CLI's exit status (exitCodeOf), so no caller re-derives them
 * from a class name or a message. Browser-safe: no Node imports.
 */

/** What went wrong, as the client must act on it. */
export type ErrorCode =
  /** A malformed request or argument: a bad parameter, option or body (400; exit 2). */
  | "usage"
  /** Well-formed input that breaks a rule: an invalid event, mapping or account (422; exit 2). */
  | "invalid"
  /** The data itself cannot be read: a file in a wrong encoding, a binary file (422; exit 1). */
  | "bad_data"
  | "not_found"
  /** The thing to make already exists: a user, a token, an event id (409; exit 2, the command asked for it). */
  | "exists"
  /** The data moved on: an import already undone, an event saved by someone else since (409; exit 1). */
  | "conflict"
  | "too_large"
  /** A write refused because another held the database; retry later (503). */
  | "busy"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  /** The database failed (read-only, full, damaged): the operator's problem, not the client's (500). */
  | "database";

const STATUS: Record<ErrorCode, number> = {
  usage: 400,
  invalid: 422,
  bad_data: 422,
  not_found: 404,
  exists: 409,
  conflict: 409,
  too_large: 413,
  busy: 503,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  database: 500,
};

/** The CLI's exit statuses: 0 done, 1 the data or the database refused, 2 the command was wrong. */
export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

const EXIT: Record<ErrorCode, 1 | 2> = {
  usage: EXIT_USAGE,
  invalid: EXIT_USAGE,
  bad_data: EXIT_DATA,
  not_found: EXIT_DATA,
  exists: EXIT_USAGE,
  conflict: EXIT_DATA,
  too_large: EXIT_USAGE,
  busy: EXIT_DATA,
  unauthenticated: EXIT_USAGE,
  forbidden: EXIT_USAGE,
  rate_limited: EXIT_DATA,
  database: EXIT_DATA,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** The exit status for anything thrown: a CorridorError by its code, anything else is a data error. */
export function exitCodeOf(error: unknown): number {
  return CorridorError.is(error) ? EXIT[error.code] : EXIT_DATA;
}

/** Extra facts a client may use, sent beside `error` in a JSON body. */
export interface ErrorDetails {
  /** The query parameter or form field at fault. */
  parameter?: string;
  /** The line of an input file. */
  line?: number | null;
  /** Field-by-field problems ({key, value?, message}). */
  errors?: readonly unknown[];
  [key: string]: unknown;
}

const BRAND = Symbol.for("corridor.CorridorError");

export class CorridorError extends Error {
  private readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * Recognised by a brand, not `instanceof`: a Next.js build may hold this module in more than one
   * chunk, and the code that threw may come from another chunk than the route that catches.
   */
  static is(error: unknown): error is CorridorError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }

  /** What a client is told: the message and the details (subclasses shape theirs where tests pin it). */
  body(): Record<string, unknown> {
    return { error: this.message, ...this.details };
  }
}
