import { describe, expect, it } from "vitest";
import { confounderReading, levelReading, slopeReading } from "./its-reading.ts";

const estimate = (low: number, high: number) => ({ estimate: (low + high) / 2, se: (high - low) / 4, low, high });

describe("levelReading / slopeReading", () => {
  it("says a drop or a rise with its interval, at three significant figures", () => {
    expect(levelReading(estimate(-525.4, -400.2), "patents", "M")).toBe("a drop of 400–525 patents a month at the event (95 % interval)");
    expect(levelReading(estimate(12.34, 56.78), "persons", "Q")).toBe("a rise of 12.3–56.8 persons a quarter at the event (95 % interval)");
  });
  it("says it cannot be told apart from the trend when the interval holds zero", () => {
    expect(levelReading(estimate(-120, 80), "US$ million", "A")).toBe("cannot be told apart from the trend: the 95 % interval of the change at the event, −US$ 120 million to 80 million a year, includes no change");
  });
  it("writes its figures as the rest of the dashboard does (formatValue), the unit said once", () => {
    expect(levelReading(estimate(775_123_456, 3_791_000_000), "current US$", "A")).toBe("a rise of US$ 775 million–3.79 bn a year at the event (95 % interval)");
    expect(levelReading(estimate(-2_000_000_000, 8_561_000_000), "current US$", "A")).toMatch(/, −US\$ 2 bn to 8.56 bn a year, includes no change$/);
  });
  it("reads the slope per period", () => {
    expect(slopeReading(estimate(-3.9, -1.2), "patents", "M")).toBe("the trend then falls by a further 1.2–3.9 patents a month with every month (95 % interval)");
    expect(slopeReading(estimate(-1, 2), "patents", "M")).toBe("no change in the trend that can be told apart from noise (−1 to 2 patents a month with every month)");
  });
});

describe("readings by indicator kind and confounders", () => {
  it("does not count a stock or a rate per period", () => {
    expect(levelReading(estimate(-21.4, -9.33), "% of GDP", "A", "rate")).toBe("a drop of 9.33–21.4 % of GDP at the event (95 % interval)");
    expect(slopeReading(estimate(0.5, 1.5), "persons", "Q", "stock")).toBe("the trend then rises by a further 0.5–1.5 persons with every quarter (95 % interval)");
  });
  it("says that other events in the window share the credit", () => {
    expect(confounderReading(0)).toBeNull();
    expect(confounderReading(1)).toBe("1 other event of this corridor falls in the window: what changed cannot be credited to this event alone");
    expect(confounderReading(3)).toMatch(/^3 other events of this corridor fall in the window/);
  });
});

describe("readings in Russian", () => {
  it("says the level and the slope in Russian, numbers by the Russian formatting", () => {
    const drop = levelReading(estimate(-525.4, -400.2), "patents", "M", "flow", "ru");
    expect(drop).toMatch(/^снижение на 400–525\sпатентов в месяц при событии \(95-процентный интервал\)$/);
    expect(levelReading(estimate(-1, 2), "persons", "Q", "stock", "ru")).toMatch(/^неотличимо от тренда: 95-процентный интервал изменения при событии, от −1 до 2\sчеловека, включает отсутствие изменений$/);
    expect(slopeReading(estimate(0.5, 1.5), "persons", "Q", "stock", "ru")).toMatch(/^затем тренд растёт ещё на 0,5–1,5\sчеловека с каждым кварталом \(95-процентный интервал\)$/);
  });
  it("agrees the confounder count with its noun and verb (1 событие, 3 события, 5 событий, 21 событие)", () => {
    expect(confounderReading(1, "ru")).toBe("1 другое событие этого коридора попадает в окно: изменение нельзя приписать только этому событию");
    expect(confounderReading(3, "ru")).toMatch(/^3 других события этого коридора попадают в окно/);
    expect(confounderReading(5, "ru")).toMatch(/^5 других событий этого коридора попадают в окно/);
    expect(confounderReading(21, "ru")).toMatch(/^21 другое событие этого коридора попадает в окно/);
  });
});
