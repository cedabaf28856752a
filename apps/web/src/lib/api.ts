import "server-only";
import { QueryArgumentError } from "@corridor/data";
import { ParameterError } from "./params";
import { busyResponse } from "@/server/writes";

/** Runs a read handler; a bad parameter is a 400 that names it, anything else a 500 without internals. */
export async function readHandler(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ParameterError) return Response.json({ error: error.message, parameter: error.parameter }, { status: 400 });
    if (error instanceof QueryArgumentError) {
      // The data package says which argument it could not resolve.
      const parameter = error.parameter ?? "query";
      return Response.json({ error: `${parameter}: ${error.detail}`, parameter }, { status: 400 });
    }
    const busy = busyResponse(error);
    if (busy) return busy;
    console.error(error);
    return Response.json({ error: "internal error" }, { status: 500 });
  }
}
