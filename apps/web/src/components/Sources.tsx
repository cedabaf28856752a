/**
 * Where a view's figures come from. SourceFooter: one line under a chart or table (publisher,
 * release, address). SourcesSection: a view's "Sources" — every series shown with each source's
 * publisher, release, licence, address and the imports that brought its values (/imports/ID).
 */
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { Card } from "@tremor/react";
import type { SeriesSource, SourcedImport } from "@corridor/data";
import { licenceWords, mergeSources, publisherWords, releaseWords, type SourceInfo } from "@corridor/data/pure";
import { date } from "@/lib/format";

const host = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
};

/** The host names an address; where two addresses share a host, its path tells them apart. */
function addressLabel(a: string, all: readonly string[]): string {
  if (all.filter((b) => host(b) === host(a)).length < 2) return host(a);
  const path = a.slice(a.indexOf(host(a)) + host(a).length);
  return `${host(a)}${path.length > 24 ? `${path.slice(0, 23)}…` : path}`;
}

function Addresses({ addresses }: { addresses: string[] }) {
  return (
    <>
      {addresses.map((a, i) => (
        <span key={a}>
          {i > 0 && ", "}
          <a href={a} rel="noopener noreferrer" title={a} className="break-all underline underline-offset-2">
            {addressLabel(a, addresses)}
          </a>
        </span>
      ))}
    </>
  );
}

// Who published and who quoted it: the data package's words (publisherWords), one rule for pages and images.

/** "Source: World Bank, World Development Indicators, … · release Last Updated Date 2025-07-01 · data.worldbank.org". */
export async function SourceFooter({ sources, testId = "source-footer" }: { sources: readonly SeriesSource[]; testId?: string }) {
  const t = await getTranslations("Sources");
  const c = await getTranslations("Common");
  const locale = await getLocale();
  const infos = mergeSources(sources.flatMap((s) => (s.info ? [s.info] : [])));
  const unsourced = sources.some((s) => !s.info);
  return (
    <p className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid={testId}>
      {infos.length + (unsourced ? 1 : 0) === 0 ? t("noneStored") : t("source")}
      {infos.map((info, i) => (
        <span key={`${info.publisher}|${info.release}|${info.quotedBy}`}>
          {i > 0 && "; "}
          {publisherWords(info, locale)} · {t("release", { release: info.release ?? c("notStated") })}
          {info.addresses.length > 0 && (
            <>
              {" "}
              · <Addresses addresses={info.addresses} />
            </>
          )}
        </span>
      ))}
      {unsourced && `${infos.length ? "; " : ""}${t("someUnsourced")}`}
      {infos.length > 0 && (
        <>
          {" "}
          ·{" "}
          <a href="#sources" className="underline underline-offset-2">
            {t("licencesAndImports")}
          </a>
        </>
      )}
    </p>
  );
}

interface Grouped {
  info: SourceInfo | null;
  values: number;
  imports: SourcedImport[];
}

/** One entry per publisher and release (reports quoting the same figures merged), imports added up. */
function group(sources: readonly SeriesSource[]): Grouped[] {
  const out = new Map<string, Grouped>();
  for (const s of sources) {
    const key = s.info ? JSON.stringify([s.info.publisher, s.info.release, s.info.quotedBy, s.info.licence?.name ?? null]) : "";
    const seen = out.get(key);
    if (!seen) {
      out.set(key, { info: s.info && mergeSources([s.info])[0]!, values: s.values, imports: s.imports.map((i) => ({ ...i })) });
      continue;
    }
    seen.values += s.values;
    if (seen.info && s.info) seen.info = mergeSources([seen.info, s.info])[0]!;
    for (const i of s.imports) {
      const known = seen.imports.find((x) => x.id === i.id);
      if (known) known.values += i.values;
      else seen.imports.push({ ...i });
    }
  }
  return [...out.values()];
}

export interface SourcedSeries {
  key: string;
  /** What the series is: "Personal remittances, received: Tajikistan, from all countries". */
  title: string;
  sources: SeriesSource[];
}

export async function SourcesSection({ series }: { series: readonly SourcedSeries[] }) {
  const t = await getTranslations("Sources");
  const c = await getTranslations("Common");
  const locale = (await getLocale()) as Locale;
  return (
    <Card className="p-4" id="sources" data-testid="sources-section">
      {/* A real heading (Tremor's Title is a <p>): the series titles below are h3s under it. */}
      <h2 className="text-tremor-title font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h2>
      <ul className="mt-2 space-y-4 text-tremor-default">
        {series.map((s) => (
          <li key={s.key}>
            <h3 className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{s.title}</h3>
            {s.sources.length === 0 && <p className="text-tremor-label">{t("noValues")}</p>}
            {group(s.sources).map((g) => (
              <dl key={g.info ? `${g.info.publisher}|${g.info.release}|${g.info.quotedBy}` : "none"} className="mt-1 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-2 text-tremor-label">
                <dt>{t("publisher")}</dt>
                <dd className="min-w-0">{g.info ? publisherWords(g.info, locale) : t("noPublisher")}</dd>
                <dt>{t("releaseLabel")}</dt>
                <dd>{g.info ? releaseWords(g.info, locale) : c("notStated")}</dd>
                <dt>{t("licence")}</dt>
                <dd>
                  {g.info?.licence ? (
                    <a href={g.info.licence.url} rel="noopener noreferrer" className="underline underline-offset-2">
                      {g.info.licence.name}
                    </a>
                  ) : g.info ? (
                    licenceWords(g.info, locale)
                  ) : (
                    c("notStated")
                  )}
                </dd>
                <dt>{t("address")}</dt>
                <dd className="min-w-0 break-words">{g.info?.addresses.length ? <Addresses addresses={g.info.addresses} /> : t("notStored")}</dd>
                <dt>{t("imports")}</dt>
                <dd className="min-w-0">
                  {g.imports.map((i, n) => (
                    <span key={i.id}>
                      {n > 0 && "; "}
                      <Link href={`/imports/${i.id}`} className="underline underline-offset-2">
                        {t("importLink", { id: i.id })}
                      </Link>{" "}
                      ({t("importDetail", { file: i.fileName.split("/").at(-1) ?? "", date: date(i.importedAt.slice(0, 10), "day", locale), count: i.values })})
                    </span>
                  ))}
                </dd>
              </dl>
            ))}
          </li>
        ))}
      </ul>
    </Card>
  );
}
