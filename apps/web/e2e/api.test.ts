import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const get = (path: string) => fetch(`${server.url}${path}`);

describe("read API (built app, seeded database)", () => {
  it("GET /api/series: the CLI's series JSON plus the corridor's events in range", async () => {
    const r = await get("/api/series?indicator=BX.TRF.PWKR.CD.DT&origin=TJK&from=2019&to=2022");
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.indicator).toEqual({ code: "remittances_received_usd", name: "Personal remittances, received", unit: "current US$" });
    expect(body.points.map((p: { period: string }) => p.period)).toEqual(["2019", "2020", "2021", "2022"]);
    const ids = body.events.map((e: { id: string }) => e.id);
    expect(ids).toContain("2021-04-19-russia-tajikistan-migration-talks");
    expect(ids).toContain("decree-274-2020");
    expect(ids).toContain("entry-restriction-2020");
    expect(ids).not.toContain("partial-mobilisation-2022-x");
    const talks = body.events.find((e: { id: string }) => e.id === "2021-04-19-russia-tajikistan-migration-talks");
    expect(talks.body).toContain("Russian-Tajik comprehensive talks");
  });

  it("GET /api/series.csv: period,value,flag,flag_meaning,source", async () => {
    const r = await get("/api/series.csv?indicator=work_patents_issued&origin=TJK&destination=RUS");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await r.text()).trim().split("\r\n");
    expect(lines[0]).toBe("period,value,flag,flag_meaning,source");
    expect(lines[1]).toMatch(/^2021,787000,a,approximate: the publication rounds,MVD Russia: https:\/\/sputniknews\.uz/);
    // A source with commas is quoted, so the file still has five columns.
    const stay = await (await get("/api/series.csv?indicator=irregular_stay_stock&origin=TJK&destination=RUS")).text();
    expect(stay.split("\r\n")[1]).toMatch(/^2021-04-16,247000,a,approximate: the publication rounds,"MVD Russia \(A\. Gorovoy slide, CIS IPA\): https:/);
  });

  it("GET /api/events, /api/indicators, /api/corridors", async () => {
    const events = await (await get("/api/events?country=KGZ&kind=agreement")).json();
    expect(events.map((e: { id: string }) => e.id)).toEqual(["kyrgyzstan-eaeu-accession-2015"]);
    const indicators = await (await get("/api/indicators")).json();
    expect(indicators.find((i: { code: string }) => i.code === "remittances_received_usd").aliases).toEqual(["BX.TRF.PWKR.CD.DT"]);
    const corridors = await (await get("/api/corridors")).json();
    expect(corridors.some((c: { origin: string; destination: string }) => c.origin === "TJK" && c.destination === "RUS")).toBe(true);
  });

  it.each([
    ["/api/series?origin=TJK", "indicator"],
    ["/api/series?indicator=nope&origin=TJK", "indicator"],
    ["/api/series?indicator=entries&origin=Atlantis", "origin"],
    ["/api/series?indicator=entries&origin=TJK&frequency=X", "frequency"],
    ["/api/series.csv?indicator=entries&origin=TJK&to=never", "to"],
    ["/api/events?kind=summit", "kind"],
  ])("%s → 400 naming %s", async (path, parameter) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.parameter).toBe(parameter);
    expect(body.error).toMatch(new RegExp(`^${parameter}: `));
  });
});
