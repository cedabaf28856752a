import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDb } from "./db.ts";
import { dbChecksum, dbCounts, integrity, tmpFile, tmpPath } from "./test/helpers.ts";

const bin = fileURLToPath(new URL("../bin/corridor.mjs", import.meta.url));
const seedDir = fileURLToPath(new URL("../../../data/seed", import.meta.url));

function corridor(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, CORRIDOR_DB: tmpPath("default.db") } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses the seed CSV naively (it has no quoted commas in these columns) for the expected values. */
function seedValues(file: string, origin: string): [string, number][] {
  const [header, ...lines] = readFileSync(`${seedDir}/${file}`, "utf8").trim().split("\n");
  const cols = header!.split(",");
  return lines
    .map((l) => l.split(","))
    .filter((c) => c[cols.indexOf("origin")] === origin)
    .map((c) => [c[cols.indexOf("period")]!, Number(c[cols.indexOf("value")])]);
}

describe("corridor CLI", () => {
  it("seeds the demo data and prints World Bank figures exactly as published", () => {
    const db = tmpPath("seeded.db");
    const seeded = corridor("seed", "--db", db, "--dir", seedDir);
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/wb_remittances_received_usd\.csv: loaded/);
    expect(corridor("seed", "--db", db, "--dir", seedDir).stdout).toMatch(/wb_remittances_received_usd\.csv: already loaded/);

    const out = corridor("series", "--indicator", "BX.TRF.PWKR.CD.DT", "--origin", "TJK", "--json", "--db", db);
    expect(out.status).toBe(0);
    const parsed = JSON.parse(out.stdout);
    expect(parsed.indicator).toEqual({ code: "remittances_received_usd", name: "Personal remittances, received", unit: "current US$" });
    expect(parsed).toMatchObject({ origin: "TJK", destination: "WLD", frequency: "A" });
    const expected = seedValues("wb_remittances_received_usd.csv", "TJK");
    expect(expected.length).toBeGreaterThan(20);
    expect(parsed.points.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual(expected);
  });

  it("says a missing file is missing, as a usage error (exit 2)", () => {
    const missing = tmpPath("not-there.csv");
    const r = corridor("import", missing, "--db", tmpPath("missing.db"));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`corridor: ${missing}: no such file`);
  });

  it("refuses a file with one bad cell: exit 1, the line, and an untouched database", () => {
    const db = tmpPath("bad.db");
    const good = tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2020,1\n");
    expect(corridor("import", good, "--db", db).status).toBe(0);
    const bad = tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2021,2\nentries,TJK,RUS,2022,three\n");
    const r = corridor("import", bad, "--db", db, "--json");
    expect(r.status).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ importId: null, rowsRead: 2, errors: [{ line: 3, column: "value", value: "three" }] });
    const text = corridor("import", bad, "--db", db);
    expect(text.stdout).toContain('line 3, column value, value "three": "three" is not a number');
    const check = openDb(db);
    expect(check.sqlite.prepare("SELECT count(*) AS n FROM observations").get()).toEqual({ n: 1 });
    expect(check.sqlite.prepare("SELECT count(*) AS n FROM imports").get()).toEqual({ n: 1 });
    check.close();
  });

  it("lists and undoes imports", () => {
    const db = tmpPath("undo.db");
    corridor("import", tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2020,1\n"), "--db", db);
    const list = JSON.parse(corridor("imports", "--json", "--db", db).stdout);
    expect(list).toHaveLength(1);
    expect(corridor("undo", String(list[0].id), "--db", db).stdout).toMatch(/undone: 1 observation\(s\) removed/);
    expect(JSON.parse(corridor("imports", "--json", "--db", db).stdout)[0].status).toBe("undone");
    const again = corridor("undo", String(list[0].id), "--db", db);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already undone/);
  });

  it("adds indicators usable by alias", () => {
    const db = tmpPath("ind.db");
    const add = corridor("indicators", "add", "--db", db, "--code", "work_permits_issued", "--name", "Work permits issued", "--unit", "permits", "--kind", "flow", "--counterpart", "RUS", "--alias", "WP");
    expect(add.status).toBe(0);
    const list = JSON.parse(corridor("indicators", "--json", "--db", db).stdout);
    expect(list.find((i: { code: string }) => i.code === "work_permits_issued")).toMatchObject({ aliases: ["WP"], defaultCounterpart: "RUS" });
    expect(corridor("import", tmpFile("country,year,value\nTJK,2021,5\n"), "--indicator", "WP", "--db", db).status).toBe(0);
    const s = JSON.parse(corridor("series", "--indicator", "wp", "--origin", "TJK", "--destination", "RUS", "--json", "--db", db).stdout);
    expect(s.points).toEqual([{ period: "2021", value: 5 }]);
  });

  it("exits 2 on usage errors and 0 on --help", () => {
    expect(corridor("--help").status).toBe(0);
    expect(corridor("import", "--help").stdout).toMatch(/--dry-run/);
    expect(corridor("nonsense").status).toBe(2);
    expect(corridor("series", "--origin", "TJK").status).toBe(2);
    const unknown = corridor("series", "--indicator", "nope", "--origin", "TJK", "--db", tmpPath("u.db"));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown indicator "nope"/);
    expect(corridor("import", tmpFile("a,b\n1,2\n"), "--db", tmpPath("m.db")).status).toBe(2);
  });
});

describe("corridor events", () => {
  // The founding press release, as kept (verbatim) in the body of its seed event.
  const founding = tmpFile(readFileSync(`${seedDir}/events/2021-04-19-russia-tajikistan-migration-talks.md`, "utf8").split(/^---$/m)[2]!, "press-release.txt");

  it("after seeding, lists the 2021 talks for TJK with the press release and the decree they cite", () => {
    const db = tmpPath("events.db");
    expect(corridor("seed", "--db", db, "--dir", seedDir).stdout).toMatch(/events\/: loaded, 18 inserted/);
    const out = corridor("events", "list", "--country", "TJK", "--json", "--db", db);
    expect(out.status).toBe(0);
    const list = JSON.parse(out.stdout) as { id: string; body: string; links: { relation: string; id: string }[]; countries: { code: string }[] }[];
    const talks = list.find((e) => e.id === "2021-04-19-russia-tajikistan-migration-talks")!;
    expect(talks).toMatchObject({ kind: "talks", startsOn: "2021-04-19", endsOn: "2021-04-20", sourceUrl: "https://en.mvd.ru/news/item/23949412/" });
    expect(talks.body).toContain("the Russian-Tajik comprehensive talks on the migration policy");
    expect(talks.links).toMatchObject([{ relation: "cites", id: "decree-274-2020" }]);
    // Decree 274 applies to every foreign national (ALL), so it is on the Tajik corridor too.
    expect(list.map((e) => e.id)).toContain("decree-274-2020");
    expect(list.every((e) => e.countries.some((c) => c.code === "TJK" || c.code === "ALL"))).toBe(true);
    const decree = JSON.parse(corridor("events", "show", "decree-274-2020", "--json", "--db", db).stdout);
    expect(decree.links.filter((l: { direction: string }) => l.direction === "in").map((l: { relation: string; id: string }) => `${l.relation}:${l.id}`).sort()).toEqual([
      "cites:2021-04-19-russia-tajikistan-migration-talks",
      "extends:decree-2020-09-23-extends-274",
      "extends:decree-2021-06-15-stay-to-september",
      "extends:decree-791-2020",
    ]);
    // The seeded Russian text is our translation, and the text output says so.
    expect(decree.texts.ru).toMatchObject({ label: "Указ № 274", translation: { by: "Corridor project", on: "2026-12-02" } });
    const shown = corridor("events", "show", "decree-274-2020", "--db", db).stdout;
    expect(shown).toContain("ru: Указ Президента № 274 о правовом положении иностранных граждан в период COVID-19");
    expect(shown).toContain("(ru: translated by Corridor project on 2026-12-02, not the source's own text)");
    const found = JSON.parse(corridor("events", "list", "--search", "ПЕРЕГОВОРЫ", "--json", "--db", db).stdout) as { id: string }[];
    expect(found.map((e) => e.id)).toEqual(["2021-04-19-russia-tajikistan-migration-talks"]);
  });

  it("suggests the founding event from its press release, linked to Decree No. 274", () => {
    const db = tmpPath("suggest.db");
    corridor("seed", "--db", db, "--dir", seedDir);
    const out = corridor("events", "suggest", "--text-file", founding, "--json", "--db", db);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      startsOn: "2021-04-19", endsOn: "2021-04-20", kind: "talks", countries: ["RUS", "TJK"],
      references: [{ number: "274", date: "2020-04-18", eventId: "decree-274-2020" }],
    });
  });

  it("refuses a bad event file with file:line and exit 1", () => {
    const bad = tmpFile("---\ntitle: X\nkind: summit\nstarts_on: 2021-01-01\ncountries: [RUS]\n---\n", "x.md");
    const r = corridor("events", "import", bad, "--db", tmpPath("bad-events.db"));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${bad}:3: kind: unknown kind "summit"`);
  });
});

describe("corridor import: publication formats", () => {
  const fixture = (name: string) => fileURLToPath(new URL(`./import/fixtures/${name}`, import.meta.url));

  it("imports a World Bank file with no options and reports the aggregates it skipped", () => {
    const r = corridor("import", fixture("API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_fixture.csv"), "--db", tmpPath("wb.db"), "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: "worldbank", encoding: "utf-8", committed: true, skippedAggregates: ["ECS", "LMC", "WLD"] });
  });

  it("refuses a bad file in one line with exit 1", () => {
    const html = tmpFile("<!doctype html><html><body>Service unavailable</body></html>", "export.csv");
    const r = corridor("import", html, "--db", tmpPath("html.db"));
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([`corridor: ${html}:1: this is an HTML page (a saved web page or an error page), not a CSV table; nothing was written`]);
  });

  it("saves a profile and imports next quarter's file with --profile alone", () => {
    const db = tmpPath("profiles.db");
    const first = corridor("import", fixture("mvd_patents_cp1251.csv"), "--db", db, "--indicator", "work_patents_issued", "--destination", "RUS", "--map", "value=Количество патентов", "--save-profile", "mvd-patents", "--json");
    expect(first.status).toBe(0);
    expect(JSON.parse(corridor("profiles", "--json", "--db", db).stdout)).toMatchObject([{ name: "mvd-patents", options: { format: "tidy", indicator: "work_patents_issued" } }]);
    const next = corridor("import", fixture("mvd_patents_cp1251.csv"), "--db", db, "--profile", "mvd-patents", "--json");
    expect(next.status).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ unchanged: 4, inserted: 0 });
    expect(corridor("import", fixture("mvd_patents_cp1251.csv"), "--db", db, "--profile", "nope").status).toBe(2);
  });
});

describe("corridor import: killed midway", () => {
  it("kill -9 during the write: the database exactly as it was (checksum, counts, integrity_check ok), and the next import works", async () => {
    const { spawn } = await import("node:child_process");
    const { existsSync, statSync, writeFileSync } = await import("node:fs");
    const db = tmpPath("killed.db");
    expect(corridor("import", tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2020,1\n"), "--db", db).status).toBe(0);
    // SYNTHETIC rows, enough to take seconds to write.
    const big = tmpPath("big.csv");
    const lines = ["indicator,origin,destination,period,value"];
    const origins = ["UZB", "TJK", "KGZ", "KAZ", "ARM", "AZE", "MDA", "UKR", "BLR", "GEO"];
    for (let m = 0; m < 400_000; m++) {
      const day = new Date(Date.UTC(1900, 0, 1) + Math.floor(m / origins.length) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`entries,${origins[m % origins.length]},RUS,${day},${m}`);
    }
    writeFileSync(big, lines.join("\n") + "\n");
    const before = dbChecksum(db);
    const child = spawn(process.execPath, [bin, "import", big, "--db", db], { stdio: "ignore" });
    // Kill once the transaction is visibly writing: its pages are spilling into the WAL.
    const deadline = Date.now() + 60_000;
    while (!(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 4 * 1024 * 1024)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error("import never got under way or finished too soon");
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // The killed transaction's pages are still in the WAL; opening the file must ignore them.
    expect(dbChecksum(db)).toBe(before);
    const check = openDb(db);
    expect(check.sqlite.prepare("SELECT count(*) AS n FROM observations").get()).toEqual({ n: 1 });
    expect(check.sqlite.prepare("SELECT count(*) AS n FROM imports").get()).toEqual({ n: 1 });
    expect(check.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
    // And the next import works: a small one through the CLI, on the same file.
    const next = corridor("import", tmpFile("indicator,origin,destination,period,value\nentries,UZB,RUS,2020,2\n"), "--db", db, "--json");
    expect(next.status, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ committed: true, inserted: 1 });
    expect(dbCounts(db)).toEqual({ observations: 2, imports: 2, revisions: 0 });
    expect(integrity(db)).toBe("ok");
  }, 180_000);
});

describe("corridor users / tokens / audit", () => {
  function withStdin(input: string, ...args: string[]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, env: { ...process.env, CORRIDOR_DB: tmpPath("default.db") } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("adds a user with a better-auth password hash, refuses short passwords, bad roles and duplicates", async () => {
    const db = tmpPath("users.db");
    expect(withStdin("short\n", "users", "add", "--email", "ada@example.org", "--role", "admin", "--db", db)).toMatchObject({ status: 2, stderr: expect.stringContaining("at least 10 characters") });
    expect(withStdin("long-enough-secret\n", "users", "add", "--email", "ada@example.org", "--role", "boss", "--db", db)).toMatchObject({ status: 2, stderr: expect.stringContaining("--role boss") });
    const added = withStdin("long-enough-secret\n", "users", "add", "--email", "Ada@Example.org", "--role", "admin", "--name", "Ada", "--db", db);
    expect(added).toMatchObject({ status: 0, stdout: "added ada@example.org (admin)\n" });
    expect(withStdin("long-enough-secret\n", "users", "add", "--email", "ada@example.org", "--role", "viewer", "--db", db)).toMatchObject({ status: 2, stderr: expect.stringContaining("already exists") });
    const users = JSON.parse(corridor("users", "list", "--json", "--db", db).stdout);
    expect(users).toMatchObject([{ email: "ada@example.org", name: "Ada", role: "admin" }]);
    expect(corridor("users", "set-role", "--email", "ada@example.org", "--role", "analyst", "--db", db)).toMatchObject({ status: 0, stdout: "ada@example.org is now analyst\n" });

    const check = openDb(db);
    const row = check.sqlite.prepare("SELECT password FROM account WHERE provider_id = 'credential'").get() as { password: string };
    expect(row.password).not.toContain("long-enough-secret");
    const { verifyPassword } = await import("better-auth/crypto");
    expect(await verifyPassword({ hash: row.password, password: "long-enough-secret" })).toBe(true);
    expect(() => check.sqlite.prepare("UPDATE user SET role = 'root'").run()).toThrow(/CHECK constraint/);
    check.close();
  });

  it("prints a token once, stores only its hash, revokes it, and audits all of it", () => {
    const db = tmpPath("tokens.db");
    const made = corridor("tokens", "create", "--name", "nightly", "--role", "analyst", "--json", "--db", db);
    expect(made.status).toBe(0);
    const token = JSON.parse(made.stdout);
    expect(token).toMatchObject({ id: 1, name: "nightly", role: "analyst", revokedAt: null });
    expect(token.token).toMatch(/^cor_[A-Za-z0-9_-]{43}$/);
    const listed = corridor("tokens", "list", "--json", "--db", db).stdout;
    expect(listed).not.toContain(token.token);
    expect(JSON.parse(listed)[0]).not.toHaveProperty("tokenHash");
    const check = openDb(db);
    const stored = JSON.stringify(check.sqlite.prepare("SELECT * FROM api_tokens").all());
    expect(stored).not.toContain(token.token);
    check.close();
    expect(corridor("tokens", "revoke", "x", "--db", db).status).toBe(2);
    expect(corridor("tokens", "revoke", "9", "--db", db)).toMatchObject({ status: 2, stderr: expect.stringContaining("no token with id 9") });
    expect(corridor("tokens", "revoke", "1", "--db", db).status).toBe(0);
    expect(JSON.parse(corridor("tokens", "list", "--json", "--db", db).stdout)[0].revokedAt).toMatch(/^20/);
    const log = JSON.parse(corridor("audit", "--json", "--limit", "5", "--db", db).stdout);
    expect(log.map((r: { action: string }) => r.action)).toEqual(["token.revoke", "token.create"]);
    expect(log[1]).toMatchObject({ target: "token:nightly", detail: { id: 1, role: "analyst" } });
  });
});

describe("corridor events impact --method its", () => {
  // statsmodels' figures for a SYNTHETIC monthly series (src/stats/its-reference.json, made by test/its-reference.py).
  const reference = JSON.parse(readFileSync(new URL("./stats/its-reference.json", import.meta.url), "utf8")) as {
    cases: { name: string; input: { rows: { period: string; value: number }[]; t0: number }; expected: Record<string, { estimate: number; se: number; low: number; high: number }> }[];
  };
  const monthly = reference.cases.find((c) => c.name.startsWith("monthly"))!;

  function database(): string {
    const db = tmpPath("its.db");
    const rows = monthly.input.rows.map((r) => `work_patents_issued,TJK,RUS,${r.period},${r.value}`);
    // The event's own month (t0 = 60: 2015-01) is the transition: give it a value the model must leave out.
    rows.push("work_patents_issued,TJK,RUS,2015-01,999999");
    expect(corridor("import", tmpFile(`indicator,origin,destination,period,value\n${rows.join("\n")}\n`), "--db", db).status).toBe(0);
    const events = "id,title,kind,starts_on,countries\nrule,A new rule,law,2015-01-15,RUS;TJK\nother,Another event,decree,2017-03-01,RUS\n";
    expect(corridor("events", "import", tmpFile(events, "events.csv"), "--db", db).status).toBe(0);
    return db;
  }

  it("prints statsmodels' OLS-with-HAC figures to 1e-6, the confounders and the counterfactual", () => {
    const db = database();
    const out = corridor("events", "impact", "rule", "--indicator", "work_patents_issued", "--origin", "TJK", "--destination", "RUS", "--method", "its", "--window", "60", "--json", "--db", db);
    expect(out.stderr).toBe("");
    const { its } = JSON.parse(out.stdout);
    expect(its).toMatchObject({ status: "ok", n: 119, lags: 4, eventPeriod: "2015-01", from: "2010-01", to: "2019-12", confounders: ["other"] });
    for (const key of ["levelChange", "slopeChange"])
      for (const part of ["estimate", "se", "low", "high"] as const) {
        const expected = monthly.expected[key]![part];
        expect(Math.abs(its[key][part] - expected), `${key}.${part}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
      }
    expect(its.counterfactual).toHaveLength(59);
    expect(Object.keys(its.counterfactual[0]).sort()).toEqual(["counterfactual", "fitted", "high", "low", "period"]);
    expect(typeof its.relativeEffect).toBe("number");

    const text = corridor("events", "impact", "rule", "--indicator", "work_patents_issued", "--origin", "TJK", "--destination", "RUS", "--method", "its", "--window", "60", "--db", db);
    expect(text.stdout).toMatch(/interrupted time series, 2010-01…2019-12 \(n = 119, 4 Newey–West lags\):\n {4}a drop of [\d.,]+–[\d.,]+ patents a month at the event \(95 % interval\)/);
    expect(text.stdout).toMatch(/1 other event of this corridor falls in the window: what changed cannot be credited to this event alone: other/);
  });

  it("says 'not enough data' with the missing periods, and refuses control options without --method its", () => {
    const db = database();
    const annual = corridor("events", "impact", "rule", "--indicator", "work_patents_issued", "--origin", "TJK", "--destination", "RUS", "--method", "its", "--frequency", "A", "--db", db);
    expect(annual.status).toBe(0);
    expect(annual.stdout).toMatch(/interrupted time series: not enough data — .*; the window has 5 before and 4 after; missing 2009$/m);
    const misuse = corridor("events", "impact", "rule", "--indicator", "work_patents_issued", "--origin", "TJK", "--control-origin", "UZB", "--db", db);
    expect(misuse.status).toBe(2);
    expect(misuse.stderr).toMatch(/--control-origin and --control-destination go with --method its/);
  });
});
