import { getTranslations, setRequestLocale } from "next-intl/server";
import { TableHeader } from "@/components/TableHeader";
import { Link } from "@/i18n/navigation";
import { isLocale, type Locale } from "@/i18n/routing";
import { Badge, Card, Text, Title } from "@tremor/react";
import { listIndicators, observationHistory, type ObservationHistory } from "@corridor/data";
import { db } from "@/server/db";
import { flagMeaning as flagIn, indicatorName } from "@corridor/data/pure";
import { full as fullIn } from "@/lib/format";
import { when } from "@/lib/imports-view";
import { ParameterError, toSearchParams } from "@/lib/params";
import { parseObservationKey, type ObservationKey } from "@/lib/observation-query";
import { requirePageReader } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("observations") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ObservationPage({ params: route, searchParams }: { params: Promise<{ locale: string }>; searchParams: SearchParams }) {
  const raw = (await route).locale;
  const locale: Locale = isLocale(raw) ? raw : "en";
  setRequestLocale(locale);
  const t = await getTranslations("Observation");
  const full = (n: number) => fullIn(n, locale);
  const flagMeaning = (flag: string) => flagIn(flag, locale);
  const params = toSearchParams(await searchParams);
  await requirePageReader(params.size ? `/observations?${params}` : "/observations");
  let key: ObservationKey | null = null;
  let problem: string | null = null;
  // Opened bare (from the menu or a typed address): a form to fill and where to find values, not an error.
  if (params.size > 0) {
    try {
      key = parseObservationKey(params);
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      problem = error.message;
    }
  }
  const indicators = key ? [] : await listIndicators(await db());
  const result: ObservationHistory | null = key ? await observationHistory(await db(), key) : null;
  const importLink = (id: number | null) =>
    id === null ? (
      "—"
    ) : (
      <Link className="text-tremor-brand hover:underline dark:text-dark-tremor-brand" href={`/imports/${id}`}>
        #{id}
      </Link>
    );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("heading")}</h1>
        {key && (
          <Text>
            {key.indicator} · {key.origin} → {key.destination} · {key.period}
            {key.breakdown !== "total" ? ` · ${key.breakdown}` : ""}
          </Text>
        )}
      </div>
      <form
        action={locale === "en" ? "/observations" : `/${locale}/observations`}
        className="grid gap-3 rounded-tremor-default border border-tremor-border bg-tremor-background p-4 text-tremor-default sm:grid-cols-3 lg:grid-cols-6 dark:border-dark-tremor-border dark:bg-dark-tremor-background"
      >
        {(["indicator", "origin", "destination", "period", "breakdown"] as const).map((name) => (
          <label key={name} className={name === "indicator" ? "sm:col-span-2 lg:col-span-1" : ""}>
            {t(`fields.${name}`)}
            <input
              name={name}
              defaultValue={key?.[name] ?? ""}
              list={name === "indicator" && indicators.length ? "indicator-codes" : undefined}
              placeholder={t(`placeholders.${name}`)}
              className="mt-1 block w-full rounded-tremor-small border-tremor-border py-1 placeholder:italic placeholder:text-tremor-content-subtle dark:bg-dark-tremor-background dark:placeholder:text-dark-tremor-content-subtle"
            />
          </label>
        ))}
        {indicators.length > 0 && (
          <datalist id="indicator-codes">
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {indicatorName(i, locale)}
              </option>
            ))}
          </datalist>
        )}
        <div className="self-end">
          <button type="submit" className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-white">
            {t("show")}
          </button>
        </div>
      </form>
      {params.size === 0 && (
        <Card className="p-4" data-testid="observation-help">
          <Text>
            {t.rich("help", {
              link: (chunks) => (
                <Link className="text-tremor-brand underline dark:text-dark-tremor-brand" href="/observations?indicator=work_patents_issued&origin=TJK&destination=RUS&period=2021">
                  {chunks}
                </Link>
              ),
            })}
          </Text>
        </Card>
      )}
      {problem && (
        <Card className="p-4" decoration="left" decorationColor="amber">
          <Text lang="en">{problem}</Text>
        </Card>
      )}
      {result && (
        <>
          <Card className="p-4" data-testid="observation-current">
            <Title>{t("now")}</Title>
            {result.current ? (
              <p className="mt-1 text-3xl font-semibold tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">
                {full(result.current.value)}{" "}
                {result.current.flag && (
                  <Badge size="xs" title={flagMeaning(result.current.flag) ?? undefined}>
                    {result.current.flag}: {flagMeaning(result.current.flag)}
                  </Badge>
                )}
              </p>
            ) : (
              <Text className="mt-1">{t("noValue")}</Text>
            )}
            {result.current && (
              <Text className="mt-1">
                {t("fromImport")} {importLink(result.current.importId)}
                {result.current.source ? ` · ${result.current.source}` : ""}
              </Text>
            )}
          </Card>
          <Card className="p-4">
            <Title>{t("before")}</Title>
            {result.history.length === 0 ? (
              <Text className="mt-2">{t("noEarlier")}</Text>
            ) : (
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-left text-tremor-default" data-testid="observation-history">
                  <TableHeader
                    columns={[
                      { label: t("col.value"), className: "py-1 pr-3" },
                      { label: t("col.import"), className: "py-1 pr-3" },
                      { label: t("col.file"), className: "py-1 pr-3" },
                      { label: t("col.when"), className: "py-1 pr-3" },
                      { label: t("col.by"), className: "py-1 pr-3" },
                      { label: t("col.replacedBy"), className: "py-1" },
                    ]}
                  />
                  <tbody>
                    {result.history.map((h, i) => (
                      <tr key={i} className="border-t border-tremor-border tabular-nums dark:border-dark-tremor-border">
                        <td className="py-1 pr-3 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                          {full(h.value)}
                          {h.flag ? ` (${h.flag}: ${flagMeaning(h.flag)})` : ""}
                          {h.undone && (
                            <Badge size="xs" color="gray" className="ml-1">
                              {t("importUndone")}
                            </Badge>
                          )}
                        </td>
                        <td className="py-1 pr-3">{importLink(h.importId)}</td>
                        <td className="max-w-[14rem] truncate py-1 pr-3" title={h.fileName ?? ""}>
                          {h.fileName ?? "—"}
                        </td>
                        <td className="whitespace-nowrap py-1 pr-3">{h.importedAt ? when(h.importedAt, locale) : "—"}</td>
                        <td className="py-1 pr-3">{h.importedBy ?? "—"}</td>
                        <td className="py-1">
                          {h.replacedByImportId === null ? "—" : importLink(h.replacedByImportId)}
                          {h.replacedAt ? ` · ${when(h.replacedAt, locale)}` : ""}
                          {h.replacementUndone && (
                            <Badge size="xs" color="amber" className="ml-1">
                              {t("restored")}
                            </Badge>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
