import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Badge, Card, Text } from "@tremor/react";
import { listImports } from "@corridor/data";
import { db } from "@/server/db";
import { countsLine, when } from "@/lib/imports-view";
import { hasRole, requirePageReader } from "@/server/page-auth";
import { UndoButton } from "@/components/imports/UndoButton";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("imports") };
}

export default async function ImportsPage() {
  // Provenance is public like the data (a viewer under CORRIDOR_REQUIRE_LOGIN); changing it is not.
  const analyst = hasRole(await requirePageReader("/imports"), "analyst");
  const rows = await listImports(db());
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Imports</h1>
          <Text>Every file that went into the database: who, when, what it changed. Undo brings the previous values back.</Text>
        </div>
        {analyst && (
          <Link href="/upload" className="rounded-tremor-small bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis">
            Upload a file
          </Link>
        )}
      </div>
      <Card className="p-0">
        {rows.length === 0 && <Text className="p-4">No imports yet.</Text>}
        <ul className="divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="imports">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid={`import-${row.id}`}>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/imports/${row.id}`} className="font-medium text-tremor-content-strong hover:underline dark:text-dark-tremor-content-strong">
                    #{row.id} {row.fileName}
                  </Link>
                  <Badge color={row.status === "undone" ? "gray" : "emerald"} size="xs">
                    {row.status}
                  </Badge>
                  <Badge color="blue" size="xs">
                    {row.format}
                  </Badge>
                </div>
                <Text className="mt-0.5">
                  {when(row.importedAt)} · {row.importedBy}
                  {row.undoneAt ? ` · undone ${when(row.undoneAt)}` : ""}
                </Text>
                <Text className="mt-0.5">{countsLine(row)}</Text>
                <p className="mt-0.5 truncate font-mono text-tremor-label text-tremor-content-subtle" title={row.sha256}>
                  sha256 {row.sha256}
                </p>
              </div>
              <div className="flex items-start gap-2">
                <a
                  href={`/api/imports/${row.id}/file`}
                  className="rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-default hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:hover:bg-dark-tremor-background-subtle"
                  download
                >
                  Original
                </a>
                {analyst && row.status === "committed" && <UndoButton importId={row.id} fileName={row.fileName} />}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
