import { describe, expect, it } from "vitest";
import { applySuggestion, diffVersions, pickPreview, versionHistory, draftMarker, emptyForm, errorsByField, formFromEvent, formToRecord, type StoredEvent } from "./event-form";

const DECREE: StoredEvent = {
  id: "decree-274-2020",
  title: "Decree 274",
  kind: "decree",
  startsOn: "2020-04-01",
  endsOn: "2020-06-30",
  datePrecision: "month",
  announcedOn: "2020-04-18",
  inForceOn: null,
  expiresOn: null,
  countries: [
    { code: "RUS", role: "party" },
    { code: "ALL", role: "affected" },
  ],
  documentRef: "Decree No. 274",
  sourceUrl: null,
  summary: "",
  body: "Text",
  tags: ["covid-19", "stay"],
  verification: "verified",
  verificationNote: null,
  links: [
    { relation: "extends", id: "older", direction: "out" },
    { relation: "extends", id: "decree-791-2020", direction: "in" },
  ],
};

describe("form ⇄ record", () => {
  it("shows month-precision dates as written and keeps only outgoing links", () => {
    const form = formFromEvent(DECREE);
    expect(form).toMatchObject({ starts_on: "2020-04", ends_on: "2020-06", date_precision: "", tags: "covid-19, stay", links: [{ relation: "extends", to: "older" }] });
    expect(formToRecord(form)).toEqual({
      id: "decree-274-2020",
      title: "Decree 274",
      kind: "decree",
      starts_on: "2020-04",
      ends_on: "2020-06",
      date_precision: "",
      // A stored event without the field (an old snapshot): both dates sure.
      uncertain_dates: "",
      announced_on: "2020-04-18",
      in_force_on: "",
      expires_on: "",
      countries: "RUS:party; ALL:affected",
      document_ref: "Decree No. 274",
      source_url: "",
      summary: "",
      tags: "covid-19; stay",
      verification: "verified",
      verification_note: "",
      // A stored event without the chart-label fields follows its kind's default.
      key: "",
      label: "",
      relates: "extends:older",
      body: "Text",
      // An old snapshot has no Russian text and no translation marker.
      title_ru: "",
      summary_ru: "",
      label_ru: "",
      body_ru: "",
      translated_by: "",
      translated_on: "",
      translated_by_ru: "",
      translated_on_ru: "",
    });
  });

  it("reads each language from getEvent's texts (its title is a view) and sends both with their translation markers", () => {
    // A Russian-only event: getEvent's `title` shows the Russian, which must not land in the English field.
    const ruOnly: StoredEvent = {
      ...DECREE,
      title: "Указ № 274",
      body: "",
      texts: { ru: { title: "Указ № 274", summary: "Кратко", label: "Указ 274", body: "Текст", translation: { by: "ana@example.org", on: "2026-12-02" } } },
    };
    const form = formFromEvent(ruOnly);
    expect(form).toMatchObject({
      title: "",
      body: "",
      title_ru: "Указ № 274",
      summary_ru: "Кратко",
      label_ru: "Указ 274",
      body_ru: "Текст",
      translated_by_ru: "ana@example.org",
      translated_on_ru: "2026-12-02",
    });
    expect(formToRecord(form)).toMatchObject({ title: "", title_ru: "Указ № 274", body_ru: "Текст", translated_by_ru: "ana@example.org", translated_on_ru: "2026-12-02", translated_by: "" });
    expect(draftMarker(form)!.title).toBe("Указ № 274");
  });

  it("lists a changed translation in the history, in the same words for a snapshot and for getEvent's texts", () => {
    const snapshot: StoredEvent = { ...DECREE, titleRu: "Указ", translatedByRu: null };
    const current: StoredEvent = {
      ...DECREE,
      texts: {
        en: { title: "Decree 274", summary: "", label: null, body: "Text", translation: null },
        ru: { title: "Указ № 274", summary: "", label: null, body: "", translation: { by: "ana", on: null } },
      },
    };
    expect(diffVersions(snapshot, current)).toEqual([
      { field: "Russian title", before: "Указ", after: "Указ № 274" },
      { field: "Russian translated by", before: "", after: "ana" },
    ]);
  });

  it("carries the chart label choice both ways", () => {
    const form = formFromEvent({ ...DECREE, key: false, label: "Decree 274" });
    expect(form).toMatchObject({ key: "false", label: "Decree 274" });
    expect(formToRecord({ ...form, key: "true", label: " Founding talks " })).toMatchObject({ key: "true", label: "Founding talks" });
  });

  it("keeps a day that is not the start of its unit and says the precision explicitly", () => {
    const form = formFromEvent({ ...DECREE, startsOn: "2020-04-18", endsOn: null, datePrecision: "year", links: [] });
    expect(form).toMatchObject({ starts_on: "2020-04-18", ends_on: "", date_precision: "year" });
    expect(formFromEvent({ ...DECREE, startsOn: "2015-01-01", endsOn: "2015-12-31", datePrecision: "year" })).toMatchObject({ starts_on: "2015", ends_on: "2015" });
  });

  it("leaves the id out of a new event's record and drops empty countries and links", () => {
    const record = formToRecord({
      ...emptyForm(),
      title: " Talks ",
      countries: [
        { code: "", role: "party" },
        { code: "TJK", role: "party" },
      ],
      links: [{ relation: "cites", to: " " }],
      tags: " a ,, b; c",
    });
    expect(record).not.toHaveProperty("id");
    expect(record).toMatchObject({ title: "Talks", countries: "TJK:party", relates: "", tags: "a; b; c" });
  });
});

describe("applySuggestion", () => {
  it("fills the Russian title and body from a Russian press release, leaving the English alone", () => {
    const text = "19-20 апреля 2021 года состоялись российско-таджикские переговоры.";
    const form = applySuggestion(
      { ...emptyForm(), title: "Mine" },
      { language: "ru", title: "Российско-таджикские переговоры", kind: "talks", startsOn: "2021-04-19", endsOn: "2021-04-20", countries: ["RUS", "TJK"], references: [] },
      text,
    );
    expect(form).toMatchObject({ title: "Mine", body: "", title_ru: "Российско-таджикские переговоры", body_ru: text, starts_on: "2021-04-19", ends_on: "2021-04-20" });
    // Pasted text is the source's own wording: not marked as a translation.
    expect(form.translated_by_ru).toBe("");
  });

  it("prefills title, kind, dates, countries, cited events and the body from the press release", () => {
    const text = "On April 19-20, 2021 … Decree No. 274 …";
    const form = applySuggestion(
      { ...emptyForm(), links: [{ relation: "extends", to: "x" }] },
      {
        title: "Russian-Tajik talks",
        kind: "talks",
        startsOn: "2021-04-19",
        endsOn: "2021-04-20",
        countries: ["RUS", "TJK"],
        references: [{ text: "Decree No. 274", eventId: "decree-274-2020" }, { text: "Decree No. 9" }],
      },
      text,
    );
    expect(form).toMatchObject({
      title: "Russian-Tajik talks",
      kind: "talks",
      starts_on: "2021-04-19",
      ends_on: "2021-04-20",
      body: text,
      countries: [
        { code: "RUS", role: "party" },
        { code: "TJK", role: "party" },
      ],
      links: [
        { relation: "extends", to: "x" },
        { relation: "cites", to: "decree-274-2020" },
      ],
    });
    // A one-day suggestion clears the end; a body already written is kept.
    expect(
      applySuggestion({ ...emptyForm(), ends_on: "2021-05-01", body: "Mine" }, { title: "", kind: "x", startsOn: "2021-04-19", endsOn: "2021-04-19", countries: [], references: [] }, text),
    ).toMatchObject({ kind: "talks", ends_on: "", body: "Mine" });
  });
});

describe("draftMarker and errorsByField", () => {
  it("turns the draft into a chart event once its start parses", () => {
    expect(draftMarker(emptyForm())).toBeNull();
    expect(draftMarker({ ...emptyForm(), title: "T", starts_on: "2021-04", ends_on: "2021-06" })).toEqual({
      id: "draft",
      title: "T",
      kind: "talks",
      startsOn: "2021-04-01",
      endsOn: "2021-06-30",
      datePrecision: "month",
      documentRef: null,
      verification: "unverified",
      verificationNote: null,
      uncertainDates: [],
    });
    expect(draftMarker({ ...emptyForm(), starts_on: "2021-02-30" })).toBeNull();
  });

  it("carries uncertain dates both ways, and into the draft's marker with its verification", () => {
    const form = formFromEvent({ ...DECREE, uncertainDates: ["end"], verification: "unverified", verificationNote: "from memory" });
    expect(form.uncertain_dates).toEqual(["end"]);
    expect(formToRecord({ ...form, uncertain_dates: ["start", "end"] }).uncertain_dates).toBe("start; end");
    expect(draftMarker(form)).toMatchObject({ uncertainDates: ["end"], verification: "unverified", verificationNote: "from memory" });
  });

  it("puts relates errors on the links", () => {
    expect(
      errorsByField([
        { key: "relates", message: "unknown event id" },
        { key: "title", message: "required" },
        { key: "title", message: "again" },
      ]),
    ).toEqual({ links: ["unknown event id"], title: ["required", "again"] });
  });
});

describe("diffVersions", () => {
  it("lists changed fields only, summarising the body", () => {
    const after: StoredEvent = { ...DECREE, title: "Decree No. 274", countries: [{ code: "RUS", role: "party" }], body: "Longer text", links: [{ relation: "extends", to: "older" }] };
    expect(diffVersions(DECREE, after)).toEqual([
      { field: "title", before: "Decree 274", after: "Decree No. 274" },
      { field: "countries", before: "ALL (affected), RUS", after: "RUS" },
      { field: "text", before: "4 characters", after: "11 characters" },
    ]);
    expect(diffVersions(DECREE, DECREE)).toEqual([]);
  });
});

describe("versionHistory", () => {
  it("says who created, changed, deleted and re-created, newest first, with each version's changes", () => {
    const v1 = { ...DECREE, updatedBy: "ana", updatedAt: "2026-01-01T00:00:00Z" };
    const v2 = { ...DECREE, title: "Decree No. 274", updatedBy: "bob", updatedAt: "2026-02-01T00:00:00Z" };
    const v3 = { ...DECREE, title: "Again", updatedBy: "dan", updatedAt: "2026-04-01T00:00:00Z" };
    const history = versionHistory(
      [
        { version: 1, replacedAt: "2026-02-01T00:00:00Z", replacedBy: "bob", deleted: false, snapshot: v1 },
        { version: 2, replacedAt: "2026-03-01T00:00:00Z", replacedBy: "carol", deleted: true, snapshot: v2 },
      ],
      { ...v3, version: 3 },
    );
    expect(history.map((h) => [h.version, h.action, h.by, h.changes.map((c) => c.field)])).toEqual([
      [3, "recreated", "dan", []],
      [2, "deleted", "carol", []],
      [2, "changed", "bob", ["title"]],
      [1, "created", "ana", []],
    ]);
    expect(versionHistory([], { ...v1, version: 1 })).toMatchObject([{ version: 1, action: "created", by: "ana" }]);
  });
});

describe("pickPreview", () => {
  const corridors = [
    { origin: "KGZ", destination: "RUS", indicators: [{ code: "a", firstDay: "2010-01-01", lastDay: "2024-12-31" }] },
    {
      origin: "TJK",
      destination: "WLD",
      indicators: [
        { code: "gdp", firstDay: "2002-01-01", lastDay: "2020-12-31" },
        { code: "usd", firstDay: "2002-01-01", lastDay: "2024-12-31" },
      ],
    },
    { origin: "TJK", destination: "RUS", indicators: [{ code: "patents", firstDay: "2015-01-01", lastDay: "2023-12-31" }] },
  ];
  it("prefers a corridor between the draft's countries, then to the world, and a series covering its date", () => {
    const party = (...codes: string[]) => codes.map((code) => ({ code, role: "party" }));
    expect(pickPreview(corridors, party("RUS", "TJK"), "2021-04-19")).toEqual({ corridor: 2, indicator: "patents" });
    expect(pickPreview(corridors, party("TJK"), "2021-04-19")).toEqual({ corridor: 1, indicator: "usd" });
    expect(pickPreview(corridors, party("TJK"), "2010-06-01")).toEqual({ corridor: 1, indicator: "gdp" });
    // An Uzbek event concerns Tajikistan's flows to all partners (Uzbekistan among them), not KGZ → RUS.
    expect(pickPreview(corridors, party("UZB"), "2012-01-01")).toEqual({ corridor: 1, indicator: "gdp" });
    expect(pickPreview(corridors.slice(0, 1), party("UZB"), "2012-01-01")).toEqual({ corridor: 0, indicator: "a" });
    expect(pickPreview([], party("TJK"), null)).toEqual({ corridor: 0, indicator: undefined });
  });
  it("previews only on a corridor the draft concerns", () => {
    // KGZ's accession to the EAEU is no Tajik event: not the TJK → RUS chart, though it names Russia.
    expect(
      pickPreview(
        corridors,
        [
          { code: "KGZ", role: "party" },
          { code: "RUS", role: "party" },
        ],
        "2015-08-12",
      ),
    ).toEqual({ corridor: 0, indicator: "a" });
    // A Russian decree on every foreign national belongs on a corridor into Russia, though it names no origin.
    const decree274 = [
      { code: "RUS", role: "party" },
      { code: "ALL", role: "affected" },
    ];
    expect(pickPreview([{ origin: "UZB", destination: "KAZ", indicators: [] }, corridors[2]!], decree274, "2020-04-18")).toEqual({ corridor: 1, indicator: "patents" });
  });
});
