/**
 * The message catalogs: every key in both languages (both directions), no empty message, every
 * message valid ICU, the same arguments on both sides (a Russian message that drops {count} would
 * print a sentence without its number), and plurals that follow each language's rules.
 */
import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import { problem, PROBLEM_CODES } from "@corridor/data/pure";
import { problemWords } from "@/lib/import-problem";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      into.add(e.value);
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

const catalogs = { en: flatten(en as Tree), ru: flatten(ru as Tree) };

describe("message catalogs", () => {
  it("have the same keys in English and Russian, both ways", () => {
    const missingInRu = [...catalogs.en.keys()].filter((k) => !catalogs.ru.has(k));
    const missingInEn = [...catalogs.ru.keys()].filter((k) => !catalogs.en.has(k));
    expect({ missingInRu, missingInEn }).toEqual({ missingInRu: [], missingInEn: [] });
    expect(catalogs.en.size).toBeGreaterThan(100);
  });

  it("have no empty message", () => {
    for (const [lang, messages] of Object.entries(catalogs)) {
      const empty = [...messages].filter(([, v]) => v.trim() === "").map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it("parse as ICU, with the same arguments in both languages", () => {
    const problems: string[] = [];
    for (const [key, text] of catalogs.en) {
      const other = catalogs.ru.get(key) ?? "";
      try {
        const a = [...argumentsOf(parse(text))].sort();
        const b = [...argumentsOf(parse(other))].sort();
        if (a.join() !== b.join()) problems.push(`${key}: en {${a}} ≠ ru {${b}}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("Russian uses its own plural rules: 1 событие, 2 события, 5 событий, 21 событие", () => {
    const t = createTranslator({ locale: "ru", messages: ru, namespace: "Events" });
    expect([1, 2, 5, 11, 21, 22].map((count) => t("count", { count }))).toEqual(["1 событие", "2 события", "5 событий", "11 событий", "21 событие", "22 события"]);
    const e = createTranslator({ locale: "en", messages: en, namespace: "Events" });
    expect([1, 2].map((count) => e("count", { count }))).toEqual(["1 event", "2 events"]);
  });

  it("the parser does reject a broken message (the check above can fail)", () => {
    expect(() => parse("{count, plural, one {# событие}")).toThrow();
  });

  it("word every import problem the data package codes, in both languages, with the parameters it sends", () => {
    const missing = PROBLEM_CODES.flatMap((code) => (["en", "ru"] as const).filter((lang) => !catalogs[lang].has(`Upload.problems.${code}`)).map((lang) => `${lang}:${code}`));
    expect(missing).toEqual([]);
    // No catalog wording for a code the data package no longer has.
    expect([...catalogs.en.keys()].filter((k) => k.startsWith("Upload.problems.") && !(PROBLEM_CODES as string[]).includes(k.slice(16)))).toEqual([]);
    for (const role of ["indicator", "period", "value", "corridor"]) expect(catalogs.ru.has(`Upload.missingRole.${role}`)).toBe(true);
  });

  it("render a coded problem in Russian with its line's value and names; an uncoded one stays English, marked", () => {
    const t = createTranslator({ locale: "ru", messages: ru, namespace: "Upload" }) as unknown as Parameters<typeof problemWords>[2];
    const words = (p: ReturnType<typeof problem>) => problemWords({ code: p.code, params: p.params }, p.message, t, "ru");
    expect(words(problem("not_a_number", { value: "12x" }))).toEqual({ text: "«12x» — не число." });
    expect(words(problem("unknown_country_guess", { value: "Tajikstan", code: "TJK", name: "tajikistan" })).text).toBe("Неизвестная страна «Tajikstan» (возможно, TJK — Таджикистан?).");
    expect(words(problem("missing_roles", { roles: "period,corridor", header: "a, b" })).text).toMatch(/^Не хватает столбцов: период, страна выезда или въезда\. Заголовок: a, b\./);
    expect(words(problem("no_such_column", { role: "value", column: "x", columns: "a, b" })).text).toBe("Столбца «x» для роли «значение» в файле нет (столбцы: a, b).");
    expect(problemWords({ code: "no_such_code", params: {} }, "the database is full", t, "ru")).toEqual({ text: "The database is full.", lang: "en" });
    expect(problemWords(undefined, "the database is full", t, "en")).toEqual({ text: "The database is full." });
  });
});
