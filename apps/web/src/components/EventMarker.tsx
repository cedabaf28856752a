import type { Kind } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";

/**
 * One event mark: a kind-coloured disc with a short label (kind glyph, cluster count or footnote
 * number). `hollow` (a related event, another corridor's): an outlined ring on the background colour.
 */
export function EventMarker({
  x,
  y,
  kind,
  label,
  large = false,
  size = 7,
  hollow,
}: {
  x: number;
  y: number;
  kind: Kind;
  label: string;
  large?: boolean;
  size?: number;
  /** A related event's ring: filled with this background colour, or (true) the page's, light or dark. */
  hollow?: string | true;
}) {
  const r = large ? size + 2 + Math.max(0, label.length - 2) * 2.5 : size + Math.max(0, label.length - 1) * 2.5;
  return (
    <>
      <circle
        cx={x}
        cy={y}
        r={r}
        fill={hollow ? (hollow === true ? undefined : hollow) : KIND_COLOUR[kind]}
        stroke={hollow ? KIND_COLOUR[kind] : "white"}
        strokeWidth={1.5}
        strokeDasharray={hollow ? "3 2" : undefined}
        className={hollow === true ? "related-marker fill-tremor-background dark:fill-dark-tremor-background" : hollow ? "cr-bg related-marker" : undefined}
      />
      <text x={x} y={y + 3.5} textAnchor="middle" fontSize={label.length > 2 ? 9 : 10} fontWeight={700} fill={hollow ? KIND_COLOUR[kind] : "white"} pointerEvents="none">
        {label}
      </text>
    </>
  );
}
