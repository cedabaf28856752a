"use client";
/**
 * Server-drawn markup that no client code ever touches — a chart's SVG, a card of figures, a table
 * of plain links. On the page's first load React keeps the server's DOM as it is instead of
 * hydrating it node by node (an empty `dangerouslySetInnerHTML` leaves the element's children alone
 * and makes no fibres for them): on a mid-range phone, hydrating the dashboard's and event page's
 * server markup was most of their blocking time. Later renders (a view changed in place by client
 * navigation) draw new contents as usual. Nothing inside may need React: no client components, no
 * event handlers.
 */
import { createElement, useEffect, useState, type AllHTMLAttributes, type ReactNode } from "react";

/** Set once the page's first render has committed: from then on a new Static renders its contents. */
let hydrated = false;
/** One object, so a re-render never looks like new markup to React. */
export const SERVER_MARKUP = { __html: "" };

/** What `first` becomes once the contents have changed: from then on they are always rendered. */
const CHANGED = Symbol("changed");

/**
 * Whether to keep the server's DOM for `children`: true while hydrating the page, and for as long as
 * the contents stay the ones it was hydrated with. Once new contents come (client navigation) they
 * are rendered, and stay so even if the first ones come back (Back restores them from the router's cache).
 */
export function useServerMarkup(children: ReactNode): boolean {
  // On the server `window` is undefined: the contents are rendered into the HTML.
  const [hydrating] = useState(() => typeof window !== "undefined" && !hydrated);
  const [first, setFirst] = useState<ReactNode | typeof CHANGED>(children);
  // Derived state, set during render as React's docs do it: re-rendered at once, before any commit.
  if (first !== CHANGED && children !== first) setFirst(CHANGED);
  useEffect(() => {
    hydrated = true;
  }, []);
  return hydrating && first !== CHANGED && children === first;
}

export function Static({ as = "div", children, ...props }: { as?: "div" | "section" | "details" | "ul" | "p"; children: ReactNode } & Omit<AllHTMLAttributes<HTMLElement>, "as">) {
  return useServerMarkup(children) ? createElement(as, { ...props, suppressHydrationWarning: true, dangerouslySetInnerHTML: SERVER_MARKUP }) : createElement(as, props, children);
}
