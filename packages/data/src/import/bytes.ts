/**
 * What a file's first bytes say about its encoding. No Node APIs: the upload page's browser preview
 * runs these same checks before sending a byte, so preview and import agree.
 */

/** Labels TextDecoder accepts that publications of this kind use, by the names files and chardet give them. */
export const ENCODING_LABELS: ReadonlyMap<string, string> = new Map([
  ["utf-8", "utf-8"], ["utf8", "utf-8"],
  ["utf-16le", "utf-16le"], ["utf-16be", "utf-16be"], ["utf-16", "utf-16le"],
  ["windows-1251", "windows-1251"], ["cp1251", "windows-1251"], ["win1251", "windows-1251"],
  ["koi8-r", "koi8-r"], ["koi8-u", "koi8-u"], ["ibm866", "ibm866"], ["cp866", "ibm866"],
  ["iso-8859-5", "iso-8859-5"], ["windows-1252", "windows-1252"], ["iso-8859-1", "windows-1252"], ["latin1", "windows-1252"],
]);

/** The TextDecoder label for a name, or undefined when it is not one we read. */
export function knownEncoding(label: string): string | undefined {
  return ENCODING_LABELS.get(label.trim().toLowerCase());
}

export function byteOrderMark(bytes: Uint8Array): { encoding: string; bomLength: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return undefined;
}

/** The first invalid UTF-8 position in `bytes` (a sequence cut by the end of the sample is fine), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-16 without a BOM: every other byte of ASCII text is zero. */
export function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  if (oddZero > n / 4 && evenZero === 0) return "utf-16le";
  if (evenZero > n / 4 && oddZero === 0) return "utf-16be";
  return undefined;
}
