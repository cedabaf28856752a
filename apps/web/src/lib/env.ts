/** Settings read from the environment, shared by server code and the renderer (which must not import server/). */

/** A positive integer from the environment, else the default. */
export function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? "");
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
