/**
 * What a value's source says, in parts: publisher, release, address and licence, read from the
 * source text every observation carries (`observations.source`: "World Bank, World Development
 * Indicators, BX.TRF.PWKR.CD.DT (Last Updated Date 2025-07-01)", "Bank of Russia, quoted by: URL").
 * Pure: the pages, the images and the downloads word a source the same way.
 *
 * Licences are not in any file we import. They are known per publisher here, and only where the
 * publisher states one (the World Bank's datasets: CC BY 4.0); everything else says "not stated".
 */

export interface SourceInfo {
  /** The source text as stored. */
  text: string;
  /** "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT", "Bank of Russia". */
  publisher: string;
  /** "Last Updated Date 2025-07-01"; null when the source names no release. */
  release: string | null;
  /** The secondary publication that quotes the figure ("news reports", "TASS"); null for the publisher's own. */
  quotedBy: string | null;
  /** Where to read it: the addresses in the text, else the publisher's page for the dataset. */
  addresses: string[];
  /** Licence as the publisher states it; null: not stated. */
  licence: { name: string; url: string } | null;
}

/** Publishers whose licence is stated by themselves; matched on the start of the publisher's name. */
const LICENCES: { publisher: RegExp; licence: { name: string; url: string } }[] = [
  // "Datasets in the World Bank Data Catalog are licensed under CC BY 4.0" (World Bank terms of use for datasets).
  { publisher: /^World Bank\b/i, licence: { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" } },
];

const URL_PATTERN = /https?:\/\/[^\s;,]+/g;
const RELEASE_PATTERN = /\((last updated date|last update|release|released)\s+([^)]+)\)/i;

export function describeSource(text: string): SourceInfo {
  const addresses = [...new Set(text.match(URL_PATTERN) ?? [])];
  // What is left without the addresses and their separators: "Bank of Russia, quoted by".
  let rest = text.replace(URL_PATTERN, " ").replace(/(\s*[;:,]\s*)+$/, "").replace(/\s+/g, " ").trim();
  const release = RELEASE_PATTERN.exec(rest);
  if (release) rest = rest.replace(release[0], "").trim();
  let quotedBy: string | null = null;
  const quoted = /,?\s*quoted by\b\s*:?\s*(.*)$/i.exec(rest);
  if (quoted) {
    quotedBy = quoted[1]?.replace(/[\s:;,]+$/, "").trim() || "news reports";
    rest = rest.slice(0, quoted.index).trim();
  }
  const via = /\s*\((?:via|as quoted by)\s+([^)]+)\)/i.exec(rest);
  if (via) {
    quotedBy = via[1]!.trim();
    rest = rest.replace(via[0], "").trim();
  }
  const publisher = rest.replace(/[\s:;,]+$/, "") || "unnamed source";
  // Addresses that are not the publisher's own: a report quoting its figure, not its release.
  if (!quotedBy && addresses.length && !addresses.some((a) => isPublishersOwn(publisher, a))) quotedBy = "news reports";
  const code = /^World Bank\b.*?,\s*([A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+)$/i.exec(publisher)?.[1];
  if (addresses.length === 0 && code) addresses.push(`https://data.worldbank.org/indicator/${code}`);
  return {
    text,
    publisher,
    release: release ? `${release[1]} ${release[2]!.trim()}` : null,
    quotedBy,
    addresses,
    licence: LICENCES.find((l) => l.publisher.test(publisher))?.licence ?? null,
  };
}

const OWN_DOMAINS: { publisher: RegExp; host: RegExp }[] = [
  { publisher: /^World Bank\b/i, host: /(^|\.)worldbank\.org$/i },
  { publisher: /^Bank of Russia\b/i, host: /(^|\.)cbr\.ru$/i },
  { publisher: /^(MVD|Ministry of Internal Affairs)\b/i, host: /(^|\.)(mvd\.ru|мвд\.рф)$/i },
  { publisher: /^Eurostat\b/i, host: /(^|\.)europa\.eu$/i },
];

function isPublishersOwn(publisher: string, address: string): boolean {
  let host: string;
  try {
    host = new URL(address).hostname;
  } catch {
    return false;
  }
  return OWN_DOMAINS.some((d) => d.publisher.test(publisher) && d.host.test(host));
}

const isRu = (locale: string) => locale.split("-")[0]!.toLowerCase() === "ru";

/** Russian "as quoted by …": "news reports" is our word (по сообщениям СМИ); a named agency ("TASS") is a name, kept. */
function quotedRu(quotedBy: string): string {
  return quotedBy === "news reports" ? "по сообщениям СМИ" : `по данным ${quotedBy}`;
}

/** "Bank of Russia, as quoted by news reports" / "Bank of Russia, по сообщениям СМИ". */
export function publisherWords(info: SourceInfo, locale = "en"): string {
  if (!info.quotedBy) return info.publisher;
  return isRu(locale) ? `${info.publisher}, ${quotedRu(info.quotedBy)}` : `${info.publisher}, as quoted by ${info.quotedBy}`;
}

/** Release in words, never blank: a source that names none says so, and how the figure reached us. The release itself is the publisher's wording, kept. */
export function releaseWords(info: SourceInfo, locale = "en"): string {
  if (info.release) return info.release;
  if (isRu(locale)) return info.quotedBy ? `не указан (цифры ${quotedRu(info.quotedBy)})` : "не указан";
  return info.quotedBy ? `not stated (figures as quoted by ${info.quotedBy})` : "not stated";
}

export function licenceWords(info: SourceInfo, locale = "en"): string {
  if (info.licence) return info.licence.name;
  if (isRu(locale)) return info.quotedBy ? "не указана (факты из сообщений прессы)" : "не указана";
  return info.quotedBy ? "not stated (facts reported by the press)" : "not stated";
}

/**
 * One line for a chart's footer: "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT ·
 * release: Last Updated Date 2025-07-01 · licence: CC BY 4.0 · https://data.worldbank.org/indicator/…";
 * in Russian "… · выпуск: Last Updated Date 2025-07-01 · лицензия: CC BY 4.0 · …" (the publisher's
 * own names and release wording stay as published).
 */
export function sourceLine(info: SourceInfo, locale = "en"): string {
  const ru = isRu(locale);
  const notStated = (female: boolean) => (ru ? (female ? "не указана" : "не указан") : "not stated");
  return [
    publisherWords(info, locale),
    `${ru ? "выпуск" : "release"}: ${info.release ?? notStated(false)}`,
    `${ru ? "лицензия" : "licence"}: ${info.licence?.name ?? notStated(true)}`,
    ...info.addresses,
  ].join(" · ");
}

/**
 * Sources that differ only in the report quoting them, as one: a chart's footer names the
 * Bank of Russia once, with every address, not once per news report.
 */
export function mergeSources(infos: readonly SourceInfo[]): SourceInfo[] {
  const merged = new Map<string, SourceInfo>();
  for (const info of infos) {
    const key = JSON.stringify([info.publisher, info.release, info.quotedBy, info.licence?.name ?? null]);
    const seen = merged.get(key);
    if (seen) seen.addresses = [...new Set([...seen.addresses, ...info.addresses])];
    else merged.set(key, { ...info, addresses: [...info.addresses] });
  }
  return [...merged.values()];
}
