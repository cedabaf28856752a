/**
 * Requests that cross an upload's transaction, against the built server: while a dry run, a failing
 * import and a committing import of a 200k-row file are in flight, every kind of write (an event, a
 * user, an undo, a snapshot, a sign-in) lands and keeps its audit row, readers see only committed
 * values, and two uploads at once both end cleanly. Before imports had a connection of their own,
 * these writes answered 201 and then vanished with the upload's rollback.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corridorCli, startServer, type TestServer } from "./server";

const PASSWORD = "correct horse battery";
const ROWS = 200_000;
let server: TestServer;
let analyst = "";
let admin = "";

/** SYNTHETIC data: `rows` daily entries whose first row changes the stored TJK→RUS 2031 value to 5. */
function bigCsv(rows: number, options: { badLast?: boolean; offsetDays?: number } = {}): string {
  const origins = ["UZB", "KGZ", "KAZ", "ARM", "AZE", "MDA", "UKR", "BLR", "GEO", "TKM"];
  const lines = ["indicator,origin,destination,period,value", "entries,TJK,RUS,2031,5"];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(1900, 0, 1) + (Math.floor(i / 10) + (options.offsetDays ?? 0)) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`entries,${origins[i % 10]},RUS,${day},${i}`);
  }
  if (options.badLast) lines.push("entries,UZB,RUS,1899-01-01,five");
  return lines.join("\n") + "\n";
}

const bearer = (token: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });

function upload(csv: string, fileName: string): FormData {
  const f = new FormData();
  f.append("file", new Blob([csv]), fileName);
  return f;
}

/** Starts an upload with NDJSON progress and resolves `started` once the server is reading the file. */
function startUpload(csv: string, fileName: string, dryRun: boolean): { started: Promise<void>; done: Promise<{ status: number; result: Record<string, unknown> }> } {
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const done = (async () => {
    const res = await fetch(`${server.url}/api/imports${dryRun ? "?dryRun=1" : ""}`, { method: "POST", headers: bearer(analyst, { Accept: "application/x-ndjson" }), body: upload(csv, fileName) });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      text += decoder.decode(value, { stream: true });
      if (text.includes('"progress"')) markStarted();
    }
    markStarted();
    const last = JSON.parse(text.trim().split("\n").at(-1)!) as { status: number; result: Record<string, unknown> };
    return last;
  })();
  return { started, done };
}

function sql<T>(query: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}

const audited = (action: string, target: string) => sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = ? AND target = ?", action, target)[0]!.n;

/** The 2031 value as a chart image's data (cached by data version in memory and by ETag). */
async function chartValue(): Promise<number> {
  const res = await fetch(`${server.url}/api/charts/series.json?indicator=entries&origin=TJK&destination=RUS&from=2031&to=2031`, { headers: bearer(analyst) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { points: { value: number }[] }).points[0]!.value;
}

async function storedValue(): Promise<number> {
  const res = await fetch(`${server.url}/api/series?indicator=entries&origin=TJK&destination=RUS&from=2031&to=2031`, { headers: bearer(analyst) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { points: { value: number }[] }).points[0]!.value;
}

/** A small committed import that a write during the big one will undo. */
async function importToUndo(tag: string): Promise<number> {
  const res = await fetch(`${server.url}/api/imports`, {
    method: "POST",
    headers: bearer(analyst),
    body: upload(`indicator,origin,destination,period,value\nentries,KGZ,RUS,2040-${tag},7\n`, `undo-${tag}.csv`),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { importId: number }).importId;
}

/** Every kind of write a request makes, issued at once; resolves with their responses. */
async function everyWrite(tag: string, undoId: number, snapshotFrom: number) {
  const json = (body: unknown) => ({ headers: bearer(admin, { "Content-Type": "application/json" }), body: JSON.stringify(body) });
  const [event, user, undo, snapshot, signIn] = await Promise.all([
    fetch(`${server.url}/api/events`, { method: "POST", ...json({ id: `during-${tag}`, title: `During ${tag}`, kind: "other", starts_on: "2021-04-19", countries: "RUS; TJK" }) }),
    fetch(`${server.url}/api/users`, { method: "POST", ...json({ email: `user-${tag}@example.org`, role: "viewer", password: PASSWORD }) }),
    fetch(`${server.url}/api/imports/${undoId}`, { method: "DELETE", headers: bearer(analyst) }),
    fetch(`${server.url}/api/snapshots?indicator=remittances_received_usd&origin=TJK&destination=WLD&from=${snapshotFrom}`, { method: "POST" }),
    fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.url },
      body: JSON.stringify({ email: "vera@example.org", password: PASSWORD }),
    }),
  ]);
  return { event, user, undo, snapshot, signIn };
}

/** What everyWrite wrote is there after the upload ended, each with its audit row. */
async function expectWritesSurvived(tag: string, undoId: number, writes: Awaited<ReturnType<typeof everyWrite>>) {
  expect([writes.event.status, writes.user.status, writes.undo.status, writes.snapshot.status, writes.signIn.status]).toEqual([201, 201, 200, 201, 200]);
  const snapshotId = ((await writes.snapshot.json()) as { id: string }).id;
  const session = writes.signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect((await fetch(`${server.url}/api/events/during-${tag}`)).status).toBe(200);
  expect(sql("SELECT 1 FROM user WHERE email = ?", `user-${tag}@example.org`)).toHaveLength(1);
  expect(sql<{ status: string }>("SELECT status FROM imports WHERE id = ?", undoId)[0]!.status).toBe("undone");
  expect(sql("SELECT 1 FROM snapshots WHERE id = ?", snapshotId)).toHaveLength(1);
  expect((await fetch(`${server.url}/api/me`, { headers: { cookie: session } })).status).toBe(200);
  expect(audited("event.create", `event:during-${tag}`)).toBe(1);
  expect(audited("user.add.web", `user-${tag}@example.org`)).toBe(1);
  expect(audited("import.undo", `import:${undoId}`)).toBe(1);
}

beforeAll(async () => {
  server = await startServer({
    setup: (db) => {
      analyst = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "nightly", "--role", "analyst", "--json"])).token;
      admin = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "ops", "--role", "admin", "--json"])).token;
      corridorCli(db, ["users", "add", "--email", "vera@example.org", "--role", "viewer"], `${PASSWORD}\n`);
    },
  });
  const first = await fetch(`${server.url}/api/imports`, { method: "POST", headers: bearer(analyst), body: upload("indicator,origin,destination,period,value\nentries,TJK,RUS,2031,1\n", "base.csv") });
  expect(first.status).toBe(201);
});
afterAll(async () => server?.stop());

describe("writes and reads while an upload is in flight", () => {
  it("a dry run: every write lands at once and stays; readers see the stored value, not the preview's", async () => {
    const undoId = await importToUndo("01");
    const importsBefore = sql("SELECT id FROM imports").length;
    const upload = startUpload(bigCsv(ROWS), "preview.csv", true);
    await upload.started;
    expect(await chartValue()).toBe(1);
    const writes = await everyWrite("dry", undoId, 2010);
    expect(await storedValue()).toBe(1);
    const { status, result } = await upload.done;
    expect(status).toBe(200);
    expect(result).toMatchObject({ dryRun: true, committed: false, updated: 1, inserted: ROWS });
    await expectWritesSurvived("dry", undoId, writes);
    expect(sql("SELECT id FROM imports").length).toBe(importsBefore);
    expect(await storedValue()).toBe(1);
    // The writes moved the data version on; the chart cached meanwhile never held the preview's 5.
    expect(await chartValue()).toBe(1);
  });

  it("a failing import: writes wait for it, then land; its rollback takes none of them", async () => {
    const undoId = await importToUndo("02");
    const upload = startUpload(bigCsv(ROWS, { badLast: true, offsetDays: 30_000 }), "bad-last-line.csv", false);
    await upload.started;
    const pendingWrites = everyWrite("failing", undoId, 2011);
    expect(await storedValue()).toBe(1);
    const { status, result } = await upload.done;
    expect(status).toBe(422);
    expect(result).toMatchObject({ committed: false, errorCount: 1 });
    await expectWritesSurvived("failing", undoId, await pendingWrites);
    expect(await storedValue()).toBe(1);
  });

  it("a committing import: readers see the old value until it commits; writes queued behind it land after", async () => {
    const undoId = await importToUndo("03");
    const upload = startUpload(bigCsv(ROWS, { offsetDays: 60_000 }), "commit.csv", false);
    await upload.started;
    const pendingWrites = everyWrite("commit", undoId, 2012);
    expect(await storedValue()).toBe(1);
    const { status, result } = await upload.done;
    expect(status).toBe(201);
    expect(result).toMatchObject({ committed: true, updated: 1 });
    await expectWritesSurvived("commit", undoId, await pendingWrites);
    expect(await storedValue()).toBe(5);
    expect(audited("import.commit", `import:${result.importId}`)).toBe(1);
  });

  it("two uploads at once both end cleanly, one after the other, never a 500", async () => {
    const a = startUpload(bigCsv(ROWS, { offsetDays: 0 }), "a.csv", false);
    // The second arrives while the first is being written (it used to hit "cannot start a transaction within a transaction").
    await a.started;
    const b = startUpload(bigCsv(50_000, { offsetDays: 30_000 }).replace("entries,TJK,RUS,2031,5", "entries,TJK,RUS,2031,6"), "b.csv", false);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(sql<{ n: number }>("SELECT count(*) AS n FROM imports WHERE file_name IN ('a.csv', 'b.csv') AND status = 'committed'")[0]!.n).toBe(2);
  });

  it("a write that cannot wait long enough is a 503 naming the upload, with Retry-After, and writes nothing", async () => {
    let quickToken = "";
    const quick = await startServer({
      env: { CORRIDOR_WRITE_WAIT_MS: "50" },
      setup: (db) => void (quickToken = JSON.parse(corridorCli(db, ["tokens", "create", "--name", "quick", "--role", "analyst", "--json"])).token),
    });
    // The helpers above talk to `server` as `analyst`: point them at this server for the test.
    const [main, mainToken] = [server, analyst];
    [server, analyst] = [quick, quickToken];
    try {
      const upload = startUpload(bigCsv(ROWS), "slow.csv", false);
      await upload.started;
      const res = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers: bearer(analyst, { "Content-Type": "application/json" }),
        body: JSON.stringify({ id: "too-soon", title: "Too soon", kind: "other", starts_on: "2021-01-01", countries: "RUS" }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: string }).error).toMatch(/busy with an import of slow\.csv by token:quick/);
      expect((await upload.done).status).toBe(201);
      expect((await fetch(`${server.url}/api/events/too-soon`)).status).toBe(404);
    } finally {
      [server, analyst] = [main, mainToken];
      await quick.stop();
    }
  });
});
