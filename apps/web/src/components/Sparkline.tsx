/** A server-rendered sparkline: a few hundred bytes of SVG instead of a charting library per card. */
export function Sparkline({ values, label, colour = "#0072B2" }: { values: number[]; label: string; colour?: string }) {
  if (values.length < 2) return null;
  const w = 200;
  const h = 32;
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const xy = values.map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - 2 - ((v - lo) / span) * (h - 4)).toFixed(1)}`);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" className="mt-2 h-8 w-full" role="img" aria-label={label}>
      <polygon points={`0,${h} ${xy.join(" ")} ${w},${h}`} fill={colour} fillOpacity={0.12} />
      <polyline points={xy.join(" ")} fill="none" stroke={colour} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
