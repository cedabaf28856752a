// @ts-check
/**
 * One lint configuration for the monorepo (flat config): ESLint's recommended rules and
 * typescript-eslint's everywhere, Next.js's own (core web vitals, React hooks, a11y) for the web app.
 * Formatting is prettier's job (.prettierrc.json), not the linter's.
 */
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.cli-cache/**",
      "**/.next/**",
      "**/next-env.d.ts",
      "packages/data/drizzle/**",
      "packages/data/drizzle-pg/**",
      "packages/data/bin/dist/**",
      "**/*.min.js",
      "apps/web/e2e/artifacts/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks what a signature or a destructuring must take but does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx,mjs,js}"],
    extends: [...nextVitals, ...nextTypescript],
    settings: { next: { rootDir: "apps/web" } },
  },
  {
    // Scripts other sites load (embed.js, embed-frame.js): plain ES5 on purpose, for any browser.
    files: ["apps/web/public/**/*.js"],
    languageOptions: { sourceType: "script", globals: { window: "readonly", document: "readonly" } },
    rules: { "no-var": "off" },
  },
  {
    files: ["**/*.mjs", "**/bench/**", "**/test/**", "**/scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", performance: "readonly" } },
  },
);
