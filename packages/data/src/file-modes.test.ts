import { describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "./db.ts";

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("database file modes", () => {
  it("creates a new database and its -wal and -shm readable by the owner only, whatever the umask", () => {
    const path = join(mkdtempSync(join(tmpdir(), "corridor-modes-")), "new.db");
    const previous = process.umask(0o022);
    try {
      const db = openDb(path);
      db.sqlite.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, modeOf(file).toString(8)]).toEqual([file, "600"]);
      db.close();
    } finally {
      process.umask(previous);
    }
  });

  it("takes group and world access off an existing database", () => {
    const path = join(mkdtempSync(join(tmpdir(), "corridor-modes-")), "old.db");
    openDb(path).close();
    chmodSync(path, 0o644);
    writeFileSync(`${path}-wal`, "", { mode: 0o666 });
    chmodSync(`${path}-wal`, 0o666);
    const db = openDb(path);
    expect(modeOf(path).toString(8)).toBe("600");
    expect(modeOf(`${path}-wal`).toString(8)).toBe("600");
    db.close();
  });
});
