import { revisionLines, type DiffChange } from "@/lib/import-result";

/** Old values (grey, dashed; a grey dot joined to its new value) and new ones (blue) over the changed periods; new observations as hollow dots. */
export function RevisionSparkline({ changes, label }: { changes: DiffChange[]; label: string }) {
  const w = 120;
  const h = 28;
  const lines = revisionLines(changes, w, h);
  if (!lines.new) return null;
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className="h-7 w-28 shrink-0 overflow-visible" role="img" aria-label={label}>
      {lines.old.map((points) => (
        <polyline key={points} points={points} fill="none" className="stroke-gray-400" strokeWidth={1.5} strokeDasharray="3 2" vectorEffect="non-scaling-stroke" />
      ))}
      <polyline points={lines.new} fill="none" className="stroke-blue-600 dark:stroke-blue-400" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      {lines.dots.map(
        (d) =>
          d.oldY !== null &&
          d.oldY !== d.y && (
            <g key={`old-${d.x}`}>
              <line x1={d.x} x2={d.x} y1={d.oldY} y2={d.y} className="stroke-gray-400" strokeWidth={1} />
              <circle cx={d.x} cy={d.oldY} r={2.5} className="fill-gray-400" />
            </g>
          ),
      )}
      {lines.dots.map((d) => (
        <circle
          key={`${d.x}`}
          cx={d.x}
          cy={d.y}
          r={2.5}
          className={d.isNew ? "fill-white stroke-blue-600 dark:fill-gray-900 dark:stroke-blue-400" : "fill-blue-600 dark:fill-blue-400"}
          strokeWidth={1.2}
        />
      ))}
    </svg>
  );
}
