/**
 * The `corridor` command: the program assembled from its command groups, and the one mapping from
 * an error to what is printed and the exit status (0 ok, 1 data errors, 2 usage errors).
 */
import { Command, CommanderError, Option } from "commander";
import { EXIT_OK, EXIT_USAGE, exitCodeOf } from "../errors.ts";
import { BadInputError } from "../import/index.ts";
import type { Cli } from "./context.ts";
import { registerBackup } from "./backup.ts";
import { registerEvents } from "./events.ts";
import { registerImport, registerSeed } from "./import.ts";
import { registerSeries } from "./series.ts";
import { registerUsers } from "./users.ts";

export function buildProgram(): Command {
  const program = new Command("corridor").description("Corridor: labour-migration statistics and the policy events that move them").showHelpAfterError().exitOverride();
  const dbOption = () => new Option("--db <path>", "SQLite database file or postgres:// URL (default: $CORRIDOR_DATABASE_URL, else $CORRIDOR_DB or data/corridor.db)");
  const cli: Cli = { program, dbOption, command: (name) => program.command(name).addOption(dbOption()).exitOverride() };
  // In this order in --help.
  registerImport(cli);
  registerSeries(cli);
  registerEvents(cli);
  registerUsers(cli);
  registerSeed(cli);
  registerBackup(cli);
  return program;
}

/** Every error's message on stderr and its exit status, in one place. */
export function exitCodeFor(error: unknown, argv: string[]): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is a usage error.
    return error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version" ? EXIT_OK : EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BadInputError) {
    // One line: where and why. Nothing was written.
    const file = argv[0] === "import" ? `${argv[1]}${error.line ? `:${error.line}` : ""}: ` : "";
    process.stderr.write(`corridor: ${file}${message}; nothing was written\n`);
  } else process.stderr.write(`corridor: ${message}\n`);
  return exitCodeOf(error);
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    return exitCodeFor(error, argv);
  }
}

// Run when started as the CLI (bin/corridor.mjs, its bundle, or this file), not when a test imports main.
if (process.argv[1] && /corridor(\.mjs)?$|cli[\\/]index\.ts$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
