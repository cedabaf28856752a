"use client";
/**
 * Shows the server-drawn chart (children) until the reader reaches for it — pointer over it, a
 * touch, or keyboard focus inside — then loads the interactive recharts chart in its place. The
 * dashboard thus ships and runs no charting code at load, its largest main-thread cost; focus on
 * a marker carries over to the same marker in the interactive chart. Until then the server's
 * markup is kept as it came, not hydrated (Static.tsx): its markers are plain links.
 */
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from "react";
import type { EventChartProps } from "./EventChart";
import { SERVER_MARKUP, useServerMarkup } from "./Static";

export function ChartOnDemand({ children, ...props }: EventChartProps & { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [Chart, setChart] = useState<ComponentType<EventChartProps> | null>(null);
  const [focusEvent, setFocusEvent] = useState<string | undefined>();

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const triggers = ["pointerenter", "touchstart", "focusin"] as const;
    const start = (focused?: Element | null) => {
      for (const t of triggers) element.removeEventListener(t, onEvent);
      if (focused instanceof HTMLElement) setFocusEvent(focused.dataset.eventIds?.split(" ")[0]);
      void import("./EventChart").then((m) => setChart(() => m.EventChart));
    };
    const onEvent = (event: Event) => start(event.type === "focusin" ? (event.target as Element | null) : null);
    for (const t of triggers) element.addEventListener(t, onEvent, { passive: true });
    // The reader's first move may have been what started the app (BootOnFirstInput.tsx): if it was
    // already over the chart or focused in it, it will not enter again.
    if (element.contains(document.activeElement)) start(document.activeElement);
    else if (element.matches(":hover")) start();
    return () => {
      for (const t of triggers) element.removeEventListener(t, onEvent);
    };
  }, []);

  const serverMarkup = useServerMarkup(children);
  if (!Chart && serverMarkup) return <div ref={box} suppressHydrationWarning dangerouslySetInnerHTML={SERVER_MARKUP} />;
  return <div ref={box}>{Chart ? <Chart {...props} focusEvent={focusEvent} /> : children}</div>;
}
