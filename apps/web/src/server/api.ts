import "server-only";
import { QueryArgumentError } from "@corridor/data";
import { requireReader } from "@/server/auth";
import { ParameterError } from "@/lib/params";
import { busyResponse } from "@/server/writes";

/**
 * Runs a read handler for `request`: first the reader check (CORRIDOR_REQUIRE_LOGIN=1 needs a viewer,
 * here as well as in server.mjs's gate, so a path trick past the gate still finds a closed door);
 * then a bad parameter is a 400 that names it, anything else a 500 without internals.
 */
export async function readHandler(request: Request, run: () => Promise<Response>): Promise<Response> {
  try {
    const who = await requireReader(request);
    if (who instanceof Response) return who;
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
