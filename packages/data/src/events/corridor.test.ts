import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { CorridorDb } from "../db.ts";
import { memoryDb, onEngine } from "../test/helpers.ts";
import { concernsCorridor } from "./corridor.ts";
import { events, importEvents } from "./store.ts";

const seedEvents = fileURLToPath(new URL("../../../../data/seed/events", import.meta.url));
const c = (spec: string) => ({ countries: spec.split(";").map((s) => ({ code: s.split(":")[0]!, role: s.split(":")[1] ?? "party" })) });

describe("concernsCorridor", () => {
  it("puts a destination-wide act on every corridor into the destination, not on its emigrants'", () => {
    const decree274 = c("RUS;ALL:affected");
    expect(["TJK", "UZB", "KGZ"].every((origin) => concernsCorridor(decree274, origin, "RUS"))).toBe(true);
    expect(concernsCorridor(decree274, "RUS", "DEU")).toBe(false);
    expect(concernsCorridor(decree274, "TJK", "KAZ")).toBe(false);
  });
  it("puts a one-country event on every corridor touching that country", () => {
    const rubleCrash = c("RUS");
    expect(concernsCorridor(rubleCrash, "UZB", "RUS")).toBe(true);
    expect(concernsCorridor(rubleCrash, "RUS", "KAZ")).toBe(true);
    expect(concernsCorridor(rubleCrash, "UZB", "KAZ")).toBe(false);
  });
  it("keeps a bilateral act off other corridors into the same destination", () => {
    const talks = c("RUS;TJK");
    expect(concernsCorridor(talks, "TJK", "RUS")).toBe(true);
    expect(concernsCorridor(talks, "UZB", "RUS")).toBe(false);
    expect(concernsCorridor(c("KGZ;RUS"), "TJK", "RUS")).toBe(false);
    // Named as affected by the destination's act: the patent regime is on each named corridor only.
    const patents = c("RUS;TJK:affected;UZB:affected;KGZ:affected");
    expect(concernsCorridor(patents, "UZB", "RUS")).toBe(true);
    expect(concernsCorridor(patents, "KAZ", "RUS")).toBe(false);
    // Two countries only affected by a third's act: Russia's mobilisation is no UZB → KAZ event.
    expect(concernsCorridor(c("RUS;UZB:affected;KAZ:affected"), "UZB", "KAZ")).toBe(false);
  });
  it("reads WLD as every partner", () => {
    expect(concernsCorridor(c("RUS;TJK"), "TJK", "WLD")).toBe(true);
    expect(concernsCorridor(c("RUS;ALL:affected"), "TJK", "WLD")).toBe(true);
    expect(concernsCorridor(c("KGZ;RUS"), "TJK", "WLD")).toBe(false);
    // A country's own rules on foreigners are about its inflows, not its emigrants' earnings abroad.
    expect(concernsCorridor(c("TJK;ALL:affected"), "TJK", "WLD")).toBe(false);
    expect(concernsCorridor(c("KGZ;RUS"), "WLD", "RUS")).toBe(true);
  });
});

describe("events({ corridor }) on the seed events", () => {
  let db: CorridorDb;
  beforeAll(async () => {
    const sqlite = memoryDb();
    const summary = await importEvents(sqlite, readdirSync(seedEvents).map((f) => `${seedEvents}/${f}`));
    expect(summary.errors).toEqual([]);
    db = await onEngine(sqlite);
  });
  const ids = async (origin: string, destination: string, related = false) =>
    (await events(db, { corridor: { origin, destination, related } })).map((e) => (e.related ? `related:${e.id}` : e.id));

  it("gives Uzbekistan → Russia its own events, not Tajikistan's talks, protocol or the Crocus attack", async () => {
    const uzb = await ids("UZB", "RUS");
    expect(uzb).toContain("decree-274-2020");
    expect(uzb).toContain("patent-regime-2015");
    expect(uzb).toContain("ruble-crash-2014");
    for (const id of ["2021-04-19-russia-tajikistan-migration-talks", "recruitment-protocol-2025", "crocus-city-hall-attack-2024", "kyrgyzstan-eaeu-accession-2015"]) expect(uzb).not.toContain(id);
  });
  it("gives Tajikistan → Russia its talks and agreements, not Kyrgyzstan's EAEU accession", async () => {
    const tjk = await ids("TJK", "RUS");
    expect(tjk).toEqual(expect.arrayContaining(["decree-274-2020", "2021-04-19-russia-tajikistan-migration-talks", "recruitment-protocol-2025", "crocus-city-hall-attack-2024"]));
    expect(tjk).not.toContain("kyrgyzstan-eaeu-accession-2015");
  });
  it("adds other corridors' events naming its countries only on request, marked related", async () => {
    const withRelated = await ids("UZB", "RUS", true);
    expect(withRelated).toContain("decree-274-2020");
    expect(withRelated).toContain("related:2021-04-19-russia-tajikistan-migration-talks");
    expect(withRelated).toContain("related:kyrgyzstan-eaeu-accession-2015");
    expect(withRelated.filter((id) => !id.startsWith("related:"))).toEqual(await ids("UZB", "RUS"));
  });
  it("on a flow from all partners (UZB → WLD, the dashboard chart's series and its exports) the layer holds the other corridors' events too", async () => {
    const withRelated = await ids("UZB", "WLD", true);
    expect(withRelated).toContain("related:2021-04-19-russia-tajikistan-migration-talks");
    expect(withRelated).toContain("related:kyrgyzstan-eaeu-accession-2015");
    expect(withRelated.filter((id) => !id.startsWith("related:"))).toEqual(await ids("UZB", "WLD"));
  });
});
