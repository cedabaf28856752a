/**
 * Under a chart: what its caveat marks mean and which events carry them ("unverified event (hollow
 * marker): State Duma adopts … — month only from a weak mirror source"). Rendered only when such a
 * mark is drawn; readable on a phone, where tooltips are hard to reach.
 */
import { getTranslations } from "next-intl/server";
import { eventCaveats, type ChartEvent } from "@/lib/chart-model";
import { caveatLegendWords, eventCaveatWords, type CaveatTranslate } from "@/lib/caveat-words";
import { Link } from "@/i18n/navigation";
import { EventTitle } from "./EventTitle";

export async function CaveatLegend({ events }: { events: readonly ChartEvent[] }) {
  const t = (await getTranslations("Caveats")) as unknown as CaveatTranslate;
  const legend = caveatLegendWords(events, t);
  if (legend.length === 0) return null;
  const flagged = events.filter((e) => eventCaveats(e).length > 0);
  return (
    <div className="mt-2 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="caveat-legend">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {legend.map(({ label, dash }) => (
          <li key={label} className="inline-flex items-center gap-1.5">
            <svg width="18" height="8" aria-hidden className="stroke-tremor-content dark:stroke-dark-tremor-content">
              <line x1="0" x2="18" y1="4" y2="4" strokeWidth="1.75" strokeDasharray={dash} />
            </svg>
            {label}
          </li>
        ))}
      </ul>
      <ul className="mt-1 space-y-0.5">
        {flagged.map((e) => (
          <li key={e.id}>
            <Link href={`/events/${e.id}`} className="underline underline-offset-2">
              <EventTitle event={e} />
            </Link>
            : {eventCaveatWords(e, t).join("; ")}
          </li>
        ))}
      </ul>
    </div>
  );
}
