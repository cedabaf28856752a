/** describeSource() on the source texts the seed and the importers write. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { describeSource, licenceWords, mergeSources, releaseWords, sourceLine } from "./sources.ts";

describe("describeSource", () => {
  it("reads the World Bank's release and licence, and points at the indicator's page", () => {
    const wb = describeSource("World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT (Last Updated Date 2025-07-01)");
    expect(wb).toEqual({
      text: "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT (Last Updated Date 2025-07-01)",
      publisher: "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT",
      release: "Last Updated Date 2025-07-01",
      quotedBy: null,
      addresses: ["https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT"],
      licence: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" },
    });
    expect(sourceLine(wb)).toBe(
      "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT · release: Last Updated Date 2025-07-01 · licence: CC BY 4.0 · https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
    );
    // The bulk-CSV importer's wording (no indicator code): release and licence, no invented address.
    expect(describeSource("World Bank, World Development Indicators (Last Updated Date 2022-02-15)")).toMatchObject({ release: "Last Updated Date 2022-02-15", addresses: [], licence: { name: "CC BY 4.0" } });
  });

  it("says a figure quoted by the press is quoted, with no release or licence invented", () => {
    const cbr = describeSource("Bank of Russia, quoted by: https://adamashek.livejournal.com/867540.html ; https://eurasia.expert/x");
    expect(cbr).toMatchObject({ publisher: "Bank of Russia", release: null, quotedBy: "news reports", licence: null, addresses: ["https://adamashek.livejournal.com/867540.html", "https://eurasia.expert/x"] });
    expect(releaseWords(cbr)).toBe("not stated (figures as quoted by news reports)");
    expect(licenceWords(cbr)).toBe("not stated (facts reported by the press)");
    // In Russian: our words translated, the publisher's own name kept as published.
    expect(releaseWords(cbr, "ru")).toBe("не указан (цифры по сообщениям СМИ)");
    expect(licenceWords(cbr, "ru")).toBe("не указана (факты из сообщений прессы)");
    expect(sourceLine(cbr, "ru")).toBe("Bank of Russia, по сообщениям СМИ · выпуск: не указан · лицензия: не указана · https://adamashek.livejournal.com/867540.html · https://eurasia.expert/x");
    expect(describeSource("MVD Russia (via TASS): https://example.org/a")).toMatchObject({ publisher: "MVD Russia", quotedBy: "TASS" });
    expect(describeSource("MVD Russia: https://eadaily.com/x")).toMatchObject({ publisher: "MVD Russia", quotedBy: "news reports" });
    expect(describeSource("MVD Russia (A. Gorovoy slide, CIS IPA): https://turan.az/x")).toMatchObject({ publisher: "MVD Russia (A. Gorovoy slide, CIS IPA)", quotedBy: "news reports" });
    // On the publisher's own site it is the publisher's release, not a report.
    expect(describeSource("Bank of Russia: https://www.cbr.ru/statistics/").quotedBy).toBeNull();
    expect(describeSource("Eurostat, MIGR_RESFIRST (last update 2026-05-22)")).toMatchObject({ publisher: "Eurostat, MIGR_RESFIRST", release: "last update 2026-05-22", licence: null });
  });

  it("words every source in the seed with a publisher, and no licence the publisher does not state", () => {
    const root = new URL("../../../data/seed/", import.meta.url);
    for (const file of ["wb_remittances_received_usd.csv", "wb_remittances_pct_gdp.csv", "mvd_migration_counts.csv", "cbr_transfers_from_russia.csv"]) {
      const rows = Papa.parse<{ source: string }>(readFileSync(fileURLToPath(new URL(file, root)), "utf8"), { header: true, skipEmptyLines: true }).data;
      for (const { source } of rows) {
        const info = describeSource(source);
        expect(info.publisher).toMatch(/^(World Bank, World Development Indicators, BX\.TRF\.PWKR\.(CD\.DT|DT\.GD\.ZS)|Bank of Russia|MVD Russia( \(A\. Gorovoy slide, CIS IPA\))?)$/);
        expect(info.addresses.length).toBeGreaterThan(0);
        expect(info.licence === null).toBe(!file.startsWith("wb_"));
      }
    }
  });

  it("merges sources that differ only in the report quoting them", () => {
    const merged = mergeSources(["Bank of Russia, quoted by: https://a.example/1", "Bank of Russia, quoted by: https://b.example/2 ; https://a.example/1", "World Bank, World Development Indicators, X.Y (Last Updated Date 2025-07-01)"].map(describeSource));
    expect(merged.map((m) => [m.publisher, m.addresses])).toEqual([
      ["Bank of Russia", ["https://a.example/1", "https://b.example/2"]],
      ["World Bank, World Development Indicators, X.Y", ["https://data.worldbank.org/indicator/X.Y"]],
    ]);
  });
});
