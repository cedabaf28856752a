"use client";
/**
 * The read-out of a server-drawn chart: over the plot, a guide at the nearest period and a box with
 * its values, already formatted by the server. A few hundred bytes of script instead of a charting
 * library, so the page stays light; the values are also in the panel's table and CSV.
 */
import { useState, type ReactNode } from "react";

export interface HoverRow {
  /** The row's x as a fraction of the chart's width. */
  x: number;
  title: string;
  lines: string[];
}

export function PlotHover({ rows, label, children }: { rows: HoverRow[]; label: string; children: ReactNode }) {
  const [active, setActive] = useState<number | null>(null);
  const row = active === null ? null : rows[active];
  return (
    <div
      className="relative"
      role="img"
      aria-label={label}
      onPointerLeave={() => setActive(null)}
      onPointerMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const fx = (e.clientX - box.left) / box.width;
        let best = -1;
        for (let i = 0; i < rows.length; i++) if (best < 0 || Math.abs(rows[i]!.x - fx) < Math.abs(rows[best]!.x - fx)) best = i;
        setActive(best < 0 ? null : best);
      }}
    >
      {children}
      {row && (
        <>
          <div className="pointer-events-none absolute inset-y-0 w-px bg-tremor-content-subtle/60" style={{ left: `${row.x * 100}%` }} />
          <div
            className="pointer-events-none absolute top-2 z-10 whitespace-nowrap rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1 text-tremor-label shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background"
            style={row.x > 0.6 ? { right: `${(1 - row.x) * 100 + 1}%` } : { left: `${row.x * 100 + 1}%` }}
            data-testid="plot-hover"
          >
            <p className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{row.title}</p>
            {row.lines.map((l) => (
              <p key={l}>{l}</p>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
