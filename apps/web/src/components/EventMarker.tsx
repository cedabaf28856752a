/** One event mark: a kind-coloured disc with the kind's glyph, or the count of a cluster. */
import type { Kind } from "@/lib/chart-model";
import { KIND_COLOUR, KIND_GLYPH } from "@/lib/palette";

export function EventMarker({ x, y, kind, count, size = 7 }: { x: number; y: number; kind: Kind; count: number; size?: number }) {
  return (
    <>
      <circle cx={x} cy={y} r={count > 1 ? size + 2 : size} fill={KIND_COLOUR[kind]} stroke="white" strokeWidth={1.5} />
      <text x={x} y={y + 3.5} textAnchor="middle" fontSize={count > 1 ? 10 : 9} fontWeight={700} fill="white" pointerEvents="none">
        {count > 1 ? count : KIND_GLYPH[kind]}
      </text>
    </>
  );
}
