import { Fragment } from "react";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { Badge, Card, Text, Title } from "@tremor/react";
import { getImport } from "@corridor/data";
import { Link } from "@/i18n/navigation";
import { isLocale, type Locale } from "@/i18n/routing";
import { db } from "@/server/db";
import { countsIn, optionPairs, when } from "@/lib/imports-view";
import { hasRole, requirePageReader } from "@/server/page-auth";
import { UndoButton } from "@/components/imports/UndoButton";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  const t = await getTranslations({ locale, namespace: "Meta" });
  return { title: `#${id} · ${t("imports")}` };
}

export default async function ImportPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { id: raw, locale: rawLocale } = await params;
  const locale: Locale = isLocale(rawLocale) ? rawLocale : "en";
  setRequestLocale(locale);
  const analyst = hasRole(await requirePageReader(`/imports/${encodeURIComponent(raw)}`), "analyst");
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const row = await getImport(await db(), id);
  if (!row) notFound();
  const t = await getTranslations("Imports");
  const messages = await getMessages();
  const number = new Intl.NumberFormat(locale);
  const facts: [string, string][] = [
    [t("facts.imported"), when(row.importedAt, locale)],
    [t("facts.by"), row.importedBy],
    [t("facts.format"), row.format],
    [t("facts.rowsRead"), number.format(row.rowsRead)],
    [t("facts.new"), number.format(row.inserted)],
    [t("facts.changed"), number.format(row.updated)],
    [t("facts.unchanged"), number.format(row.unchanged)],
    [t("facts.missing"), number.format(row.skippedMissing)],
    [t("facts.rejected"), number.format(row.rejected)],
  ];
  // The options as the page's language names them (English keeps the API's own names): known keys and values translated, anything else as stored.
  const u = await getTranslations("Upload");
  const OPTION_KEYS = ["format", "indicator", "origin", "destination", "source", "map", "countryRole", "columns", "decimal", "delimiter", "encoding", "profile"] as const;
  const optionKey = (k: string) => ((OPTION_KEYS as readonly string[]).includes(k) ? t(`options.${k as (typeof OPTION_KEYS)[number]}`) : k);
  const ROLES = ["indicator", "origin", "destination", "country", "period", "value", "breakdown", "flag", "source"] as const;
  const optionValue = (k: string, v: string) => {
    if ((k === "delimiter" || k === "decimal") && ["comma", "semicolon", "tab", "pipe"].includes(v)) return u(`delimiters.${v as "comma"}`);
    if (k === "decimal" && v === "point") return u("point");
    const role = /^([a-z]+)=(.*)$/.exec(v);
    if (k === "map" && role && (ROLES as readonly string[]).includes(role[1]!)) return `${u(`roles.${role[1] as (typeof ROLES)[number]}`)}=${role[2]}`;
    return v;
  };
  const status = row.status === "undone" || row.status === "committed" ? t(`status.${row.status}`) : row.status;
  return (
    <div className="space-y-4">
      <Link href="/imports" className="text-tremor-default text-tremor-brand hover:underline dark:text-dark-tremor-brand">
        {t("allImports")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("title", { id: row.id, file: row.fileName })}</h1>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <Badge color={row.status === "undone" ? "gray" : "emerald"} size="xs">
              {status}
              {row.undoneAt ? ` ${when(row.undoneAt, locale)}` : ""}
            </Badge>
            <Text>{countsIn(row, (key, n) => t(`counts.${key}`, { count: number.format(n) }), t("counts.none"))}</Text>
          </div>
        </div>
        <div className="flex items-start gap-2">
          <a
            href={`/api/imports/${row.id}/file`}
            download
            className="rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:hover:bg-dark-tremor-background-subtle"
          >
            {t("downloadOriginal")}
          </a>
          {analyst && row.status === "committed" && (
            <NextIntlClientProvider locale={locale} messages={{ Undo: messages.Undo }}>
              <UndoButton importId={row.id} fileName={row.fileName} />
            </NextIntlClientProvider>
          )}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="p-4">
          <Title>{t("whatHappened")}</Title>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-tremor-default">
            {facts.map(([k, v]) => (
              <Fragment key={k}>
                <dt className="text-tremor-content-subtle">{k}</dt>
                <dd className="tabular-nums text-tremor-content-strong dark:text-dark-tremor-content-strong">{v}</dd>
              </Fragment>
            ))}
          </dl>
          <p className="mt-3 break-all font-mono text-tremor-label text-tremor-content-subtle">sha256 {row.sha256}</p>
        </Card>
        <Card className="p-4">
          <Title>{t("howRead")}</Title>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-tremor-default">
            {optionPairs(row.options).map(([k, v], i) => (
              <Fragment key={i}>
                <dt className="text-tremor-content-subtle">{optionKey(k)}</dt>
                <dd className="break-words text-tremor-content-strong dark:text-dark-tremor-content-strong">{optionValue(k, v)}</dd>
              </Fragment>
            ))}
          </dl>
        </Card>
      </div>
    </div>
  );
}
