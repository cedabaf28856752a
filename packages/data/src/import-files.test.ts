/** Uploaded originals in the database: kept once per import, read back byte for byte, seen by another connection. */
import { describe, expect, it } from "vitest";
import { openDb } from "./db.ts";
import { importFile } from "./import/index.ts";
import { importFileBytes, keepImportFile } from "./import-files.ts";
import { engineDb, testEngine, tmpFile, tmpPath } from "./test/helpers.ts";

describe("import files", () => {
  it("keeps an import's original bytes, once, for every connection on the database", async () => {
    // SQLite: two connections on one file. PostgreSQL: the pool writes each in a transaction on a connection of its own and reads on another.
    const path = tmpPath("files.db");
    const one = testEngine() === "sqlite" ? openDb(path) : await engineDb();
    const two = testEngine() === "sqlite" ? openDb(path) : one;
    try {
      // Bytes that are not UTF-8: kept as they came.
      const bytes = Buffer.concat([Buffer.from("indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\n"), Buffer.from([0xcf, 0xf0, 0xe8, 0x00, 0xff])]);
      const { importId } = await importFile(one, tmpFile("indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\n"));
      await keepImportFile(one, importId!, bytes);
      expect((await importFileBytes(two, importId!))?.equals(bytes)).toBe(true);
      await expect(keepImportFile(two, importId!, Buffer.from("other"))).rejects.toThrow(/UNIQUE|PRIMARY KEY|already holds/i);
      expect((await importFileBytes(one, importId!))?.equals(bytes)).toBe(true);
      expect(await importFileBytes(one, importId! + 1)).toBeUndefined();
    } finally {
      await one.close();
      await two.close();
    }
  });
});
