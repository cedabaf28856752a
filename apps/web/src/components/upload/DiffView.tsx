import { TableHeader } from "@/components/TableHeader";
import { Badge, Card, Text, Title } from "@tremor/react";
import { full } from "@/lib/format";
import { boundSign, formatRevision, type DiffSummary } from "@/lib/import-result";
import { RevisionSparkline } from "./RevisionSparkline";

/** What the import would change, per indicator and corridor: new observations, revisions old → new, unchanged. */
export function DiffView({ summary, onLine }: { summary: DiffSummary; onLine?: (line: number) => void }) {
  return (
    <Card className="p-4" data-testid="diff">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Title>What changes</Title>
        <div className="flex flex-wrap gap-2">
          <Badge color="emerald">{full(summary.inserted)} new</Badge>
          <Badge color="amber">{full(summary.updated)} changed</Badge>
          <Badge color="gray">{full(summary.unchanged)} unchanged</Badge>
        </div>
      </div>
      {summary.truncated && <Text className="mt-2 text-amber-700 dark:text-amber-400">Only the first changes of each group are listed; the counts are complete.</Text>}
      {summary.groups.length === 0 && <Text className="mt-3">No observations in this file.</Text>}
      <ul className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border">
        {summary.groups.map((g) => (
          <li key={g.key} className="py-3" data-testid="diff-group">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="min-w-0">
                <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" title={g.codes}>
                  {g.label}
                </p>
                <Text>
                  {g.inserted} new · {g.updated} changed · {g.unchanged} unchanged
                </Text>
              </div>
              <RevisionSparkline changes={g.changes} label={`${g.label}: old values dashed, new values solid`} />
            </div>
            {g.changes.length > 0 && (
              <table className="mt-2 w-full text-left text-tremor-default">
                <TableHeader
                  columns={[
                    { label: "Period", className: "py-1" },
                    { label: "Old", className: "py-1 text-right" },
                    { label: "New", className: "py-1 text-right" },
                    { label: "Change", className: "py-1 text-right" },
                    { label: "Line", className: "py-1 text-right" },
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
                            new
                          </Badge>
                        ) : (
                          formatRevision(c)
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
            {g.changes.length > 12 && <Text className="mt-1">…and {g.changes.length - 12} more.</Text>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
