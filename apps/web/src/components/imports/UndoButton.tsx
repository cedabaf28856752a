"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";

/** Undo an import after a confirm; a refusal (409: a later import changed its values) is shown as the server words it. */
export function UndoButton({ importId, fileName }: { importId: number; fileName: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const undo = async () => {
    if (!window.confirm(`Undo import #${importId} (${fileName})? Values it added are removed and values it changed go back to what they were.`)) return;
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/imports/${importId}`, { method: "DELETE", headers: { Accept: "application/json" } });
      const body = (await response.json().catch(() => ({}))) as { error?: string; deleted?: number; restored?: number };
      if (response.ok) {
        setMessage({ ok: true, text: `Undone: ${body.deleted ?? 0} removed, ${body.restored ?? 0} restored.` });
        router.refresh();
      } else {
        setMessage({ ok: false, text: body.error ?? `The server answered ${response.status}.` });
      }
    } catch {
      setMessage({ ok: false, text: "The server could not be reached." });
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
        {busy ? "Undoing…" : "Undo"}
      </button>
      {message && (
        <span role="status" className={`max-w-xs text-tremor-label ${message.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
