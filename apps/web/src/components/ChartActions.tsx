"use client";
/**
 * Share, embed and download for one chart. `query` is the chart's canonical series query (the
 * same one /api/charts/* and /embed/series take), so every output shows exactly this view.
 */
import { useId, useState, useSyncExternalStore } from "react";

export interface ChartActionsProps {
  /** Which chart: the event-annotated series or the explorer's comparison. */
  kind?: "series" | "compare";
  /** The chart's view query: indicator=…&origin=…&destination=…[&hide=…], or the explorer's. */
  query: string;
  /** The page that shows this view (path + query), for "copy link". */
  viewPath: string;
  title: string;
  /** The page's language: the embed code and images carry `lang=ru`, so a pinned Russian embed stays Russian. */
  locale?: "en" | "ru";
  labels: ChartActionLabels;
}

/** Words from the page's catalog (server/chart-action-labels.ts); `snapshot` has {id} and {date}. */
export interface ChartActionLabels {
  share: string;
  linkToView: string;
  embed: string;
  whichData: string;
  live: string;
  pinned: string;
  publishing: string;
  publishFailed: string;
  snapshot: string;
  responsive: string;
  fixed: string;
  preview: string;
  download: string;
  png: string;
  svg: string;
  pdf: string;
  csvSeries: string;
  csvCompare: string;
  zipSeries: string;
  zipCompare: string;
  jsonSeries: string;
  jsonCompare: string;
  copy: string;
  copied: string;
}

type Mode = "live" | "pinned";

/** The keys a snapshot freezes; whatever else is in the query only changes how it is drawn. */
const VIEW_KEYS = {
  series: ["indicator", "origin", "destination", "frequency", "from", "to", "related"],
  compare: ["indicator", "series", "frequency", "from", "to", "chart", "log", "index"],
};

const button =
  "rounded-tremor-small border border-tremor-border px-2.5 py-1 text-tremor-label text-tremor-content-strong hover:bg-tremor-background-subtle dark:border-dark-tremor-border dark:text-dark-tremor-content-strong dark:hover:bg-dark-tremor-background-subtle";
const panel =
  "absolute right-0 z-20 mt-1 w-[min(36rem,90vw)] rounded-tremor-default border border-tremor-border bg-tremor-background p-3 text-tremor-default shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background";

function CopyField({ label, value, rows = 3, words }: { label: string; value: string; rows?: number; words: { copy: string; copied: string } }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 text-tremor-label">
      <div className="flex items-center justify-between">
        <label htmlFor={id}>{label}</label>
        <button
          type="button"
          className="underline"
          onClick={() =>
            navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? words.copied : words.copy}
        </button>
      </div>
      <textarea
        id={id}
        readOnly
        rows={rows}
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded-tremor-small border-tremor-border font-mono text-xs dark:bg-dark-tremor-background"
      />
    </div>
  );
}

/** The page's origin never changes while it is open: nothing to subscribe to. */
const noSubscription = () => () => {};

export function ChartActions({ kind = "series", query, viewPath, title, locale = "en", labels: l }: ChartActionsProps) {
  // Absolute URLs need the origin the reader sees: known only in the browser ("" while rendering on the server).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const [mode, setMode] = useState<Mode>("live");
  const [pinned, setPinned] = useState<{ id: string; createdAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    setMode("pinned");
    if (pinned) return;
    setError(null);
    const response = await fetch(`/api/snapshots?${kind === "compare" ? `kind=compare&${query}` : query}`, { method: "POST" }).catch(() => null);
    const body = response ? await response.json().catch(() => null) : null;
    if (!response?.ok || !body?.id) return setError(body?.error ?? l.publishFailed);
    setPinned({ id: body.id, createdAt: body.createdAt });
  };

  // A pinned chart's version replaces the series query; display options (hide, events) stay.
  const display = new URLSearchParams(query);
  for (const key of VIEW_KEYS[kind]) display.delete(key);
  if (locale !== "en") display.set("lang", locale);
  const chartQuery = mode === "pinned" && pinned ? `version=${pinned.id}${display.size ? `&${display}` : ""}` : `${query}${locale !== "en" ? `&lang=${locale}` : ""}`;
  const words = { copy: l.copy, copied: l.copied };
  const embedUrl = `${origin}/embed/${kind}?${chartQuery}`;
  const safeTitle = title.replace(/"/g, "&quot;");
  const responsive = `<iframe data-corridor-embed src="${embedUrl}" title="${safeTitle}" style="width:100%;height:640px;border:0" loading="lazy"></iframe>\n<script async src="${origin}/embed.js"></script>`;
  const fixed = `<iframe src="${embedUrl}&width=960&height=600" title="${safeTitle}" width="960" height="640" style="border:0" loading="lazy"></iframe>`;
  const download = (ext: string, extra = "") => `/api/charts/${kind}.${ext}?${chartQuery}${extra}&download=1`;

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="chart-actions">
      <details className="relative">
        <summary className={`${button} cursor-pointer list-none`}>{l.share}</summary>
        <div className={panel}>
          <CopyField label={l.linkToView} value={`${origin}${viewPath}`} rows={2} words={words} />
        </div>
      </details>
      <details className="relative">
        <summary className={`${button} cursor-pointer list-none`}>{l.embed}</summary>
        <div className={panel}>
          <fieldset className="flex flex-wrap gap-4 text-tremor-label">
            <legend className="sr-only">{l.whichData}</legend>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="embed-mode" checked={mode === "live"} onChange={() => setMode("live")} /> {l.live}
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="embed-mode" checked={mode === "pinned"} onChange={publish} /> {l.pinned}
            </label>
          </fieldset>
          {mode === "pinned" && !pinned && !error && <p className="mt-2 text-tremor-label">{l.publishing}</p>}
          {error && (
            <p role="alert" className="mt-2 text-tremor-label text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          {pinned && mode === "pinned" && <p className="mt-2 text-tremor-label">{l.snapshot.replace("{id}", pinned.id).replace("{date}", pinned.createdAt.slice(0, 10))}</p>}
          <CopyField label={l.responsive} value={responsive} rows={4} words={words} />
          <CopyField label={l.fixed} value={fixed} words={words} />
          <p className="mt-2 text-tremor-label">
            <a className="underline" href={`/embed/${kind}?${chartQuery}`} target="_blank" rel="noopener">
              {l.preview}
            </a>
          </p>
        </div>
      </details>
      <details className="relative">
        <summary className={`${button} cursor-pointer list-none`}>{l.download}</summary>
        <div className={`${panel} w-56`}>
          <ul className="space-y-1">
            <li>
              <a className="underline" href={download("png", "&scale=2")}>
                {l.png}
              </a>
            </li>
            <li>
              <a className="underline" href={download("svg")}>
                {l.svg}
              </a>
            </li>
            <li>
              <a className="underline" href={download("pdf")}>
                {l.pdf}
              </a>
            </li>
            <li>
              <a className="underline" href={download("csv")}>
                {kind === "compare" ? l.csvCompare : l.csvSeries}
              </a>
            </li>
            <li>
              <a className="underline" href={download("zip")}>
                {kind === "compare" ? l.zipCompare : l.zipSeries}
              </a>
            </li>
            <li>
              <a className="underline" href={download("json")}>
                {kind === "compare" ? l.jsonCompare : l.jsonSeries}
              </a>
            </li>
          </ul>
        </div>
      </details>
    </div>
  );
}
