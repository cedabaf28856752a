"use client";
/**
 * The page shown when the root layout itself fails. Next ships a default with its own styles on every
 * page's first load (3.6 KiB gzip); this one says the same in the product's words, for less.
 * It stands outside the [locale] layout (which is what failed), so it says it in both languages.
 */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Corridor could not show this page</h1>
        <p>Something failed on our side. Your data is safe; try again in a moment.</p>
        <p lang="ru">Corridor не смог показать эту страницу: сбой на нашей стороне. Данные в сохранности; попробуйте ещё раз чуть позже.</p>
        <button type="button" onClick={() => reset()}>
          Try again · <span lang="ru">Повторить</span>
        </button>
      </body>
    </html>
  );
}
