"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

/** Undo an import after a confirm; a refusal (409: a later import changed its values) is shown as the server words it. */
export function UndoButton({ importId, fileName }: { importId: number; fileName: string }) {
  const router = useRouter();
  const t = useTranslations("Undo");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string; lang?: string } | null>(null);
  const undo = async () => {
    if (!window.confirm(t("confirm", { id: importId, file: fileName }))) return;
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/imports/${importId}`, { method: "DELETE", headers: { Accept: "application/json" } });
      const body = (await response.json().catch(() => ({}))) as { error?: string; deleted?: number; restored?: number };
      if (response.ok) {
        setMessage({ ok: true, text: t("done", { deleted: body.deleted ?? 0, restored: body.restored ?? 0 }) });
        router.refresh();
      } else {
        // The server's refusal is the data package's English: marked so for readers and screen readers.
        setMessage(body.error ? { ok: false, text: body.error, lang: "en" } : { ok: false, text: t("status", { status: response.status }) });
      }
    } catch {
      setMessage({ ok: false, text: t("unreachable") });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => void undo()}
        disabled={busy}
        data-testid={`undo-${importId}`}
        className="rounded-tremor-small border border-red-300 px-2.5 py-1 text-tremor-default font-medium text-red-700 hover:bg-red-50 disabled:opacity-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950/50"
      >
        {busy ? t("busy") : t("button")}
      </button>
      {message && (
        <span role="status" lang={message.lang} className={`max-w-xs text-tremor-label ${message.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
