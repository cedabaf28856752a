"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { windowAround, type ImportError, errorsByLine } from "@/lib/import-result";
import type { ColumnPreview, PreviewRow } from "@/lib/preview";

const ROWS = 40;

/** The file as parsed: line numbers, the header, a window of rows, the offending cells of the check marked. */
export function PreviewTable({ header, rows, columns, errors, focusLine }: { header: PreviewRow; rows: PreviewRow[]; columns: ColumnPreview[]; errors: ImportError[]; focusLine: number | null }) {
  const t = useTranslations("Upload");
  const byLine = errorsByLine(
    errors,
    header.fields.map((h) => h.replace(/^\ufeff/, "").trim()),
  );
  const shown = windowAround(rows, focusLine, ROWS);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusLine === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-line="${focusLine}"]`);
    row?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [focusLine, shown.start]);
  const width = Math.max(header.fields.length, ...shown.rows.map((r) => r.fields.length));
  return (
    <div>
      <div ref={scroller} className="max-h-[28rem] overflow-auto rounded-tremor-small border border-tremor-border dark:border-dark-tremor-border" data-testid="preview">
        <table className="min-w-full text-left text-tremor-default">
          <thead className="sticky top-0 bg-tremor-background-subtle dark:bg-dark-tremor-background-subtle">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-right text-tremor-label font-medium text-tremor-content-subtle">
                {t("previewTable.line")}
              </th>
              {Array.from({ length: width }, (_, i) => (
                <th key={i} scope="col" className="whitespace-nowrap px-2 py-1.5 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                  {header.fields[i] ?? ""}
                  {columns[i]?.role && (
                    <span className="ml-1 rounded bg-blue-100 px-1 text-tremor-label font-normal text-blue-800 dark:bg-blue-900/50 dark:text-blue-200">{t(`roles.${columns[i]!.role!}`)}</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.start > 0 && (
              <tr>
                <td colSpan={width + 1} className="px-2 py-1 text-center text-tremor-content-subtle">
                  {t("previewTable.before", { line: shown.rows[0]?.line ?? 0 })}
                </td>
              </tr>
            )}
            {shown.rows.map((r) => {
              const problem = byLine.get(r.line);
              return (
                <tr
                  key={r.line}
                  data-line={r.line}
                  className={`${problem ? "bg-red-50 dark:bg-red-950/40" : ""} ${focusLine === r.line ? "outline outline-2 -outline-offset-2 outline-red-500" : ""} border-t border-tremor-border dark:border-dark-tremor-border`}
                  title={problem?.messages.join("\n")}
                  lang={problem ? "en" : undefined}
                >
                  <td className="px-2 py-1 text-right tabular-nums text-tremor-content-subtle">{r.line}</td>
                  {Array.from({ length: width }, (_, i) => (
                    <td
                      key={i}
                      data-error={problem?.columns.has(i) ? "true" : undefined}
                      className={`whitespace-nowrap px-2 py-1 ${problem?.columns.has(i) ? "bg-red-200 font-medium text-red-900 dark:bg-red-800/70 dark:text-red-50" : ""}`}
                    >
                      {r.fields[i] ?? ""}
                    </td>
                  ))}
                </tr>
              );
            })}
            {shown.start + shown.rows.length < rows.length && (
              <tr>
                <td colSpan={width + 1} className="px-2 py-1 text-center text-tremor-content-subtle">
                  {t("previewTable.more", { count: rows.length - shown.start - shown.rows.length })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
