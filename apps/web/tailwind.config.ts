import type { Config } from "tailwindcss";
import colors from "tailwindcss/colors";
import forms from "@tailwindcss/forms";

// Tremor 3's theme tokens (light and dark), as its installation guide sets them up.
const config: Config = {
  // Only the Tremor components the app imports (grep `from "@tremor/react"`) and their shared class
  // tables: scanning all of Tremor put every chart, input and list component's classes into the one
  // render-blocking stylesheet (115 KB) a phone parses before its first paint. A new component joins this list.
  content: [
    "./src/**/*.{ts,tsx}",
    `../../node_modules/@tremor/react/dist/components/{${["layout-elements/Card", "text-elements/Text", "text-elements/Title", "text-elements/Metric", "icon-elements/Badge", "vis-elements/ProgressBar"].join(",")}}/*.js`,
    "../../node_modules/@tremor/react/dist/lib/*.js",
  ],
  // Dark on screens only: a page printed (or saved as PDF) from a dark-mode system comes out light.
  darkMode: ["variant", "@media screen and (prefers-color-scheme: dark) { & }"],
  theme: {
    transparent: "transparent",
    current: "currentColor",
    extend: {
      colors: {
        tremor: {
          brand: { faint: colors.blue[50], muted: colors.blue[200], subtle: colors.blue[400], DEFAULT: colors.blue[600], emphasis: colors.blue[700], inverted: colors.white },
          background: { muted: colors.gray[50], subtle: colors.gray[100], DEFAULT: colors.white, emphasis: colors.gray[700] },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: { subtle: colors.gray[500], DEFAULT: colors.gray[600], emphasis: colors.gray[700], strong: colors.gray[900], inverted: colors.white },
        },
        "dark-tremor": {
          // Links and marks in brand colour must read on every dark surface (WCAG AA 4.5:1): blue-500 was
          // 4.0:1 on gray-800; blue-400 is 5.8:1 there. Buttons keep the light brand (blue-600) under white text.
          brand: { faint: "#0B1229", muted: colors.blue[950], subtle: colors.blue[800], DEFAULT: colors.blue[400], emphasis: colors.blue[300], inverted: colors.blue[950] },
          background: { muted: "#131A2B", subtle: colors.gray[800], DEFAULT: colors.gray[900], emphasis: colors.gray[300] },
          border: { DEFAULT: colors.gray[800] },
          ring: { DEFAULT: colors.gray[800] },
          content: { subtle: colors.gray[400], DEFAULT: colors.gray[400], emphasis: colors.gray[200], strong: colors.gray[50], inverted: colors.gray[950] },
        },
      },
      boxShadow: {
        "tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
        "dark-tremor-input": "0 1px 2px 0 rgb(0 0 0 / 0.05)",
        "dark-tremor-card": "0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
        "dark-tremor-dropdown": "0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
      },
      borderRadius: { "tremor-small": "0.375rem", "tremor-default": "0.5rem", "tremor-full": "9999px" },
      fontSize: {
        "tremor-label": ["0.75rem", { lineHeight: "1rem" }],
        "tremor-default": ["0.875rem", { lineHeight: "1.25rem" }],
        "tremor-title": ["1.125rem", { lineHeight: "1.75rem" }],
        "tremor-metric": ["1.875rem", { lineHeight: "2.25rem" }],
      },
    },
  },
  // Tremor builds colour classes at run time from a `color` prop, which the content scan cannot see.
  // Only the colours this app passes (grep `color=` and `decorationColor=`), in the shades the
  // components it uses take (Tremor's colorPalette: Card's decoration border 500; Badge's background
  // and ring 500, text 600; ProgressBar's background 500): every shade of them, with hover and
  // ui-selected variants, was 660 rules and 50 KB of the render-blocking CSS. A new colour or
  // component joins this list.
  safelist: [{ pattern: /^(bg|border|ring)-(?:gray|red|amber|emerald|blue)-500$/ }, { pattern: /^text-(?:gray|red|amber|emerald|blue)-600$/ }],
  plugins: [forms],
  // The --tw-* defaults (51 custom properties) only on elements whose utilities read them, not on
  // every element and its ::before/::after: on a phone, the universal rule made the first style
  // recalculation of the dashboard's ~650 elements several times slower.
  experimental: { optimizeUniversalDefaults: true },
};

export default config;
