import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import ru from "../../messages/ru.json";
import en from "../../messages/en.json";
import { caveatLegend, eventCaveats, type ChartEvent } from "./chart-model";
import { caveatLegendWords, eventCaveatWords, type CaveatTranslate } from "./caveat-words";

const event = {
  id: "x",
  title: "T",
  kind: "decree",
  startsOn: "2021-04-19",
  endsOn: "2021-06-15",
  verification: "unverified",
  verificationNote: "one press report.",
  uncertainDates: ["end"],
} as unknown as ChartEvent;

describe("caveat words", () => {
  it("say in English exactly what chart-model says (one rule, two catalogs)", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "Caveats" }) as unknown as CaveatTranslate;
    expect(eventCaveatWords(event, t)).toEqual(eventCaveats(event));
    expect(caveatLegendWords([event], t)).toEqual(caveatLegend([event]));
  });
  it("say it in Russian", () => {
    const t = createTranslator({ locale: "ru", messages: ru, namespace: "Caveats" }) as unknown as CaveatTranslate;
    expect(eventCaveatWords(event, t)).toEqual(["не проверено — one press report", "дата окончания не точна"]);
  });
});
