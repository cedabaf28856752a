import { describe, expect, it } from "vitest";
import { orderPanels, type PanelKey } from "./panel-order";

const panel = (origin: string, destination: string, complete = true): PanelKey & { name: string } => ({ origin, destination, complete, name: `${origin}-${destination}` });

describe("orderPanels", () => {
  it("puts the origin's own flows before the receiving country's (talks between Russia and Tajikistan)", () => {
    const loaded = [panel("RUS", "WLD"), panel("TJK", "WLD"), panel("TJK", "RUS")];
    expect(orderPanels(loaded, (p) => p, new Set(["RUS"]), ["RUS", "TJK"]).map((p) => p.name)).toEqual(["TJK-RUS", "TJK-WLD", "RUS-WLD"]);
    // Russia is the receiving side because a corridor of the database ends there, even when no panel does.
    const worldOnly = [panel("RUS", "WLD"), panel("TJK", "WLD")];
    expect(orderPanels(worldOnly, (p) => p, new Set(["RUS"]), ["RUS", "TJK"]).map((p) => p.name)).toEqual(["TJK-WLD", "RUS-WLD"]);
  });

  it("puts panels without figures last, and keeps the loaded order among equals", () => {
    const loaded = [panel("TJK", "RUS", false), panel("UZB", "RUS"), panel("KGZ", "RUS")];
    expect(orderPanels(loaded, (p) => p, new Set(["RUS"]), ["RUS", "TJK", "UZB", "KGZ"]).map((p) => p.name)).toEqual(["UZB-RUS", "KGZ-RUS", "TJK-RUS"]);
  });
});
