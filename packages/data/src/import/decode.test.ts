/** The streaming decoder: characters split between chunks survive; bad bytes are placed exactly. */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BadInputError, decoderStream } from "./decode.ts";

async function decode(bytes: Buffer, cuts: number[], encoding = "utf-8", bomLength = 0): Promise<string> {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  let text = "";
  for await (const part of Readable.from(chunks, { objectMode: false }).pipe(decoderStream(encoding, bomLength))) text += part as string;
  return text;
}

describe("decoderStream", () => {
  const text = "a,Таджикистан,€,𝄞\nб,2021,\n";
  const bytes = Buffer.from(text);

  it("decodes UTF-8 whatever byte the chunks are cut at (2-, 3- and 4-byte characters)", async () => {
    for (let cut = 1; cut < bytes.length; cut++) expect(await decode(bytes, [cut])).toBe(text);
    for (let cut = 1; cut + 1 < bytes.length; cut++) expect(await decode(bytes, [cut, cut + 1])).toBe(text);
  });

  it("skips a UTF-8 byte-order mark even when it is split", async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    expect(await decode(withBom, [1], "utf-8", 3)).toBe(text);
  });

  it("names the byte and line of an invalid byte, also right after a chunk boundary", async () => {
    const bad = Buffer.concat([Buffer.from("x\ny\nz"), Buffer.from([0xff]), Buffer.from("\n")]);
    for (const cuts of [[], [2], [5], [6]]) {
      const error = await decode(bad, cuts).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as BadInputError).message).toMatch(/not valid UTF-8 at byte 5/);
      expect((error as BadInputError).line).toBe(3);
    }
  });

  it("refuses a file that ends inside a character", async () => {
    const cut = Buffer.from("ok,Т").subarray(0, 4);
    await expect(decode(cut, [2])).rejects.toThrow(/ends inside a UTF-8 character/);
  });

  it("decodes windows-1251 across chunks", async () => {
    const cp1251 = Buffer.from([0xd2, 0xe0, 0xe4, 0xe6, 0x0a]); // "Тадж\n"
    expect(await decode(cp1251, [2], "windows-1251")).toBe("Тадж\n");
  });
});
