import { describe, expect, it } from "vitest";
import { eventText } from "./event-text";

describe("eventText", () => {
  const stored = { title: "Russia–Tajikistan migration talks", summary: "Talks in Dushanbe.", body: "Body", label: "Talks" };
  it("gives an English reader the stored text, not marked", () => {
    expect(eventText(stored, "en")).toEqual({ title: stored.title, summary: stored.summary, body: "Body", label: "Talks", lang: "en", fallback: false });
  });
  it("gives a Russian reader the English text marked as a fallback, never a blank", () => {
    const t = eventText({ title: stored.title }, "ru");
    expect(t).toMatchObject({ title: stored.title, summary: null, lang: "en", fallback: true });
  });
});
