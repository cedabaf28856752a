/** The CLI's account commands: users, API tokens, and the audit log. */
import { addUser, createToken, isUserRole, listAudit, listTokens, listUsers, revokeToken, setUserRole, USER_ROLES, type UserRole } from "../accounts.ts";
import { cliActor, UsageError, withDb, type Cli } from "./context.ts";
import { json, print } from "./output.ts";

function parseRole(value: string): UserRole {
  if (!isUserRole(value)) throw new UsageError(`--role ${value}: roles are ${USER_ROLES.join(", ")}`);
  return value;
}

/** The password: typed without echo when stdin is a terminal, else the first line of stdin. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    return new Promise((done, fail) => {
      let typed = "";
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === "\r" || ch === "\n" || ch === "\u0004") {
            finish();
            return done(typed);
          }
          if (ch === "\u0003") {
            finish();
            return fail(new UsageError("cancelled"));
          }
          if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      const finish = () => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        stdin.pause();
        process.stderr.write("\n");
      };
      stdin.on("data", onData);
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

export function registerUsers({ program, command, dbOption }: Cli): void {
  const usersCommand = program.command("users").description("accounts that sign in on the web: add, list, set-role").exitOverride();
  const usersSub = (name: string) => usersCommand.command(name).addOption(dbOption()).exitOverride();
  usersSub("add")
    .description("add a user; the password is read from stdin (typed without echo at a terminal)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--role <role>", `one of ${USER_ROLES.join(", ")}`)
    .option("--name <name>", "display name (default: the email's local part)")
    .option("--json", "print the new user as JSON")
    .action(async (o: { email: string; role: string; name?: string; db?: string; json?: boolean }) => {
      const role = parseRole(o.role);
      const password = await readPassword(`password for ${o.email}: `);
      await withDb(o.db, async (db) => {
        const made = await addUser(db, { email: o.email, password, role, name: o.name }, cliActor());
        if (o.json) json(made);
        else print(`added ${made.email} (${made.role})`);
      });
    });
  usersSub("list")
    .description("list users and their roles")
    .option("--json", "print JSON")
    .action(async (o: { db?: string; json?: boolean }) => {
      await withDb(o.db, async (db) => {
        const users = await listUsers(db);
        if (o.json) return json(users);
        if (users.length === 0) return print("no users (add one: corridor users add --email … --role admin)");
        for (const u of users) print(`${u.email}\t${u.role}\t${u.name}\t${u.createdAt}`);
      });
    });
  usersSub("set-role")
    .description("change a user's role")
    .requiredOption("--email <email>", "the user's email")
    .requiredOption("--role <role>", `one of ${USER_ROLES.join(", ")}`)
    .action(async (o: { email: string; role: string; db?: string }) => {
      const role = parseRole(o.role);
      await withDb(o.db, async (db) => {
        const u = await setUserRole(db, o.email, role, cliActor());
        print(`${u.email} is now ${u.role}`);
      });
    });

  const tokensCommand = program.command("tokens").description("API tokens for scripts (Authorization: Bearer …): create, list, revoke").exitOverride();
  const tokensSub = (name: string) => tokensCommand.command(name).addOption(dbOption()).exitOverride();
  tokensSub("create")
    .description("make a token and print it once (only its hash is kept)")
    .requiredOption("--name <name>", "what the token is for, e.g. nightly-upload")
    .option("--role <role>", `one of ${USER_ROLES.join(", ")}`, "analyst")
    .option("--json", "print JSON")
    .action(async (o: { name: string; role: string; db?: string; json?: boolean }) => {
      const role = parseRole(o.role);
      await withDb(o.db, async (db) => {
        const t = await createToken(db, { name: o.name, role }, cliActor());
        if (o.json) return json(t);
        print(t.token);
        process.stderr.write(`token ${t.id} "${t.name}" (${t.role}) made; it is shown only this once\n`);
      });
    });
  tokensSub("list")
    .description("list tokens (never their values)")
    .option("--json", "print JSON")
    .action(async (o: { db?: string; json?: boolean }) => {
      await withDb(o.db, async (db) => {
        const tokens = await listTokens(db);
        if (o.json) return json(tokens);
        if (tokens.length === 0) return print("no tokens");
        for (const t of tokens) print(`${t.id}\t${t.name}\t${t.role}\tcreated ${t.createdAt} by ${t.createdBy}\tlast used ${t.lastUsedAt ?? "never"}${t.revokedAt ? `\tREVOKED ${t.revokedAt}` : ""}`);
      });
    });
  tokensSub("revoke")
    .description("revoke a token by id; it is refused from then on")
    .argument("<id>", "token id (corridor tokens list)")
    .action(async (id: string, o: { db?: string }) => {
      if (!/^\d+$/.test(id)) throw new UsageError(`token id must be a number, got "${id}"`);
      await withDb(o.db, async (db) => {
        const t = await revokeToken(db, Number(id), cliActor());
        print(`token ${t.id} "${t.name}" revoked at ${t.revokedAt}`);
      });
    });

  command("audit")
    .description("the audit log, newest first: who changed what, when, from where")
    .option("--limit <n>", "how many entries", "50")
    .option("--json", "print JSON")
    .action(async (o: { limit: string; db?: string; json?: boolean }) => {
      if (!/^\d+$/.test(o.limit) || Number(o.limit) < 1) throw new UsageError(`--limit must be a positive whole number, got "${o.limit}"`);
      await withDb(o.db, async (db) => {
        const rows = await listAudit(db, Number(o.limit));
        if (o.json) return json(rows);
        for (const r of rows) print(`${r.at}\t${r.actor}\t${r.action}\t${r.target ?? ""}${r.ip ? `\tfrom ${r.ip}` : ""}${r.detail ? `\t${JSON.stringify(r.detail)}` : ""}`);
      });
    });
}
