/**
 * The web server's CORRIDOR_* variables, declared once and parsed as the data package parses its own
 * (envSchema: a value that means nothing stops with a message naming the variable). In lib/, not
 * server/: the renderer reads its pool size here and must not import server/. server.mjs reads
 * CORRIDOR_REQUIRE_LOGIN and CORRIDOR_TRUST_PROXY itself: it runs before the app is built.
 */
import { envSchema, envText, flag, positiveCount, wholeNumber } from "@corridor/data";

export const env = envSchema({
  /** 1: every page and read needs a signed-in viewer. */
  CORRIDOR_REQUIRE_LOGIN: flag(),
  /** 1: X-Forwarded-For/-Proto are believed (behind a proxy that sets them). */
  CORRIDOR_TRUST_PROXY: flag(),
  /** Largest upload in bytes (default 50 MiB). */
  CORRIDOR_MAX_UPLOAD_BYTES: wholeNumber(),
  /** Where uploads are kept (default data/uploads). */
  CORRIDOR_UPLOADS_DIR: envText(),
  /** Failed sign-ins per email and address within a minute before a 429 (default 5). */
  CORRIDOR_LOGIN_MAX_FAILURES: positiveCount(),
  /** Snapshots each client address may publish an hour (default 60). */
  CORRIDOR_SNAPSHOTS_PER_HOUR: positiveCount(),
  /** PNG render threads and queued renders past them. */
  CORRIDOR_RENDER_THREADS: positiveCount(),
  CORRIDOR_RENDER_QUEUE: positiveCount(),
  /** The site's public address (https://corridor.example), for the addresses printed in exports; default: the request's Host. */
  CORRIDOR_PUBLIC_URL: envText(),
  /** frame-ancestors for embeds (default any). */
  CORRIDOR_EMBED_ANCESTORS: envText(),
});

type Env = ReturnType<typeof env>;
/** The web's variables that hold counts. */
type CountVariable = { [K in keyof Env]-?: Env[K] extends number | undefined ? K : never }[keyof Env];

/** A count from the environment (declared above), else the default. */
export function envCount(name: CountVariable, fallback: number): number {
  return env()[name] ?? fallback;
}
