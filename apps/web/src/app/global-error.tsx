"use client";
/**
 * The page shown when the root layout itself fails. Next ships a default with its own styles on every
 * page's first load (3.6 KiB gzip); this one says the same in the product's words, for less.
 */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Corridor could not show this page</h1>
        <p>Something failed on our side. Your data is safe; try again in a moment.</p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>
      </body>
    </html>
  );
}
