"use client";
import { TableHeader } from "@/components/TableHeader";
import { Badge, Card, Text, Title } from "@tremor/react";
import { useLocale, useTranslations } from "next-intl";
import { full as fullIn } from "@/lib/format";
import { boundSign, formatRevision, type DiffSummary } from "@/lib/import-result";
import { RevisionSparkline } from "./RevisionSparkline";

/** What the import would change, per indicator and corridor: new observations, revisions old → new, unchanged. */
export function DiffView({ summary, onLine }: { summary: DiffSummary; onLine?: (line: number) => void }) {
  const t = useTranslations("Upload.diff");
  const locale = useLocale();
  const full = (n: number) => fullIn(n, locale);
  return (
    <Card className="p-4" data-testid="diff">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title>{t("title")}</Title>
        <div className="flex flex-wrap gap-2">
          <Badge color="emerald">{t("new", { count: full(summary.inserted) })}</Badge>
          <Badge color="amber">{t("changed", { count: full(summary.updated) })}</Badge>
          <Badge color="gray">{t("unchanged", { count: full(summary.unchanged) })}</Badge>
        </div>
      </div>
      {summary.truncated && <Text className="mt-2 text-amber-700 dark:text-amber-400">{t("truncated")}</Text>}
      {summary.groups.length === 0 && <Text className="mt-3">{t("empty")}</Text>}
      <ul className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border">
        {summary.groups.map((g) => (
          <li key={g.key} className="py-3" data-testid="diff-group">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" title={g.codes}>
                  {g.label}
                </p>
                <Text>{t("groupCounts", { inserted: full(g.inserted), updated: full(g.updated), unchanged: full(g.unchanged) })}</Text>
              </div>
              <RevisionSparkline changes={g.changes} label={t("sparkline", { label: g.label })} />
            </div>
            {g.changes.length > 0 && (
              <table className="mt-2 w-full text-left text-tremor-default">
                <TableHeader
                  columns={[
                    { label: t("period"), className: "py-1" },
                    { label: t("old"), className: "py-1 text-right" },
                    { label: t("newValue"), className: "py-1 text-right" },
                    { label: t("change"), className: "py-1 text-right" },
                    { label: t("line"), className: "py-1 text-right" },
                  ]}
                />
                <tbody>
                  {g.changes.slice(0, 12).map((c) => (
                    <tr key={c.period} className="tabular-nums">
                      <td className="py-0.5">{c.period}</td>
                      <td className="py-0.5 text-right text-tremor-content-subtle">{c.old === null ? "—" : `${boundSign(c.oldBound)}${full(c.old)}`}</td>
                      <td className="py-0.5 text-right font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{`${boundSign(c.newBound)}${full(c.new)}`}</td>
                      <td className="py-0.5 text-right">
                        {c.old === null ? (
                          <Badge color="emerald" size="xs">
                            {t("newBadge")}
                          </Badge>
                        ) : (
                          formatRevision(c, locale)
                        )}
                      </td>
                      <td className="py-0.5 text-right">
                        {onLine ? (
                          <button type="button" className="text-tremor-brand underline-offset-2 hover:underline dark:text-dark-tremor-brand" onClick={() => onLine(c.line)}>
                            {c.line}
                          </button>
                        ) : (
                          c.line
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {g.changes.length > 12 && <Text className="mt-1">{t("more", { count: g.changes.length - 12 })}</Text>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
