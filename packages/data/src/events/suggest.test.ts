import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { suggestEvent } from "./suggest.ts";
import type { EventSummary } from "./store.ts";

const founding = readFileSync(fileURLToPath(new URL("../../../../data/seed/events/2021-04-19-russia-tajikistan-migration-talks.md", import.meta.url)), "utf8").split(/^---$/m)[2]!;

// As stored in data/seed/events (the fields the linking reads).
const known = [
  { id: "decree-274-2020", kind: "decree", documentRef: "Decree No. 274 of 18 April 2020", startsOn: "2020-04-18", announcedOn: null, inForceOn: "2020-04-18" },
  { id: "entry-restriction-2020", kind: "restriction", documentRef: "Government order No. 635-r of 16 March 2020", startsOn: "2020-03-18", announcedOn: "2020-03-16", inForceOn: null },
  { id: "recruitment-agreement-2019", kind: "agreement", documentRef: null, startsOn: "2019-04-17", announcedOn: null, inForceOn: null },
  { id: "decree-2021-06-15-stay-to-september", kind: "decree", documentRef: null, startsOn: "2021-06-15", announcedOn: null, inForceOn: "2021-06-16" },
  { id: "patent-stay-extension-2023", kind: "decree", documentRef: "Government resolution No. 1756 of 21 October 2023", startsOn: "2023-10-26", announcedOn: null, inForceOn: null },
] as unknown as EventSummary[];

// The 2019 agreement under its full official title (the seed event's), as releases cite it: by kind and date, no number.
const AGREEMENT_EN =
  "the Agreement between the Government of the Russian Federation and the Government of the Republic of Tajikistan on the organized recruitment of citizens of the Republic of Tajikistan for temporary labour activity in the Russian Federation of 17 April 2019";
const AGREEMENT_RU =
  "Соглашения между Правительством Российской Федерации и Правительством Республики Таджикистан об организованном наборе граждан Республики Таджикистан для осуществления временной трудовой деятельности на территории Российской Федерации от 17 апреля 2019 года";

describe("suggestEvent", () => {
  it("reads the founding press release: its own dates, talks, RUS and TJK, and the decree it cites", () => {
    expect(founding).toContain("On April 19-20, 2021");
    const s = suggestEvent(founding, known);
    expect(s).toMatchObject({ language: "en", kind: "talks", startsOn: "2021-04-19", endsOn: "2021-04-20", countries: ["RUS", "TJK"] });
    expect(s.references).toEqual([
      { text: "Decree of the President of the Russian Federation of 18 April 2020 No. 274", kind: "decree", date: "2020-04-18", number: "274", eventId: "decree-274-2020" },
    ]);
    expect(s.title).toBe("Russia–Tajikistan talks on migration");
  });

  it.each([
    [
      "On 15 December 2020, the President of Russia signed Decree No. 791 extending the temporary measures established by Decree No. 274 of 18 April 2020 until 15 June 2021.",
      { kind: "decree", startsOn: "2020-12-15", endsOn: "2020-12-15", countries: ["RUS"] },
      [{ number: "791", date: null }, { number: "274", date: "2020-04-18", eventId: "decree-274-2020" }],
    ],
    [
      "Uzbekistan and Russia signed an agreement on the organised recruitment of workers in Moscow on 5 April 2017.",
      { kind: "agreement", startsOn: "2017-04-05", countries: ["RUS", "UZB"] },
      [],
    ],
    [
      "On 12 August 2015 the treaty on the accession of the Kyrgyz Republic to the Eurasian Economic Union entered into force.",
      { kind: "agreement", startsOn: "2015-08-12", countries: ["KGZ"] },
      [],
    ],
  ])("English: %s", (text, expected, references) => {
    const s = suggestEvent(text, known);
    expect(s).toMatchObject({ language: "en", ...expected });
    expect(s.references).toMatchObject(references);
  });

  it.each([
    [
      "19-20 апреля 2021 года в Москве состоялись российско-таджикские переговоры по вопросам миграции. Делегацию Российской Федерации возглавил заместитель министра иностранных дел. Стороны обсудили применение Указа Президента Российской Федерации от 18 апреля 2020 года № 274.",
      { kind: "talks", startsOn: "2021-04-19", endsOn: "2021-04-20", countries: ["RUS", "TJK"], title: "Переговоры по вопросам миграции: Россия – Таджикистан" },
      [{ kind: "decree", number: "274", date: "2020-04-18", eventId: "decree-274-2020" }],
    ],
    [
      "19 апреля 2021 г. в Москве прошли консультации МВД России и Министерства труда, миграции и занятости населения Республики Таджикистан по вопросам трудовой миграции.",
      { kind: "talks", startsOn: "2021-04-19", countries: ["RUS", "TJK"], title: "Переговоры по вопросам миграции: Россия – Таджикистан" },
      [],
    ],
    [
      "15 декабря 2020 года Президент России подписал Указ № 791 о продлении временных мер, установленных Указом от 18 апреля 2020 года № 274, до 15 июня 2021 года.",
      { kind: "decree", startsOn: "2020-12-15", countries: ["RUS"] },
      [{ number: "791", date: null }, { number: "274", date: "2020-04-18", eventId: "decree-274-2020" }],
    ],
    [
      "С 18 марта 2020 года Россия ограничила въезд иностранных граждан в соответствии с распоряжением Правительства от 16 марта 2020 года № 635-р.",
      { kind: "restriction", startsOn: "2020-03-18", countries: ["RUS"] },
      [{ kind: "decree", number: "635-р", date: "2020-03-16" }],
    ],
    [
      "Переговоры министров внутренних дел Таджикистана и России прошли в Душанбе 28 мая 2024 года.",
      { kind: "talks", startsOn: "2024-05-28", countries: ["RUS", "TJK"] },
      [],
    ],
    [
      "1 августа 2023 года узбекские и кыргызские власти провели консультации о трудовой миграции в Казахстан.",
      { kind: "talks", startsOn: "2023-08-01", countries: ["KAZ", "KGZ", "UZB"] },
      [],
    ],
  ])("Russian: %s", (text, expected, references) => {
    const s = suggestEvent(text, known);
    expect(s).toMatchObject({ language: "ru", ...expected });
    expect(s.references).toMatchObject(references);
  });

  describe("acts cited by kind and date, without a number", () => {
    it("English: links the 2019 organised-recruitment agreement", () => {
      const s = suggestEvent(`The parties discussed the implementation of ${AGREEMENT_EN}.`, known);
      expect(s.references).toEqual([{ text: AGREEMENT_EN.replace(/^the /, ""), kind: "agreement", date: "2019-04-17", number: null, eventId: "recruitment-agreement-2019" }]);
    });
    it("Russian: links the agreement, a decree by its date, and a resolution by the signing date its document reference gives", () => {
      const s = suggestEvent(
        `Стороны обсудили выполнение ${AGREEMENT_RU}. Иностранные граждане могут оставаться в России в соответствии с Указом Президента Российской Федерации от 15 июня 2021 г. Владельцы патентов продлевают срок пребывания согласно постановлению Правительства от 21 октября 2023 г.`,
        known,
      );
      expect(s.language).toBe("ru");
      expect(s.references).toMatchObject([
        { kind: "agreement", date: "2019-04-17", number: null, eventId: "recruitment-agreement-2019" },
        { kind: "decree", date: "2021-06-15", number: null, eventId: "decree-2021-06-15-stay-to-september" },
        { kind: "decree", date: "2023-10-21", number: null, eventId: "patent-stay-extension-2023" },
      ]);
      expect(s.references[0]!.text).toBe(AGREEMENT_RU);
    });
    it("links nothing when the kind differs, two stored acts share the day, or the stored act has another number", () => {
      const unlinked = (text: string, events: EventSummary[]) => suggestEvent(text, events).references.map(({ eventId, kind, date, number }) => ({ eventId, kind, date, number }));
      expect(unlinked("Under the decree of 17 April 2019 the quotas were set.", known)).toEqual([{ eventId: undefined, kind: "decree", date: "2019-04-17", number: null }]);
      const twins = [...known, { ...known[2]!, id: "another-agreement-2019" }];
      expect(unlinked(`The parties discussed ${AGREEMENT_EN}.`, twins)).toEqual([{ eventId: undefined, kind: "agreement", date: "2019-04-17", number: null }]);
      expect(unlinked("Cites Government resolution No. 99 of 21 October 2023.", known)).toEqual([{ eventId: undefined, kind: "decree", date: "2023-10-21", number: "99" }]);
    });
  });

  it("does not take two-letter words for country codes or cited dates for the event's own", () => {
    const s = suggestEvent("IN TO AS BY: the talks took place in Dushanbe. Cites Decree No. 5 of 1 May 2019.");
    expect(s.countries).toEqual([]);
    expect(s.startsOn).toBeNull();
    expect(s.references).toMatchObject([{ number: "5", date: "2019-05-01" }]);
  });

  it("does not take words that are names of object properties for countries", () => {
    expect(() => suggestEvent("constructor toString hasOwnProperty __proto__ talks in Moscow")).not.toThrow();
    expect(suggestEvent("constructor toString __proto__ valueOf").countries).toEqual([]);
  });
});
