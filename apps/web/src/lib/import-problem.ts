/**
 * An import problem (the data package's problems.ts: a code and its parameters) in the page's
 * language, through the catalog's Upload.problems.<code>. Parsed at the edge: a body's `problem`
 * that is not one of the known codes is no problem at all, and the server's English stands, marked
 * `lang="en"` so a screen reader reads it as English.
 */
import { z } from "zod";
import { countryName, isProblemCode, type Problem } from "@corridor/data/pure";

const ProblemShape = z.object({
  code: z.string().refine(isProblemCode),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** A `problem` field from a JSON body, or undefined when absent or not a known code. */
export function parseProblem(value: unknown): Problem | undefined {
  const parsed = ProblemShape.safeParse(value);
  return parsed.success ? (parsed.data as Problem) : undefined;
}

/** The catalog's translator for the Upload namespace, loosely typed: keys here are built from codes. */
export type UploadT = (key: string, values?: Record<string, string | number>) => string;

/** Words to show, and their language when they are the server's English rather than the page's. */
export interface ProblemWords {
  text: string;
  lang?: "en";
}

/** The parameters as the page words them: role names and country names in its language. */
function localParams(problem: Problem, t: UploadT, locale: string): Record<string, string | number> {
  const p = { ...problem.params };
  if (problem.code === "missing_roles")
    p.roles = String(p.roles)
      .split(",")
      .map((r) => t(`missingRole.${r}`))
      .join(", ");
  if (problem.code === "no_such_column") p.role = t(`roles.${String(p.role)}`);
  if (problem.code === "unknown_country_guess") p.name = countryName(String(p.code), locale);
  return p;
}

/** A problem in the page's language; without one (an uncoded refusal), the server's English, marked. */
export function problemWords(problem: unknown, english: string, t: UploadT, locale: string): ProblemWords {
  const coded = parseProblem(problem);
  if (coded) return { text: t(`problems.${coded.code}`, localParams(coded, t, locale)) };
  const sentence = english ? `${english.charAt(0).toUpperCase()}${english.slice(1)}${/[.)]$/.test(english) ? "" : "."}` : english;
  return locale === "en" ? { text: sentence } : { text: sentence, lang: "en" };
}
