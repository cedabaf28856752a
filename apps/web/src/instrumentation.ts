/** Runs once when the Next server starts (server.mjs or `next start`). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { tidyUploads } = await import("./server/uploads");
  try {
    const removed = await tidyUploads();
    if (removed.length > 0) console.log(`removed ${removed.length} upload(s) left by an interrupted import`);
  } catch (error) {
    // A tidy-up, not a precondition: the server still serves without it.
    console.error("could not tidy the uploads folder:", error);
  }
}
