import { getTranslations } from "next-intl/server";
import { Text } from "@tremor/react";
import { listIndicators } from "@corridor/data";
import { db } from "@/server/db";
import { requirePageRole } from "@/server/page-auth";
import { UploadWorkbench } from "@/components/upload/UploadWorkbench";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("upload") };
}

export default async function UploadPage() {
  await requirePageRole("analyst", "/upload");
  const indicators = (await listIndicators(db())).map((i) => ({ code: i.code, name: i.name }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">Upload data</h1>
        <Text>A table as the ministry or agency published it: previewed here, checked on the server, written only when you commit.</Text>
      </div>
      <UploadWorkbench indicators={indicators} />
    </div>
  );
}
