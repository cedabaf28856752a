import { listEvents } from "@corridor/data";
import { db } from "@/lib/db";
import { readHandler } from "@/lib/api";
import { parseEventParams } from "@/lib/params";

export const dynamic = "force-dynamic";

/** ?country=TJK&country=RUS&kind=decree&tag=covid-19&from=2020&to=2021 — same fields as `corridor events list`. */
export function GET(request: Request): Promise<Response> {
  return readHandler(async () => {
    const q = parseEventParams(new URL(request.url).searchParams);
    return Response.json(await listEvents(db(), q));
  });
}
