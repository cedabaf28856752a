/** Types of accept-language.mjs. */
export function preferredLocale<L extends string = "en" | "ru">(header: string | null | undefined, locales?: readonly L[]): L | null;
