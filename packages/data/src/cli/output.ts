/** The CLI's output: lines on stdout, pretty JSON, long cells clipped. */

export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

export function json(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** A cell of 100,000 characters is named by its first few dozen. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString("en")} characters)` : text;
}
