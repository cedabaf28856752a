import { Fragment } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, Text, Title } from "@tremor/react";
import { getImport } from "@corridor/data";
import { db } from "@/server/db";
import { countsLine, optionPairs, when } from "@/lib/imports-view";
import { hasRole, requirePageReader } from "@/server/page-auth";
import { UndoButton } from "@/components/imports/UndoButton";

export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const analyst = hasRole(await requirePageReader(`/imports/${encodeURIComponent(raw)}`), "analyst");
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  const row = await getImport(db(), id);
  if (!row) notFound();
  const facts: [string, string][] = [
    ["Imported", when(row.importedAt)],
    ["By", row.importedBy],
    ["Format", row.format],
    ["Rows read", String(row.rowsRead)],
    ["New", String(row.inserted)],
    ["Changed", String(row.updated)],
    ["Unchanged", String(row.unchanged)],
    ["Missing values skipped", String(row.skippedMissing)],
    ["Rejected", String(row.rejected)],
  ];
  return (
    <div className="space-y-4">
      <Link href="/imports" className="text-tremor-default text-tremor-brand hover:underline dark:text-dark-tremor-brand">
        ← All imports
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Import #{row.id}: {row.fileName}
          </h1>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <Badge color={row.status === "undone" ? "gray" : "emerald"} size="xs">
              {row.status}
              {row.undoneAt ? ` ${when(row.undoneAt)}` : ""}
            </Badge>
            <Text>{countsLine(row)}</Text>
          </div>
        </div>
        <div className="flex items-start gap-2">
          <a
            href={`/api/imports/${row.id}/file`}
            download
            className="rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:hover:bg-dark-tremor-background-subtle"
          >
            Download the original
          </a>
          {analyst && row.status === "committed" && <UndoButton importId={row.id} fileName={row.fileName} />}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Card className="p-4">
          <Title>What happened</Title>
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
          <Title>How the file was read</Title>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-tremor-default">
            {optionPairs(row.options).map(([k, v], i) => (
              <Fragment key={i}>
                <dt className="text-tremor-content-subtle">{k}</dt>
                <dd className="break-words text-tremor-content-strong dark:text-dark-tremor-content-strong">{v}</dd>
              </Fragment>
            ))}
          </dl>
        </Card>
      </div>
    </div>
  );
}
