import type { Kind } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";

/** One event mark: a kind-coloured disc with a short label (kind glyph, cluster count or footnote number). */
export function EventMarker({ x, y, kind, label, large = false, size = 7 }: { x: number; y: number; kind: Kind; label: string; large?: boolean; size?: number }) {
  const r = large ? size + 2 + Math.max(0, label.length - 2) * 2.5 : size + Math.max(0, label.length - 1) * 2.5;
  return (
    <>
      <circle cx={x} cy={y} r={r} fill={KIND_COLOUR[kind]} stroke="white" strokeWidth={1.5} />
      <text x={x} y={y + 3.5} textAnchor="middle" fontSize={label.length > 2 ? 9 : 10} fontWeight={700} fill="white" pointerEvents="none">
        {label}
      </text>
    </>
  );
}
