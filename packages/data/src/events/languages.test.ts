/**
 * Events in English and Russian: the readers (front matter keys, the Russian body section, CSV
 * columns, their errors), storage and versions (an edit never loses a translation), the picker
 * (fallback, translation flag) and search with Cyrillic words.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { engineDb, tmpFile } from "../test/helpers.ts";
import { readCsvEvents, readMarkdownEvent } from "./readers.ts";
import { events, getEvent, importEvents, listEvents } from "./store.ts";
import { createEvent, eventVersions, updateEvent } from "./edit.ts";
import { eventText, foldForSearch } from "./text.ts";

const md = (front: string, body: string) => `---\n${front.trim()}\n---\n${body}`;
const BOTH = md(
  `
title: Russian-Tajik talks on migration
title_ru: Российско-таджикские переговоры по миграции
kind: talks
starts_on: 2021-04-19
countries: [RUS, TJK]
summary: The delegations met in Moscow.
summary_ru: Делегации встретились в Москве.
label: Migration talks
label_ru: Переговоры
translated_by_ru: Corridor project
translated_on_ru: 2026-12-01
`,
  "English text.\n\n<!-- lang: ru -->\nРусский текст.\n",
);

describe("bilingual event files", () => {
  it("reads both languages from front matter and the body split at <!-- lang: ru -->, with the translation marker", () => {
    const { records, errors } = readMarkdownEvent("talks.md", BOTH);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      title: "Russian-Tajik talks on migration", titleRu: "Российско-таджикские переговоры по миграции",
      summary: "The delegations met in Moscow.", summaryRu: "Делегации встретились в Москве.",
      label: "Migration talks", labelRu: "Переговоры", body: "English text.", bodyRu: "Русский текст.",
      translatedBy: null, translatedOn: null, translatedByRu: "Corridor project", translatedOnRu: "2026-12-01",
    });
  });

  it("reads a Russian-only event (its id transliterated from the Russian title)", () => {
    const only = md("title_ru: Переговоры в Душанбе\nkind: talks\nstarts_on: 2024-05-28\ncountries: [RUS, TJK]", "<!-- lang: ru -->\nТекст.\n");
    const { records, errors } = readMarkdownEvent("x/переговоры.md", only.replace("title_ru", "id: peregovory-v-dushanbe\ntitle_ru"));
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ id: "peregovory-v-dushanbe", title: "", titleRu: "Переговоры в Душанбе", body: "", bodyRu: "Текст." });
    const csv = readCsvEvents("e.csv", "title_ru,kind,starts_on,countries\nПереговоры в Душанбе,talks,2024-05-28,RUS;TJK\n");
    expect(csv.errors).toEqual([]);
    expect(csv.records[0]!.id).toBe("peregovory-v-dushanbe");
  });

  it("says where a bilingual file is wrong: file, line, key and value", () => {
    const broken = md(
      "kind: talks\nstarts_on: 2021-04-19\ncountries: [RUS]\nsummary_ru: Без заголовка\ntranslated_on_ru: 19.04.2021\nlabel_ru: Слишком длинная подпись для графика, больше сорока знаков",
      "Text\n<!-- lang: tj -->\nМатн\n",
    );
    const { errors } = readMarkdownEvent("broken.md", broken);
    expect(errors).toEqual([{ file: "broken.md", line: 10, key: "body", value: "<!-- lang: tj -->", message: 'unknown language "tj" in a body marker (en or ru)' }]);
    const front = readMarkdownEvent("broken.md", broken.replace("<!-- lang: tj -->", "<!-- lang: ru -->"));
    expect(front.errors.map((e) => [e.line, e.key, e.value])).toEqual([
      [1, "title", undefined],
      [7, "label_ru", "Слишком длинная подпись для графика, больше сорока знаков"],
      [6, "translated_on_ru", "19.04.2021"],
      [6, "translated_on_ru", "19.04.2021"],
      [5, "summary_ru", "Без заголовка"],
      [11, "body_ru", "Матн"],
      [7, "label_ru", "Слишком длинная подпись для графика, больше сорока знаков"],
      [9, "body", "Text"],
    ]);
    expect(front.errors.map((e) => e.message)).toContain("translated_on_ru is given but not translated_by_ru: say who translated the Russian text");
    expect(front.errors.map((e) => e.message)).toContain("translated_on_ru must be a day (YYYY-MM-DD)");
    expect(front.errors.find((e) => e.key === "summary_ru")!.message).toBe("summary_ru is given but not title_ru: a Russian text needs its title");
    const key = readMarkdownEvent("k.md", md("title: X\nkind: talks\nstarts_on: 2021\ncountries: [RUS]\nbody_ru: Текст", ""));
    expect(key.errors).toMatchObject([{ line: 6, key: "body_ru", message: expect.stringMatching(/after a line <!-- lang: ru -->/) }]);
    const marked = readCsvEvents("e.csv", "title,kind,starts_on,countries,translated_by_ru\nTalks,talks,2021,RUS,Corridor\n");
    expect(marked.errors).toMatchObject([{ file: "e.csv", line: 2, key: "translated_by_ru", value: "Corridor", message: expect.stringMatching(/no Russian title/) }]);
  });

  it("reads the Russian columns of a CSV", () => {
    const { records, errors } = readCsvEvents(
      "other-events.csv",
      'id,title,title_ru,kind,starts_on,countries,summary_ru,body_ru,translated_by_ru,translated_on_ru\nx,Talks,Переговоры,talks,2021,RUS,Кратко,"Текст, с запятой",Corridor,2026-12-01\n',
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ titleRu: "Переговоры", summaryRu: "Кратко", bodyRu: "Текст, с запятой", translatedByRu: "Corridor", translatedOnRu: "2026-12-01" });
  });
});

describe("stored bilingual events", () => {
  it("stores both languages and returns them as texts, with the English view in title/summary/label", async () => {
    const db = await engineDb();
    const summary = await importEvents(db, [tmpFile(BOTH, "talks.md")]);
    expect(summary.errors).toEqual([]);
    const [e] = await events(db);
    expect(e!.title).toBe("Russian-Tajik talks on migration");
    expect(e!.texts).toEqual({
      en: { title: "Russian-Tajik talks on migration", summary: "The delegations met in Moscow.", label: "Migration talks", translation: null },
      ru: { title: "Российско-таджикские переговоры по миграции", summary: "Делегации встретились в Москве.", label: "Переговоры", translation: { by: "Corridor project", on: "2026-12-01" } },
    });
    const detail = (await getEvent(db, e!.id))!;
    expect(detail.texts.ru!.body).toBe("Русский текст.");
    expect(detail.body).toBe("English text.");
  });

  it("a Russian-only event has its Russian title in the English view (never a blank) and links show it", async () => {
    const db = await engineDb();
    await createEvent(db, { title_ru: "Указ № 274", kind: "decree", starts_on: "2020-04-18", countries: "RUS" }, { by: "a" });
    const talks = await createEvent(db, { title: "Talks", kind: "talks", starts_on: "2021-04-19", countries: "RUS; TJK", relates: "cites:ukaz-no-274-2020" }, { by: "a" });
    expect(talks.links[0]).toMatchObject({ id: "ukaz-no-274-2020", title: "Указ № 274" });
    const decree = (await getEvent(db, "ukaz-no-274-2020"))!;
    expect(decree.title).toBe("Указ № 274");
    expect(Object.keys(decree.texts)).toEqual(["ru"]);
  });

  it("versions keep both languages: an edit that drops the Russian keeps it in the replaced version", async () => {
    const db = await engineDb();
    const input = { title: "Talks", title_ru: "Переговоры", summary_ru: "Кратко", translated_by_ru: "Corridor", translated_on_ru: "2026-12-01", kind: "talks", starts_on: "2021-04-19", countries: "RUS; TJK" };
    const created = await createEvent(db, input, { by: "a" });
    const { title_ru: _t, summary_ru: _s, translated_by_ru: _b, translated_on_ru: _o, ...english } = input;
    const updated = await updateEvent(db, created.id, english, { by: "b" });
    expect(updated.version).toBe(2);
    expect(updated.texts.ru).toBeUndefined();
    const [v1] = await eventVersions(db, created.id);
    expect(v1!.snapshot).toMatchObject({ titleRu: "Переговоры", summaryRu: "Кратко", translatedByRu: "Corridor", translatedOnRu: "2026-12-01" });
    // Changing only the translation marker is a change too (a new version), not "unchanged".
    expect((await updateEvent(db, created.id, { ...input }, { by: "c" })).version).toBe(3);
    expect((await updateEvent(db, created.id, { ...input, translated_by_ru: "" , translated_on_ru: ""}, { by: "c" })).texts.ru!.translation).toBeNull();
  });

  it("an old version written before Russian texts reads with empty Russian fields", async () => {
    const db = await engineDb();
    const created = await createEvent(db, { title: "Talks", kind: "talks", starts_on: "2021-04-19", countries: "RUS" }, { by: "a" });
    await db.run(
      sql`INSERT INTO event_versions (event_id, version, snapshot, replaced_at, replaced_by) VALUES (${created.id}, 0, ${JSON.stringify({ id: created.id, title: "Old", summary: "", body: "", label: null })}, '2020-01-01', 'x')`,
    );
    const [old] = await eventVersions(db, created.id);
    expect(old!.snapshot).toMatchObject({ title: "Old", titleRu: "", summaryRu: "", bodyRu: "", labelRu: null, translatedByRu: null });
  });
});

describe("eventText", () => {
  const texts = {
    en: { title: "Talks", summary: "Met.", label: null, body: "English body.", translation: null },
    ru: { title: "Переговоры", summary: "Встретились.", label: "Переговоры", body: "", translation: { by: "Corridor", on: "2026-12-01" } },
  };
  it("gives the reader's language, with the translation flag and the body from the other language where this one has none", () => {
    expect(eventText({ texts }, "ru")).toEqual({
      title: "Переговоры", summary: "Встретились.", body: "English body.", label: "Переговоры", lang: "ru", fallback: false,
      translation: true, translatedBy: "Corridor", translatedOn: "2026-12-01", bodyLang: "en", bodyFallback: true, bodyTranslation: false,
    });
    expect(eventText({ texts }, "en")).toMatchObject({ title: "Talks", lang: "en", fallback: false, translation: false, bodyLang: "en", bodyFallback: false });
  });
  it("falls back to the other language, never a blank", () => {
    expect(eventText({ texts: { en: texts.en } }, "ru")).toMatchObject({ title: "Talks", lang: "en", fallback: true, translation: false, bodyFallback: true });
    expect(eventText({ texts: { ru: texts.ru } }, "en")).toMatchObject({ title: "Переговоры", lang: "ru", fallback: true, translation: true });
    expect(eventText({ texts }, "de")).toMatchObject({ lang: "en", fallback: false });
  });
});

describe("search with Russian words", () => {
  it("finds Cyrillic words case-insensitively in either language's title, summary and body", async () => {
    const db = await engineDb();
    await importEvents(db, [tmpFile(BOTH, "talks.md")]);
    await createEvent(db, { title: "Decree 274", title_ru: "Указ № 274 о мигрантах", kind: "decree", starts_on: "2020-04-18", countries: "RUS", body: "On foreign nationals in Tajikistan." }, { by: "a" });
    const ids = async (text: string) => (await events(db, { text })).map((e) => e.id);
    expect(await ids("переговоры")).toEqual(["talks"]);
    expect(await ids("ПЕРЕГОВОРЫ")).toEqual(["talks"]);
    expect(await ids("Переговоры москве")).toEqual(["talks"]);
    expect(await ids("TAJIKISTAN")).toEqual(["decree-274-2020"]);
    expect(await ids("русский текст")).toEqual(["talks"]);
    expect(await ids("мигрантах")).toEqual(["decree-274-2020"]);
    expect(await ids("мигрантах переговоры")).toEqual([]);
    expect((await listEvents(db, { text: "Указ" })).map((e) => e.id)).toEqual(["decree-274-2020"]);
  });
  it("folds case, ё and accents", () => {
    expect(foldForSearch("Таджикистан ЁЛКА Café")).toBe("таджикистан елка cafe");
  });
});
