import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { toCsv } from "./csv-writer.ts";

describe("toCsv", () => {
  it("quotes per RFC 4180 and round-trips through a parser", () => {
    const csv = toCsv(["a", "b"], [["x, y", 'say "hi"'], ["line\nbreak", null]]);
    expect(csv).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",\r\n');
    expect(Papa.parse(csv.trim(), { header: true }).data).toEqual([{ a: "x, y", b: 'say "hi"' }, { a: "line\nbreak", b: "" }]);
  });

  it("neutralises text a spreadsheet would run as a formula, but not numbers", () => {
    const csv = toCsv(["cell"], [["=HYPERLINK(\"http://evil\")"], ["+1+1"], ["-2+3"], ["@SUM(A1)"], [-5], [1e-7], ["plain"]]);
    const cells = csv.trim().split("\r\n").slice(1);
    expect(cells).toEqual(['"\'=HYPERLINK(""http://evil"")"', '"\'+1+1"', '"\'-2+3"', '"\'@SUM(A1)"', "-5", "1e-7", "plain"]);
  });
});
