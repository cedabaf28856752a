import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server.ts";

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

  it("GET /api/series: only the corridor's own events; related=1 adds other corridors' naming its countries, marked related", async () => {
    type Ev = { id: string; related?: boolean };
    const uzb = await (await get("/api/series?indicator=work_patents_issued&origin=UZB&destination=RUS&from=2014&to=2025")).json();
    const own = uzb.events.map((e: Ev) => e.id);
    expect(own).toEqual(expect.arrayContaining(["decree-274-2020", "patent-regime-2015", "gorovoy-cis-ipa-2021"]));
    for (const id of ["2021-04-19-russia-tajikistan-migration-talks", "recruitment-protocol-2025", "crocus-city-hall-attack-2024", "kyrgyzstan-eaeu-accession-2015"]) expect(own).not.toContain(id);
    expect(uzb.events.some((e: Ev) => "related" in e)).toBe(false);

    const withRelated = await (await get("/api/series?indicator=work_patents_issued&origin=UZB&destination=RUS&from=2014&to=2025&related=1")).json();
    const related = withRelated.events.filter((e: Ev) => e.related === true).map((e: Ev) => e.id);
    expect(related).toEqual(expect.arrayContaining(["2021-04-19-russia-tajikistan-migration-talks", "recruitment-protocol-2025", "crocus-city-hall-attack-2024", "kyrgyzstan-eaeu-accession-2015"]));
    expect(withRelated.events.filter((e: Ev) => !e.related).map((e: Ev) => e.id)).toEqual(own);

    const tjk = await (await get("/api/series?indicator=work_patents_issued&origin=TJK&destination=RUS&from=2014&to=2025")).json();
    const tjkIds = tjk.events.map((e: Ev) => e.id);
    expect(tjkIds).toContain("decree-274-2020");
    expect(tjkIds).toContain("2021-04-19-russia-tajikistan-migration-talks");
    expect(tjkIds).not.toContain("kyrgyzstan-eaeu-accession-2015");
    expect((await get("/api/series?indicator=work_patents_issued&origin=UZB&destination=RUS&related=maybe")).status).toBe(400);
  });

  it("GET /api/series: otherFrequencies says what the view does not show (Tajikistan's Bank of Russia quarters beside the years)", async () => {
    const annual = await (await get("/api/series?indicator=transfers_from_russia_usd_mn&origin=TJK&destination=RUS")).json();
    expect(annual.frequency).toBe("A");
    expect(annual.points.map((p: { period: string }) => p.period)).toEqual(["2013", "2014", "2015", "2016", "2017"]);
    expect(annual.otherFrequencies).toEqual([{ frequency: "Q", count: 2 }]);
    const quarterly = await (await get("/api/series?indicator=transfers_from_russia_usd_mn&origin=TJK&destination=RUS&frequency=Q")).json();
    expect(quarterly.points.map((p: { period: string }) => p.period)).toEqual(["2017-Q3", "2018-Q3"]);
    expect(quarterly.otherFrequencies).toEqual([{ frequency: "A", count: 5 }]);
  });

  it("GET /api/series.csv: one table, UTF-8 with a byte-order mark, each row with its flag in words and its source", async () => {
    const r = await get("/api/series.csv?indicator=work_patents_issued&origin=TJK&destination=RUS");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("indicator,indicator_name,unit,origin,destination,period,period_start,period_end,value,bound,flag,flag_meaning,source,partial");
    expect(lines[1]).toMatch(/^work_patents_issued,[^,]+,[^,]+,TJK,RUS,2021,2021-01-01,2021-12-31,787000,,a,approximate: the publication rounds,MVD Russia: https:\/\/sputniknews\.uz/);
    // A source with commas is quoted, so pandas still reads it as one table (below, and in downloads.test.ts).
    const stay = await (await get("/api/series.csv?indicator=irregular_stay_stock&origin=TJK&destination=RUS")).text();
    expect(stay.split("\r\n")[1]).toMatch(/,2021-04-16,2021-04-16,2021-04-16,247000,,a,approximate: the publication rounds,"MVD Russia \(A\. Gorovoy slide, CIS IPA\): https:/);
  });

  it("the served CSVs and ZIP read with a real pandas.read_csv (issue 18.6)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corridor-pandas-"));
    const view = "indicator=remittances_received_usd&origin=TJK";
    const save = async (path: string, name: string) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      writeFileSync(join(dir, name), Buffer.from(await res.arrayBuffer()));
      return res;
    };
    await save(`/api/series.csv?${view}`, "series.csv");
    await save(`/api/charts/series.csv?${view}&download=1`, "chart.csv");
    const zip = await save(`/api/charts/series.zip?${view}&download=1`, "chart.zip");
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toBe('attachment; filename="remittances_received_usd_TJK-WLD.zip"');
    await save(`/api/charts/compare.zip?series=KGZ-WLD,TJK-WLD&from=2015`, "compare.zip");
    const script = `
import json, sys, zipfile
import pandas as pd
d = sys.argv[1]
series = pd.read_csv(d + "/series.csv")
chart = pd.read_csv(d + "/chart.csv")
z = zipfile.ZipFile(d + "/chart.zip")
data = pd.read_csv(z.open("data.csv"))
events = pd.read_csv(z.open("events.csv"))
meta = json.load(z.open("metadata.json"))
c = zipfile.ZipFile(d + "/compare.zip")
compare = pd.read_csv(c.open("data.csv"))
print(json.dumps({
  "same": series.equals(chart) and chart.equals(data),
  "rows": len(chart), "first": chart.columns[0], "origins": sorted(set(chart["origin"])),
  "sourced": bool(chart["source"].notna().all()),
  "events": events["event_id"].tolist(), "view": meta["view"], "names": sorted(z.namelist()),
  "compare": list(compare.columns), "compareRows": len(compare),
}))`;
    const r = spawnSync("/usr/bin/python3", ["-c", script, dir], { encoding: "utf8" });
    expect(r.error ?? r.stderr).toBeFalsy();
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ same: true, first: "indicator", origins: ["TJK"], sourced: true, names: ["README.txt", "data.csv", "events.csv", "metadata.json"], view: "/" });
    expect(out.rows).toBeGreaterThan(10);
    expect(out.events).toContain("2021-04-19-russia-tajikistan-migration-talks");
    expect(out.compare).toEqual(["period", "Kyrgyzstan → World (all partners)", "Tajikistan → World (all partners)"]);
    expect(out.compareRows).toBeGreaterThan(5);
  });

  it("GET /api/events, /api/indicators, /api/corridors", async () => {
    const events = await (await get("/api/events?country=KGZ&kind=agreement")).json();
    expect(events.map((e: { id: string }) => e.id)).toEqual(["kyrgyzstan-eaeu-accession-2015"]);
    const indicators = await (await get("/api/indicators")).json();
    expect(indicators.find((i: { code: string }) => i.code === "remittances_received_usd").aliases).toEqual(["BX.TRF.PWKR.CD.DT"]);
    const corridors = await (await get("/api/corridors")).json();
    expect(corridors.some((c: { origin: string; destination: string }) => c.origin === "TJK" && c.destination === "RUS")).toBe(true);
  });

  it("GET /api/corridors is kept per data version: an ETag, a 304 for it, a new ETag and list after an import", async () => {
    const first = await get("/api/corridors");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"corridors-/);
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=60/);
    const revalidated = await fetch(`${server.url}/api/corridors`, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    const dir = mkdtempSync(join(tmpdir(), "corridors-"));
    writeFileSync(join(dir, "new.csv"), "indicator,origin,destination,period,value\nentries,AFG,KAZ,2031,7\n");
    corridorCli(server.dbPath, ["import", join(dir, "new.csv")]);
    const after = await fetch(`${server.url}/api/corridors`, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await after.json()).some((c: { origin: string; destination: string }) => c.origin === "AFG" && c.destination === "KAZ")).toBe(true);
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
