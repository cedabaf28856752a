import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildPreview, columnRoles, columnType, detectEncoding, detectFormat, parseRows } from "./preview";

// The data package's own import fixtures: the preview must read them as the import does.
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../../packages/data/src/import/fixtures/${name}`, import.meta.url))));
const preview = (name: string, options = {}) => {
  const bytes = fixture(name);
  return buildPreview(bytes, bytes.length, options);
};

describe("detectEncoding", () => {
  it("reads a byte-order mark, UTF-16 without one, valid UTF-8, and Cyrillic bytes as windows-1251", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ encoding: "utf-8", bomLength: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: "utf-16le", bomLength: 2 });
    expect(detectEncoding(new Uint8Array([0x61, 0, 0x62, 0, 0x63, 0, 0x0a, 0]))).toMatchObject({ encoding: "utf-16le", bomLength: 0 });
    expect(detectEncoding(new TextEncoder().encode("Страна;Период\n"))).toMatchObject({ encoding: "utf-8", bomLength: 0 });
    expect(detectEncoding(fixture("mvd_patents_cp1251.csv")).encoding).toBe("windows-1251");
  });
  it("takes a chosen encoding as given, skipping its own BOM only", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf]), "utf-8")).toMatchObject({ encoding: "utf-8", bomLength: 3, reason: "chosen" });
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf]), "windows-1251")).toMatchObject({ bomLength: 0 });
  });
});

describe("parseRows", () => {
  it("numbers rows by physical line, counting newlines inside quoted fields", () => {
    expect(parseRows("a;b\nx;1\nz;2").delimiter).toBe(";");
    const { rows } = parseRows('a;b\n"x\ny";1\nz;2\n', ";");
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});

describe("detectFormat", () => {
  it("tells the four formats apart from content", () => {
    expect(preview("mvd_patents_cp1251.csv").format).toBe("tidy");
    expect(preview("patents_wide_utf8.tsv").format).toBe("wide");
    expect(preview("MIGR_RESFIRST_fixture.sdmx.csv").format).toBe("sdmx");
    const wb = preview("API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_fixture.csv");
    expect(wb.format).toBe("worldbank");
    expect(wb.headerLine).toBe(5);
  });
  it("says what a World Bank metadata file is", () => {
    expect(preview("Metadata_Country_fixture.csv").refused).toMatch(/Metadata_Country/);
  });
  it("honours a requested format", () => {
    expect(detectFormat([{ line: 1, fields: ["a", "b"] }], "wide").format).toBe("wide");
  });
});

describe("buildPreview", () => {
  it("reads the windows-1251 ministry table: semicolons, decimal comma, Russian header roles", () => {
    const p = preview("mvd_patents_cp1251.csv");
    expect(p.encoding.encoding).toBe("windows-1251");
    expect(p.delimiter).toBe(";");
    expect(p.decimal).toBe(",");
    expect(p.header).toEqual(["Страна", "Период", "Количество патентов"]);
    expect(p.columns.map((c) => [c.role, c.type])).toEqual([
      ["country", "country"],
      ["period", "period"],
      [null, "number"],
    ]);
    expect(p.rows[1]).toEqual({ line: 2, fields: ["Республика Таджикистан", "I квартал 2022", "241\u00a0302"] });
    // Value and indicator are missing until the analyst maps them, as the import would say.
    expect(p.mappingProblem).toMatch(/indicator.*value/);
  });
  it("follows the mapping: a column mapped to value, constants for indicator", () => {
    const p = preview("mvd_patents_cp1251.csv", { map: { value: "Количество патентов" }, indicator: "work_patents_issued", destination: "RUS" });
    expect(p.columns[2]!.role).toBe("value");
    expect(p.mappingProblem).toBeNull();
  });
  it("decodes UTF-16 LE with its BOM", () => {
    const p = preview("entries_utf16le.csv");
    expect(p.encoding).toMatchObject({ encoding: "utf-16le", bomLength: 2 });
    expect(p.header[0]).toBe("indicator");
    expect(p.columns.map((c) => c.role)).toEqual(["indicator", "origin", "destination", "period", "value"]);
  });
  it("marks a wide table's period columns and its country column, moved by countryRole", () => {
    const p = preview("patents_wide_utf8.tsv", { countryRole: "origin" });
    expect(p.delimiter).toBe("\t");
    expect(p.columns.map((c) => c.role)).toEqual(["origin", "period-column", "period-column", "period-column"]);
  });
  it("cuts a partial sample at a line break", () => {
    const bytes = new TextEncoder().encode("indicator,origin,period,value\nentries,TJK,2021,1\nentries,UZB,2021,2\n");
    const p = buildPreview(bytes.subarray(0, 40), bytes.length);
    expect(p.partial).toBe(true);
    expect(p.rows).toHaveLength(1);
  });
});

describe("columnRoles", () => {
  it("reads SDMX dimensions as the import does", () => {
    const header = ["DATAFLOW", "LAST UPDATE", "freq", "reason", "citizen", "unit", "geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"];
    expect(columnRoles("sdmx", header)).toEqual(["indicator", null, null, "breakdown", "origin", null, "destination", "period", "value", "flag"]);
  });
  it("places World Bank country codes by the chosen side", () => {
    expect(columnRoles("worldbank", ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2020"], { countryRole: "origin" })).toEqual([
      null,
      "origin",
      null,
      "indicator",
      "period-column",
    ]);
  });
});

describe("columnType", () => {
  it("knows numbers, years, periods, countries and text", () => {
    expect(columnType(["1 020,5", "..", "21,1"], ",")).toBe("number");
    expect(columnType(["2020", "2021"], ".")).toBe("period");
    expect(columnType(["I квартал 2022", "2021 год"], ".")).toBe("period");
    expect(columnType(["Таджикистан", "Kyrgyzstan", "UZB"], ".")).toBe("country");
    expect(columnType(["work permits", "entries"], ".")).toBe("text");
    expect(columnType(["", " "], ".")).toBe("empty");
  });
});
