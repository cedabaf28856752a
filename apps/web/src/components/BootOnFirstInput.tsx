/**
 * The app's client code starts when the reader first does something, not while the page loads.
 *
 * The pages are complete as the server sends them (charts, cards, tables, links, forms that submit
 * without JavaScript); the client code only adds tooltips, in-place view changes and client
 * navigation. Starting React and Next's router on a mid-range phone blocked its main thread for
 * most of a second while the reader was still looking at the page (Lighthouse mobile: 650 ms of
 * total blocking time, 140 ms without it). So, for anonymous readers, it starts on the first
 * pointer, touch, key, wheel or focus — and at load for a browser that has signed in (its header
 * needs /api/me), on a page with content only the client draws (BOOT_AT_LOAD), or when the bundler's
 * runtime has already run.
 *
 * How: the server sends Next's chunk scripts inert (deferred-scripts.mjs: a phone no longer
 * downloads and compiles them during the load), and starting the app makes them real scripts.
 * Where a page came without that rewrite (`next dev`), the chunks have run and queued themselves on
 * `globalThis.TURBOPACK`, and the bundler's runtime chunk, which boots the app, did nothing because
 * it found a non-array there (its guard against loading twice): this script, early in the body,
 * puts that queue object there, and starting the app puts the queued chunks back as an array and
 * loads the runtime chunk again (from the browser's cache).
 * A click on a button before the app has started is held and replayed once React owns the button,
 * so the first tap is not lost; links, forms and <details> work natively meanwhile.
 * e2e/hydration.test.ts checks all of it in a real browser.
 */
import { ACCOUNT_MARKER } from "./account-marker";
import { BOOT_AT_LOAD } from "./boot-at-load";
import { DEFERRED_SCRIPT_TYPE, PAYLOAD_INLINE_HEADER, PAYLOAD_SCRIPT } from "../../deferred-scripts.mjs";

/** What wakes the app: any sign of a reader at work (not a scroll by the page itself). */
const WAKE_EVENTS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "focusin"];
/** How long a held click waits for React before it is replayed anyway. */
const REPLAY_TIMEOUT_MS = 8000;

/** Runs in the browser as an inline script: self-contained (serialised with toString). */
function bootOnFirstInput(marker: string, wakeEvents: string[], replayTimeoutMs: number, atLoad: string, deferredType: string, inlineHeader: string, payloadScript: string) {
  const w = window as unknown as { TURBOPACK?: unknown };
  const d = document;
  let queue = w.TURBOPACK;
  // The runtime has already started the app: nothing to hold.
  if (queue !== undefined && !Array.isArray(queue)) return;
  const chunks: unknown[] = (queue as unknown[] | undefined) ?? [];
  queue = { push: (chunk: unknown) => chunks.push(chunk) };
  w.TURBOPACK = queue;
  let started = false;
  const load = (src: string | null) => {
    const script = d.createElement("script");
    script.src = src ?? "";
    return d.head.appendChild(script);
  };
  /** The scripts the server sent inert (deferred-scripts.mjs): the chunks, then the runtime once the payload is in. */
  const loadDeferred = () => {
    const inert = Array.from(d.querySelectorAll(`script[type="${deferredType}"]`)) as HTMLScriptElement[];
    if (inert.length === 0) {
      // A page as Next sent it (`next dev`): its runtime has run and waits to be run again.
      const runtime = d.querySelector('script[src*="/turbopack-"]');
      if (runtime) load(runtime.getAttribute("src"));
      return;
    }
    const payload = inert.find((s) => s.hasAttribute("data-payload"));
    const runtimes: string[] = [];
    for (const s of inert) {
      s.type = deferredType + "-loaded";
      const src = s.getAttribute("data-src") ?? "";
      if (s === payload) continue;
      if (src.indexOf("/turbopack-") >= 0) runtimes.push(src);
      else load(src);
    }
    // The runtime starts the app, which reads the payload at once: it comes after it.
    const boot = () => runtimes.forEach(load);
    if (!payload) return boot();
    const script = load(payload.getAttribute("data-src"));
    script.onload = boot;
    // Not on this server (another instance, a restart): the page once more, with its payload inline.
    script.onerror = () =>
      fetch(location.href, { headers: { [inlineHeader]: "1" }, credentials: "same-origin" })
        .then((r) => r.text())
        .then((html) => {
          const inline = d.createElement("script");
          inline.text = Array.from(html.matchAll(new RegExp(payloadScript, "g")), (m) => m[1]).join(";\n");
          d.head.appendChild(inline);
          boot();
        });
  };
  const start = () => {
    if (started) return;
    started = true;
    for (const type of wakeEvents) removeEventListener(type, start, true);
    if (w.TURBOPACK === queue) w.TURBOPACK = chunks;
    // Started while the page is still parsed (signed in, or a reader quicker than the network): the payload is further down.
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", loadDeferred);
    else loadDeferred();
  };
  // Signed in (its header needs /api/me): the app starts now, and nothing is held.
  if (d.cookie.split("; ").some((c) => c.indexOf(marker + "=") === 0)) return start();
  for (const type of wakeEvents) addEventListener(type, start, { capture: true, passive: true });
  // A page whose content only the client can draw (the explorer's chart) says so: it starts at load.
  d.addEventListener("DOMContentLoaded", () => d.querySelector(`[${atLoad}]`) && start());

  /**
   * React has hydrated an element, or the element whose handler it delegates to (a chart's markers
   * are server markup under a hydrated wrapper), once it has put its props on it or an ancestor.
   */
  const owned = (el: Element | null): boolean => {
    for (; el; el = el.parentElement) if (Object.keys(el).some((k) => k.indexOf("__reactProps") === 0)) return true;
    return false;
  };
  const hold = (event: MouseEvent) => {
    // A click with a modifier or another button (a view toggle's link opened in a new tab) is the browser's.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const target = event.target as Element | null;
    const button = target?.closest?.('button, [role="button"]') as HTMLElement | null;
    // A form's own submit button submits natively; anything React already owns is React's.
    if (!button || owned(button) || ((button as HTMLButtonElement).form && (button as HTMLButtonElement).type === "submit")) return;
    event.preventDefault();
    event.stopPropagation();
    start();
    const since = Date.now();
    const replay = () => {
      if (owned(button) || Date.now() - since > replayTimeoutMs) {
        removeEventListener("click", hold, true);
        button.click();
      } else setTimeout(replay, 30);
    };
    replay();
  };
  addEventListener("click", hold, true);
}

export function BootOnFirstInput() {
  const source = `(${bootOnFirstInput.toString()})(${JSON.stringify(ACCOUNT_MARKER)}, ${JSON.stringify(WAKE_EVENTS)}, ${REPLAY_TIMEOUT_MS}, ${JSON.stringify(BOOT_AT_LOAD)}, ${JSON.stringify(DEFERRED_SCRIPT_TYPE)}, ${JSON.stringify(PAYLOAD_INLINE_HEADER)}, ${JSON.stringify(PAYLOAD_SCRIPT.source)});`;
  return <script dangerouslySetInnerHTML={{ __html: source }} />;
}
