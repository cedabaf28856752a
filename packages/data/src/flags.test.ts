import { describe, expect, it } from "vitest";
import { flagMeaning } from "./flags.ts";

describe("flagMeaning", () => {
  it("explains the seed's flag and Eurostat's letters", () => {
    expect(flagMeaning("a")).toBe("approximate: the publication rounds");
    expect(flagMeaning("p")).toBe("provisional");
    expect(flagMeaning("b p")).toBe("break in series; provisional");
  });
  it("says no meaning for no flag and never guesses an unknown one", () => {
    expect(flagMeaning(null)).toBeNull();
    expect(flagMeaning("")).toBeNull();
    expect(flagMeaning("q")).toBe('flag "q" (not in the glossary)');
  });
});
