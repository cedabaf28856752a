/** The export renderer in plain Node, on synthetic data (test values, not published figures). */
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { PNG } from "pngjs";
import type { ChartData } from "@corridor/data";
import { renderSeriesSvg } from "./series-svg";
import { syntheticChartData, syntheticEvent } from "./test-data";
import { textWidth } from "./text-measure";
import { strFromU8, unzipSync } from "fflate";
import { chartCsv, chartJson, chartZip, compareCsv, compareMetadata, compareZip } from "./series-data";
import { renderCompareSvg } from "./compare-svg";
import svgToPng from "../../render-worker.mjs";

const event = (id: string, kind: string, startsOn: string, title: string, endsOn: string | null = null) => syntheticEvent(id, kind, startsOn, title, { endsOn });

const DATA: ChartData = {
  ...syntheticChartData(2018, [100, 120, 40, 90, 150]),
  events: [
    event("t1", "talks", "2021-04-19", "Talks one", "2021-04-20"),
    event("d1", "decree", "2020-03-18", "Decree with <script>alert(1)</script>"),
    event("d2", "decree", "2020-04-01", "Decree two"),
    { ...event("l1", "law", "2022-01-01", '=HYPERLINK("x") law'), verification: "unverified", verificationNote: "date from memory" },
  ],
};

/** The SVG's time scale, read off two year ticks: date → x. */
function xScale(svg: string): (iso: string) => number {
  const ticks = new Map([...svg.matchAll(/<tspan x="([\d.]+)" dy="0.71em">(\d{4})<\/tspan>/g)].map(([, x, y]) => [Number(y), Number(x)]));
  const [y0, y1] = [...ticks.keys()].slice(0, 2) as [number, number];
  const [t0, t1] = [Date.UTC(y0, 0, 1), Date.UTC(y1, 0, 1)];
  return (iso) => ticks.get(y0)! + ((Date.parse(`${iso}T00:00:00Z`) - t0) / (t1 - t0)) * (ticks.get(y1)! - ticks.get(y0)!);
}

describe("renderSeriesSvg", () => {
  const svg = renderSeriesSvg(DATA, { width: 800, height: 600, theme: "light", provenance: "test provenance" });

  it("draws the series, a numbered marker per event (close ones clustered) and a note per event", () => {
    expect(svg).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="600"/);
    expect(svg).toMatch(/class="recharts-curve recharts-line-curve"[^>]*d="M/);
    expect((svg.match(/class="recharts-dot recharts-line-dot"/g) ?? []).length).toBe(5);
    // Numbered lane by lane in time order: talks 1; decrees 2, 3 (clustered: two weeks apart); law 4.
    expect(svg).toMatch(/data-event-ids="t1"[^]*?>1<\/text>/);
    expect(svg).toMatch(/data-event-ids="d1 d2"[^]*?>2–3<\/text>/);
    expect(svg).toContain(">1. 19 Apr 2021 – 20 Apr 2021 · Talks: Talks one (doc t1)</text>");
    expect(svg).toContain(">4. 1 Jan 2022 · Laws (unverified): =HYPERLINK(&quot;x&quot;) law (doc l1) — date from memory</text>");
    // Publisher, release and licence, said even when the source states none.
    expect(svg).toContain(">Source: Synthetic test source · release: not stated · licence: not stated. Events: Corridor event register.</text>");
    expect(svg).toContain(">test provenance</text>");
    // One mark per event: the two-day talks a band, the three one-day events lines.
    expect((svg.match(/class="recharts-layer recharts-reference-area event-mark"/g) ?? []).length).toBe(1);
    expect((svg.match(/class="recharts-layer recharts-reference-line event-mark[^"]*"/g) ?? []).length).toBe(3);
  });

  it("draws an unverified event differently and says so: dash-dot line, hollow marker, '(unverified)' label, legend entry", () => {
    const mark = (id: string) => new RegExp(`reference-line (event-mark[^"]*)"><line[^>]*x="${Date.parse(DATA.events.find((e) => e.id === id)!.startsOn)}"[^>]*stroke-dasharray="([^"]*)"`).exec(svg)!;
    expect(mark("l1").slice(1)).toEqual(["event-mark event-unverified", "8 3 2 3"]);
    expect(mark("d2").slice(1)).toEqual(["event-mark", "4 3"]);
    expect(svg).toMatch(
      /<g class="event-marker event-unverified" data-event-ids="l1"><title>[^<]*\(unverified — date from memory\)<\/title><circle[^>]*fill="#ffffff"[^>]*stroke="#CC79A7"[^>]*stroke-dasharray="3 2"/,
    );
    expect(svg).toMatch(/<g class="event-marker" data-event-ids="t1"><title>[^<]*<\/title><circle[^>]*fill="#009E73"/);
    expect(svg).toContain("law (unverified)</text>");
    expect(svg).toContain('data-legend="unverified event (hollow marker)"');
    // Nothing is drawn with an uncertain date here: no legend entry for it.
    expect(svg).not.toContain("uncertain date");
  });

  it("draws an uncertain end date faded and dotted, and says so in the notes and the legend; a bound is said in the notes", () => {
    const data: ChartData = {
      series: { ...DATA.series, points: DATA.series.points.map((p, i) => (i === 3 ? { ...p, bound: "lower" as const } : p)) },
      events: [{ ...event("d274", "decree", "2020-04-18", "Decree No. 274", "2020-06-15"), uncertainDates: ["end"] }, event("t1", "talks", "2021-04-19", "Talks one", "2021-04-20")],
    };
    const out = renderSeriesSvg(data, { width: 800, height: 600, theme: "dark" });
    const x = xScale(out);
    // The decree's band fills with the fading gradient; the talks' band is plain.
    expect(out).toMatch(/reference-area event-mark event-uncertain-end"><path[^>]*fill="url\(#cr-fade-end-decree\)"/);
    expect(out).toMatch(/<linearGradient id="cr-fade-end-decree"[^]*?stop-opacity="0.08"/);
    expect(out).toMatch(/reference-area event-mark"><path[^>]*fill="#009E73"/);
    // Its end edge, at 16 June 2020 (the day after the last), is dotted and faint; its start edge solid.
    const edge = (side: string) =>
      new RegExp(
        `event-edge event-edge-${side}[^"]*"><line[^>]*x="${Date.UTC(2020, side === "start" ? 3 : 5, side === "start" ? 18 : 16)}"[^>]*stroke-dasharray="([^"]*)"[^>]*stroke-opacity="([\\d.]+)"[^>]*x1="([\\d.]+)"`,
      ).exec(out)!;
    expect(edge("end").slice(1, 3)).toEqual(["1.5 3", "0.55"]);
    expect(Math.abs(Number(edge("end")[3]) - x("2020-06-16"))).toBeLessThan(0.5);
    expect(edge("start").slice(1, 3)).toEqual(["", "0.9"]);
    expect(out).toContain("· Decrees (end date uncertain): Decree No. 274");
    expect(out).toContain('data-legend="uncertain date (faded end)"');
    expect(out).not.toContain("unverified event");
    expect(out).toContain("Bounds: &gt; = a lower bound (published as “more than”) (2021).");
    expect(out).toContain("2021: &gt; 90 people");
  });

  it("draws the talks once, at x(2021-04-19): a band to 20 April, its lane marker on the same x, no period band", () => {
    const at = xScale(svg);
    const marks = [...svg.matchAll(/event-mark"><path x="([\d.]+)"[^>]*width="([\d.]+)"[^>]*x1="(\d+)"/g)];
    expect(marks).toHaveLength(1);
    const [, x, width, t] = marks[0]!;
    expect(Number(t)).toBe(Date.UTC(2021, 3, 19));
    expect(Number(x)).toBeCloseTo(at("2021-04-19"), 1);
    expect(Number(x) + Number(width)).toBeCloseTo(at("2021-04-21"), 1);
    const marker = /data-event-ids="t1"><title>[^<]*<\/title><circle cx="([\d.]+)"/.exec(svg)!;
    expect(Number(marker[1])).toBeCloseTo(Number(x), 6);
    // Nothing at 1 January or mid-2021 (where the annual point sits), and no band over the year.
    expect(svg).not.toContain("event-period");
    const lines = [...svg.matchAll(/reference-line event-mark[^"]*"><line[^>]*x1="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(lines).toHaveLength(3);
    for (const lx of [...lines, Number(x)]) for (const wrong of ["2021-01-01", "2021-07-02"]) expect(Math.abs(lx - at(wrong))).toBeGreaterThan(5);
  });

  it("labels key events on the plot without overlapping labels", () => {
    const boxes = [...svg.matchAll(/data-label-for="([^"]+)"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map(([, id, x, y, w]) => ({ id, x: Number(x), y: Number(y), w: Number(w) }));
    // Talks, both decrees and the law are key by kind.
    expect(boxes.map((b) => b.id).sort()).toEqual(["d1", "d2", "l1", "t1"]);
    for (const a of boxes) for (const b of boxes) if (a !== b && a.y === b.y) expect(a.x + a.w <= b.x || b.x + b.w <= a.x).toBe(true);
    const labelled = renderSeriesSvg(
      { ...DATA, events: DATA.events.map((e) => (e.id === "t1" ? { ...e, label: "Founding talks" } : e.id === "d2" ? { ...e, key: false } : e)) },
      { width: 800, height: 600, theme: "light" },
    );
    expect(labelled).toMatch(/data-label-for="t1">[^]*?>Founding talks<\/text>/);
    expect(labelled).not.toContain('data-label-for="d2"');
  });

  it("writes the value axis in the indicator's unit: currency symbol and scale word, same digits on every tick", () => {
    const usd = { ...DATA, series: { ...DATA.series, indicator: { ...DATA.series.indicator, unit: "current US$" }, points: DATA.series.points.map((p) => ({ ...p, value: p.value * 1e8 })) } };
    const ticks = [...renderSeriesSvg(usd, { width: 800, height: 600, theme: "light" }).matchAll(/axis-tick-value"[^>]*><tspan[^>]*>([^<]+)</g)].map((m) => m[1]);
    // Values 4–15 bn: ticks such as "US$ 5 bn"; never a bare "8B".
    expect(ticks).toEqual(expect.arrayContaining(["US$ 0", "US$ 5 bn", "US$ 10 bn", "US$ 15 bn"]));
    expect(ticks.some((t) => /^\d+(\.\d+)?B$/.test(t!))).toBe(false);
  });

  it("says in the notes what each flag means and which events are unverified", () => {
    // DATA's law l1 is unverified, its date "from memory".
    const flagged = { ...DATA, series: { ...DATA.series, points: DATA.series.points.map((p) => (p.period === "2021" ? { ...p, flag: "a" } : p)) } };
    const out = renderSeriesSvg(flagged, { width: 800, theme: "light" });
    expect(out).toContain("Flags: a = approximate: the publication rounds (2021).");
    expect(out).toContain("Laws (unverified): =HYPERLINK");
    expect(svg).not.toContain("Flags:");
  });

  it("escapes event text: a script tag in a title is text, not markup", () => {
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("Decree with &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("leaves hidden kinds out everywhere, and picks the theme's colours", () => {
    const dark = renderSeriesSvg(DATA, { width: 800, height: 600, theme: "dark", hiddenKinds: ["decree"] });
    expect(dark).not.toContain('data-event-ids="d1');
    expect(dark).not.toContain("Decree two");
    expect(dark).toContain('fill="#0b1120"');
    expect(svg).toContain('fill="#ffffff"');
  });

  it("grows to fit every note when no height is given", () => {
    const auto = renderSeriesSvg(DATA, { width: 800, theme: "light" });
    const height = Number(/height="(\d+)"/.exec(auto)![1]);
    expect(height).toBeGreaterThan(400);
    expect(auto).toContain(">4. 1 Jan 2022");
  });

  it("rasterises to a PNG of the SVG's size times the scale", () => {
    const png = PNG.sync.read(svgToPng({ svg, scale: 2 }));
    expect([png.width, png.height]).toEqual([1600, 1200]);
  });
});

describe("any data shape renders", () => {
  const shape = (points: { period: string; start: string; end: string; value: number }[], frequency: "A" | "D" | null, events = DATA.events) =>
    renderSeriesSvg({ series: { ...DATA.series, frequency, points: points.map((p) => ({ ...p, source: "S" })) }, events }, { width: 800, height: 600, theme: "light" });
  const dots = (svg: string) =>
    [...svg.matchAll(/class="recharts-dot recharts-line-dot"[^>]*cx="([\d.]+)"|cx="([\d.]+)"[^>]*class="recharts-dot recharts-line-dot"/g)].map((m) => Number(m[1] ?? m[2]));
  const plotEdges = (svg: string) => {
    const clip = /<clipPath id="export-chart-clip"><rect x="([\d.]+)" y="[\d.]+" height="[\d.]+" width="([\d.]+)"/.exec(svg)!;
    return [Number(clip[1]), Number(clip[1]) + Number(clip[2])] as const;
  };
  const day = (d: string, value: number) => ({ period: d, start: d, end: d, value });

  it("one daily value: a dot in the middle of the plot, not on the y-axis, and no band over the plot", () => {
    const svg = shape([day("2021-04-16", 49_000)], "D", []);
    const [left, right] = plotEdges(svg);
    const [x] = dots(svg);
    expect(x).toBeCloseTo((left + right) / 2, 0);
    expect(svg).not.toContain("reference-area");
  });

  it("one daily value with the talks three days later: the talks stay a narrow band", () => {
    const svg = shape([day("2021-04-16", 49_000)], "D", [DATA.events[0]!]);
    const [left, right] = plotEdges(svg);
    const width = Number(/event-mark"><path x="[\d.]+"[^>]*width="([\d.]+)"/.exec(svg)![1]);
    expect(width).toBeLessThan((right - left) / 50);
  });

  it("two values, daily snapshots and a series that ends before every event: every dot inside the plot", () => {
    for (const svg of [
      shape([day("2021-04-16", 1), day("2021-04-17", 2)], "D"),
      shape([day("2021-04-01", 1), day("2021-04-08", 2), day("2021-04-15", 3)], "D"),
      shape(
        [2010, 2011].map((y) => ({ period: String(y), start: `${y}-01-01`, end: `${y}-12-31`, value: y - 2000 })),
        "A",
      ),
    ]) {
      const [left, right] = plotEdges(svg);
      const xs = dots(svg);
      expect(xs.length).toBeGreaterThan(1);
      for (const x of xs) expect(x > left && x < right).toBe(true);
    }
  });

  it("no values at all: still a chart, with its events", () => {
    const svg = shape([], null);
    expect(svg).toContain("<svg");
    expect(dots(svg)).toEqual([]);
    expect(svg).toContain('data-event-ids="t1"');
  });
});

describe("chart data downloads", () => {
  it("CSV: one table, a row per point, with the byte-order mark for Excel", () => {
    const csv = chartCsv(DATA);
    expect(csv.startsWith("\uFEFFindicator,")).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[0]!.slice(5, 13)).toEqual(["period", "period_start", "period_end", "value", "bound", "flag", "flag_meaning", "source"]);
    expect(rows.slice(1).map((r) => [r[5], r[8], r[9], r[12]])).toEqual(DATA.series.points.map((p) => [p.period, String(p.value), "", "Synthetic test source"]));
    // One table: every row as wide as the header.
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]!.length]));
  });

  it("JSON: the same points and notes", () => {
    const json = JSON.parse(chartJson(DATA, { hidden: [], provenance: "p" }));
    expect(json.points).toHaveLength(5);
    expect(json.notes.map((n: { number: number; id: string }) => [n.number, n.id])).toEqual([
      [1, "t1"],
      [2, "d1"],
      [3, "d2"],
      [4, "l1"],
    ]);
    expect(json.notes[3]).toMatchObject({ verification: "unverified", verificationNote: "date from memory" });
    expect(json.title).toBe("Entries (synthetic): Tajikistan → Russian Federation (people, annual)");
  });
});

describe("sources in the image footer", () => {
  it("names publisher, release, licence and address, one line per publisher however many reports quote it", () => {
    const points = [
      { period: "2016", start: "2016-01-01", end: "2016-12-31", value: 1, source: "Bank of Russia, quoted by: https://a.example/1" },
      { period: "2017", start: "2017-01-01", end: "2017-12-31", value: 2, source: "Bank of Russia, quoted by: https://b.example/2" },
      { period: "2018", start: "2018-01-01", end: "2018-12-31", value: 3, source: "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT (Last Updated Date 2025-07-01)" },
    ];
    const svg = renderSeriesSvg({ series: { ...DATA.series, points }, events: [] }, { width: 1600, theme: "light" });
    const footer = [...svg.matchAll(/<text[^>]*class="cr-muted"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
    expect(footer).toContain("Source: Bank of Russia, as quoted by news reports · release: not stated · licence: not stated · https://a.example/1 · https://b.example/2;");
    expect(footer).toContain(
      "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT · release: Last Updated Date 2025-07-01 · licence: CC BY 4.0 · https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
    );
  });
});

describe("the related-events layer", () => {
  // The 2015 EAEU accession on a Tajik chart: Kyrgyzstan and Russia's, not this corridor's.
  const accession = {
    ...event("eaeu", "agreement", "2021-08-12", "Kyrgyzstan joins the EAEU"),
    countries: [
      { code: "KGZ", role: "party" },
      { code: "RUS", role: "party" },
    ],
    related: true,
  } as unknown as ChartData["events"][number];
  const data: ChartData = { ...DATA, events: [DATA.events[0]!, accession] };

  it("draws a related event outlined and muted, says what it concerns, and names the layer in the legend", () => {
    const svg = renderSeriesSvg(data, { width: 900, theme: "light" });
    expect(svg).toContain(`data-legend="Related events (other corridors)"`);
    // Its lane marker is a dashed ring, the corridor's own talks a filled disc.
    const marker = (id: string) => new RegExp(`data-event-ids="${id}"[^]*?<circle[^>]*>`).exec(svg)![0];
    expect(marker("eaeu")).toMatch(/stroke-dasharray="3 2"/);
    expect(marker("t1")).not.toMatch(/stroke-dasharray/);
    expect(svg).toContain("related event: concerns Kyrgyzstan and Russian Federation");
    expect(svg).toMatch(/class="[^"]*related-mark/);
    // Context, not a key event: no direct label for it.
    expect(svg).not.toContain('data-label-for="eaeu"');
    expect(renderSeriesSvg(DATA, { width: 900, theme: "light" })).not.toContain("Related events");
  });

  it("carries the layer into events.csv and the JSON notes", () => {
    const files = unzipSync(chartZip(data, { hidden: [], provenance: "p", view: "/?related=1" }));
    const notes = Papa.parse<string[]>(
      strFromU8(files["events.csv"]!)
        .replace(/^\uFEFF/, "")
        .trim(),
    ).data;
    expect(notes[0]!.at(-1)).toBe("related");
    const title = notes[0]!.indexOf("title");
    expect(notes.find((n) => n[title] === "Kyrgyzstan joins the EAEU")!.at(-1)).toBe("concerns Kyrgyzstan and Russian Federation");
    expect(notes.find((n) => n[title] === DATA.events[0]!.title)!.at(-1)).toBe("");
    const json = JSON.parse(chartJson(data, { hidden: [], provenance: "p" }));
    expect(json.notes.find((n: { id: string }) => n.id === "eaeu").related).toBe("concerns Kyrgyzstan and Russian Federation");
  });
});

describe("downloads with lang=ru", () => {
  it("words the README, the metadata's title and the JSON's title in Russian; columns, codes and ISO periods stay as they are", () => {
    const files = unzipSync(chartZip(DATA, { hidden: [], provenance: "Corridor · данные на 2026-11-28 · x", view: "/ru?origin=TJK", lang: "ru" }));
    const readme = strFromU8(files["README.txt"]!);
    expect(readme).toContain("Загружено из Corridor. Файлы:");
    expect(readme).toMatch(/data\.csv \(строк: \d+\)/);
    expect(readme).toContain("Источники: ");
    expect(readme).toContain("Представление: /ru?origin=TJK");
    expect(readme).toContain("Как открыть таблицы:");
    expect(readme).not.toMatch(/Downloaded from|Sources: |Reading the tables/);
    const metadata = JSON.parse(strFromU8(files["metadata.json"]!));
    expect(metadata.title).toMatch(/[А-Яа-яЁё]/);
    // Machine-stable: the same keys and column names as in English.
    const en = JSON.parse(strFromU8(unzipSync(chartZip(DATA, { hidden: [], provenance: "p", view: "/" }))["metadata.json"]!));
    expect(Object.keys(metadata)).toEqual(Object.keys(en));
    expect(metadata.files["data.csv"].columns.map((c: { name: string }) => c.name)).toEqual(en.files["data.csv"].columns.map((c: { name: string }) => c.name));
    expect(strFromU8(files["data.csv"]!)).toBe(strFromU8(unzipSync(chartZip(DATA, { hidden: [], provenance: "p", view: "/" }))["data.csv"]!));
    expect(JSON.parse(chartJson(DATA, { hidden: [], provenance: "p", lang: "ru" })).title).toBe(metadata.title);
  });
});

describe("renderCompareSvg", () => {
  const line = (key: string, label: string, values: number[]) => ({
    key,
    label,
    points: values.map((value, i) => ({ period: String(2018 + i), start: `${2018 + i}-01-01`, end: `${2018 + i}-12-31`, value })),
  });
  const data = {
    indicator: { code: "entries", name: "Entries (synthetic)", unit: "people" },
    unit: "people",
    lines: [line("TJK-RUS", "Tajikistan → Russia", [1, 2, 3]), line("UZB-RUS", "Uzbekistan → Russia", [3, 2, 1])],
    notes: ["Kyrgyzstan → Russia: no data for this indicator."],
    sources: ["Synthetic test source"],
  };
  const view = { indicator: "entries", series: ["TJK-RUS", "UZB-RUS"], frequency: null, from: null, to: null, chart: "line" as const, log: false, index: null };

  it("draws one series per corridor with its legend entry, the notes and the sources", () => {
    const svg = renderCompareSvg(data, view, { width: 700, theme: "light" });
    expect((svg.match(/class="recharts-curve recharts-line-curve"/g) ?? []).length).toBe(2);
    expect(svg).toContain('data-legend="Tajikistan → Russia"');
    expect(svg).toContain('data-legend="Uzbekistan → Russia"');
    expect(svg).toContain(">Kyrgyzstan → Russia: no data for this indicator.</text>");
    expect(svg).toContain(">Source: Synthetic test source · release: not stated · licence: not stated.</text>");
    expect(svg).toContain("Entries (synthetic): Tajikistan → Russia, Uzbekistan → Russia");
  });

  it("with lang=ru: the title, legend, subtitle, notes on other frequencies, source line and numbers are Russian", () => {
    const notShown = [{ frequency: "Q" as const, count: 4, first: "2023-Q1", last: "2023-Q4", sentence: "4 quarterly values not shown (2023-Q1 to 2023-Q4)" }];
    const svg = renderCompareSvg({ ...data, notShown, frequency: "A" }, view, { width: 700, theme: "light", lang: "ru" });
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" | ");
    expect(svg).toContain('data-legend="Таджикистан → Россия"');
    expect(svg).toContain('data-legend="Узбекистан → Россия"');
    expect(text).toMatch(/Таджикистан → Россия, Узбекистан → Россия/);
    expect(text).toContain("годовые данные (как опубликовано), 2018–2020");
    expect(text).toContain("Не показано 4 значения (квартальные; 2023-Q1–2023-Q4).");
    expect(text).toContain("Источник: Synthetic test source");
    for (const english of ["Tajikistan", "as published", "Source:", "quarterly", "release:", "licence:"]) expect(text, english).not.toContain(english);
    // A corridor left out is said in Russian from the structured `left`; without it (an old snapshot) the English stands.
    const left = [
      { key: "KGZ-RUS", why: "no-values" as const, frequency: "Q" as const, elsewhere: true },
      { key: "ARM-RUS", why: "no-index" as const, index: "2015" },
    ];
    const leftSvg = renderCompareSvg({ ...data, left }, view, { width: 700, theme: "light", lang: "ru" });
    expect(leftSvg).toContain(">Кыргызстан → Россия: квартальные данные отсутствуют по этому показателю (другие — ниже).</text>");
    expect(leftSvg).toContain("Армения → Россия: нет значения за 2015, от которого считается индекс; коридор не показан.");
    expect(leftSvg).not.toContain("Kyrgyzstan");
    expect(renderCompareSvg({ ...data, unit: "index, 2015 = 100" }, { ...view, index: "2015" }, { width: 700, theme: "light", lang: "ru" })).toContain(
      ">индекс, 2015 = 100, как опубликовано, 2018–2020</text>",
    );
    expect(renderCompareSvg({ ...data, left }, view, { width: 700, theme: "light" })).toContain(">Kyrgyzstan → Russia: no data for this indicator.</text>");
    // Four or more corridors are counted in the title, by Russian plural rules.
    const many = ["TJK-RUS", "UZB-RUS", "KGZ-RUS", "ARM-RUS", "AZE-RUS"].map((k) => line(k, k, [1]));
    expect(renderCompareSvg({ ...data, lines: many }, { ...view, series: many.map((l) => l.key) }, { width: 700, theme: "light", lang: "ru" })).toContain("сравнение 5 коридоров");
  });

  it("draws bars and areas when asked", () => {
    expect((renderCompareSvg(data, { ...view, chart: "bar" }, { width: 700, theme: "light" }).match(/class="recharts-rectangle"/g) ?? []).length).toBe(6);
    expect((renderCompareSvg(data, { ...view, chart: "area" }, { width: 700, theme: "light" }).match(/recharts-area-area/g) ?? []).length).toBe(2);
  });

  it("a single-date indicator (8 corridors on one day): a bar per corridor, and line dots mid-plot, not on the y-axis", () => {
    const d = "2021-04-16";
    const lines = ["AZE", "KGZ", "MDA", "TJK", "UKR", "UZB", "ARM", "KAZ"].map((c, i) => ({ key: `${c}-RUS`, label: c, points: [{ period: d, start: d, end: d, value: 1000 * (i + 1) }] }));
    const single = { ...data, lines, notes: [] };
    const bars = renderCompareSvg(single, { ...view, series: lines.map((l) => l.key), chart: "bar" }, { width: 700, theme: "light" });
    const widths = [...bars.matchAll(/class="recharts-rectangle"[^>]*?width="([\d.]+)"|width="([\d.]+)"[^>]*?class="recharts-rectangle"/g)].map((m) => Number(m[1] ?? m[2]));
    expect(widths).toHaveLength(8);
    for (const w of widths) expect(w).toBeGreaterThan(2);
    const line = renderCompareSvg(single, { ...view, series: lines.map((l) => l.key) }, { width: 700, theme: "light" });
    const clip = /<clipPath id="export-compare-clip"><rect x="([\d.]+)" y="[\d.]+" height="[\d.]+" width="([\d.]+)"/.exec(line)!;
    const [left, right] = [Number(clip[1]), Number(clip[1]) + Number(clip[2])];
    const xs = [...line.matchAll(/class="recharts-dot recharts-line-dot"[^>]*cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(8);
    for (const x of xs) expect(x).toBeCloseTo((left + right) / 2, 0);
  });

  it("says which values at other frequencies it leaves out, in the image and the download's metadata and README", () => {
    const notShown = [{ frequency: "Q" as const, count: 4, first: "2023-Q1", last: "2023-Q4", sentence: "4 quarterly values not shown (2023-Q1 to 2023-Q4)" }];
    expect(renderCompareSvg({ ...data, notShown }, view, { width: 700, theme: "light" })).toContain(">4 quarterly values not shown (2023-Q1 to 2023-Q4).</text>");
    const options = { provenance: "p", view: "/explorer", title: "t", subtitle: "s" };
    expect(compareMetadata({ ...data, notShown }, options).notShown).toEqual(["4 quarterly values not shown (2023-Q1 to 2023-Q4)"]);
    expect(strFromU8(unzipSync(compareZip({ ...data, notShown }, options))["README.txt"]!)).toContain("4 quarterly values not shown (2023-Q1 to 2023-Q4)");
  });

  it("CSV: one table, one row per period, one column per corridor", () => {
    const csv = compareCsv(data);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([
      ["period", "Tajikistan → Russia", "Uzbekistan → Russia"],
      ["2018", "1", "3"],
      ["2019", "2", "2"],
      ["2020", "3", "1"],
    ]);
  });
});

describe("year ticks at a phone's width", () => {
  // Twenty-three years, as the remittance series: at 360 px a label per year cannot fit.
  const long: ChartData = {
    ...DATA,
    events: [],
    series: {
      ...DATA.series,
      points: Array.from({ length: 23 }, (_, i) => ({ period: String(2002 + i), start: `${2002 + i}-01-01`, end: `${2002 + i}-12-31`, value: 100 + i, source: "Synthetic test source" })),
    },
  };
  for (const width of [320, 360, 480, 960]) {
    it(`leave a gap between every two year labels at ${width} px`, () => {
      const svg = renderSeriesSvg(long, { width, theme: "light" });
      const ticks = [...svg.matchAll(/<text[^>]*font-size="?([\d.]+)?[^>]*class="recharts-text recharts-cartesian-axis-tick-value"[^>]*><tspan x="([\d.]+)" dy="0.71em">(\d{4})<\/tspan>/g)].map(
        ([, size, x, label]) => ({ x: Number(x), label: label!, half: textWidth(label!, Number(size ?? 12)) / 2 }),
      );
      expect(ticks.length).toBeGreaterThanOrEqual(width < 400 ? 2 : 4);
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x - ticks[i]!.half, `${ticks[i - 1]!.label}|${ticks[i]!.label}`).toBeGreaterThan(ticks[i - 1]!.x + ticks[i - 1]!.half + 4);
    });
  }
});
