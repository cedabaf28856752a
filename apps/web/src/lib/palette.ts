/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
import type { Kind } from "./chart-model";

export const SERIES_COLOUR = "#0072B2";

export const KIND_COLOUR: Record<Kind, string> = {
  talks: "#009E73",
  agreement: "#56B4E9",
  decree: "#D55E00",
  law: "#CC79A7",
  restriction: "#E69F00",
  enforcement: "#6b6b6b",
  economic: "#8c7a00",
  // A grey with 3:1 contrast on both the light and the dark background (#3d3d3d vanished in dark mode).
  other: "#8a8a8a",
};

export const KIND_LABEL: Record<Kind, string> = {
  talks: "Talks",
  agreement: "Agreements",
  decree: "Decrees",
  law: "Laws",
  restriction: "Restrictions",
  enforcement: "Enforcement",
  economic: "Economic",
  other: "Other",
};

/** One-letter glyphs inside markers, so kinds differ by more than colour. */
export const KIND_GLYPH: Record<Kind, string> = {
  talks: "T",
  agreement: "A",
  decree: "D",
  law: "L",
  restriction: "R",
  enforcement: "E",
  economic: "$",
  other: "•",
};
