/**
 * problems.ts through the real import: each refusal a person meets on upload comes with its stable
 * code and parameters beside the English sentence (which stays the CLI's), so a web page can word it
 * in its own language. SYNTHETIC files.
 */
import { describe, expect, it } from "vitest";
import { CorridorError } from "../errors.ts";
import { importFile } from "./index.ts";
import { isProblemCode, problem, PROBLEM_CODES } from "./problems.ts";
import { memoryDb, tmpFile } from "../test/helpers.ts";

const HEADER = "indicator,origin,destination,period,value,bound,source\n";
const row = (c: Partial<Record<"indicator" | "origin" | "destination" | "period" | "value" | "bound" | "source", string>>) =>
  [c.indicator ?? "entries", c.origin ?? "TJK", c.destination ?? "RUS", c.period ?? "2021", c.value ?? "1", c.bound ?? "", c.source ?? ""].join(",") + "\n";

/** The error importFile throws for `content`, as the client receives it. */
async function refusal(content: string | Buffer, options = {}): Promise<Record<string, unknown>> {
  const error = await importFile(memoryDb(), tmpFile(content), options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!CorridorError.is(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.body();
}

describe("problem", () => {
  it("words a code and its parameters in English, the same sentence the CLI prints", () => {
    expect(problem("duplicate", { first: 3 })).toEqual({ code: "duplicate", params: { first: 3 }, message: "the same observation appears twice in this file (first on line 3)" });
    expect(problem("missing_roles", { roles: "period,corridor", header: "a, b" }).message).toBe(
      "cannot map columns: missing period; the origin or destination (no column maps to either, none was given, and no country column). Header: a, b. Map a column to each missing role, or give the value for every row.",
    );
    expect(PROBLEM_CODES).toContain("not_a_number");
    expect(isProblemCode("not_a_number")).toBe(true);
    expect(isProblemCode("toString")).toBe(false);
  });
});

describe("importFile's coded refusals", () => {
  it("a whole file refused: empty, binary, no data rows, a missing role, a wrong encoding", async () => {
    expect(await refusal("")).toMatchObject({ error: "the file is empty (0 bytes)", line: 1, problem: { code: "file_empty", params: {} } });
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]))).toMatchObject({ line: 1, problem: { code: "binary" } });
    expect(await refusal(HEADER)).toMatchObject({ line: 1, problem: { code: "no_data_rows", params: { line: 1 } } });
    expect(await refusal("indicator,origin,destination,year,wert\nentries,TJK,RUS,2021,1\n")).toMatchObject({
      problem: { code: "missing_roles", params: { roles: "value", header: "indicator, origin, destination, year, wert" } },
    });
    expect(await refusal(HEADER + row({}), { map: { value: "Значение" } })).toMatchObject({ problem: { code: "no_such_column", params: { role: "value", column: "Значение" } } });
    // "Таджикистан" in windows-1251, declared UTF-8.
    const cp1251 = Buffer.concat([Buffer.from(HEADER), Buffer.from("entries,"), Buffer.from([0xd2, 0xe0, 0xe4, 0xe6]), Buffer.from(",RUS,2021,1,,\n")]);
    expect(await refusal(cp1251, { encoding: "utf-8" })).toMatchObject({ line: 2, problem: { code: "wrong_encoding", params: { offset: 63, byte: "d2", guess: expect.any(String) } } });
  });

  it("bad cells: each with its line, column, value and code", async () => {
    const file = tmpFile(
      HEADER +
        row({ value: "12x" }) +
        row({ value: '"1,5"' }) +
        row({ origin: "Tajikstan" }) +
        row({ origin: "Atlantis" }) +
        row({ indicator: "visas" }) +
        row({ period: "2021-13" }) +
        row({ bound: "more" }) +
        row({ source: "=HYPERLINK(1)" }) +
        "entries,TJK,RUS,2022\n",
    );
    const s = await importFile(memoryDb(), file, { decimal: "." });
    const got = s.errors.map((e) => ({ line: e.line, column: e.column, value: e.value, code: e.problem?.code, params: e.problem?.params }));
    expect(got).toEqual([
      { line: 2, column: "value", value: "12x", code: "not_a_number", params: { value: "12x" } },
      { line: 3, column: "value", value: "1,5", code: "decimal_comma", params: { value: "1,5" } },
      { line: 4, column: "origin", value: "Tajikstan", code: "unknown_country_guess", params: { value: "Tajikstan", code: "TJK", name: "tajikistan" } },
      { line: 5, column: "origin", value: "Atlantis", code: "unknown_country", params: { value: "Atlantis" } },
      { line: 6, column: "indicator", value: "visas", code: "unknown_indicator", params: { value: "visas", known: expect.stringContaining("entries") } },
      { line: 7, column: "period", value: "2021-13", code: "bad_period", params: { value: "2021-13", reason: "month 13 is not 1–12" } },
      { line: 8, column: "bound", value: "more", code: "bad_bound", params: { value: "more" } },
      { line: 9, column: "source", value: "=HYPERLINK(1)", code: "formula", params: {} },
      { line: 10, column: "", value: "entries,TJK,RUS,2022", code: "column_count", params: { expected: 7, found: 4 } },
    ]);
    // The English stays what the CLI always printed.
    expect(s.errors[0]!.message).toBe('"12x" is not a number');
    expect(s.errors[4]!.message).toMatch(/^unknown indicator "visas" \(known: .*; add one with `corridor indicators add`\)$/);
  });

  it("a repeated observation names the line it first appeared on", async () => {
    const s = await importFile(memoryDb(), tmpFile(HEADER + row({}) + row({ value: "2" })), { dryRun: true });
    expect(s.errors).toEqual([expect.objectContaining({ line: 3, problem: { code: "duplicate", params: { first: 2 } } })]);
  });
});
