import type { Kind } from "@/lib/chart-model";
import { KIND_COLOUR } from "@/lib/palette";

/**
 * One event mark: a kind-coloured disc with a short label (kind glyph, cluster count or footnote
 * number). `hollow` (unverified events, and related ones: another corridor's): a dashed ring in the kind's colour on the background.
 */
export function EventMarker({
  x,
  y,
  kind,
  label,
  large = false,
  size = 7,
  hollow = false,
  background,
}: {
  x: number;
  y: number;
  kind: Kind;
  label: string;
  large?: boolean;
  size?: number;
  hollow?: boolean;
  /** The hollow disc's fill in a standalone SVG (absent: the page's background colour). */
  background?: string;
}) {
  const r = large ? size + 2 + Math.max(0, label.length - 2) * 2.5 : size + Math.max(0, label.length - 1) * 2.5;
  const colour = KIND_COLOUR[kind];
  return (
    <>
      {hollow ? (
        <circle
          cx={x}
          cy={y}
          r={r}
          fill={background ?? "currentColor"}
          className={background ? "cr-bg" : "fill-tremor-background dark:fill-dark-tremor-background"}
          stroke={colour}
          strokeWidth={1.75}
          strokeDasharray="3 2"
        />
      ) : (
        <circle cx={x} cy={y} r={r} fill={colour} stroke="white" strokeWidth={1.5} />
      )}
      <text x={x} y={y + 3.5} textAnchor="middle" fontSize={label.length > 2 ? 9 : 10} fontWeight={700} fill={hollow ? colour : "white"} pointerEvents="none">
        {label}
      </text>
    </>
  );
}
