// The `boeki` command: parses arguments, calls the library, prints tables (or JSON with --json).
// Each group of commands lives in ./commands; no logic of its own lives here beyond presenting results.

// Only commander and the command modules load here: each command imports what it needs (DuckDB, parsers, ECharts)
// inside its action, so that `boeki --help` and `--version` start about as fast as node itself.

import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { BoekiError, EXIT, fileSystemProblem } from "../errors.js";
import { DEFAULT_STORE_PATH } from "../store/paths.js";
import { registerBriefCommand } from "./commands/brief.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCodesCommand } from "./commands/codes.js";
import { registerCompletionCommand } from "./commands/completion.js";
import { registerFetchCommands } from "./commands/fetch.js";
import { registerFiguresCommands } from "./commands/figures.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerSeriesCommand } from "./commands/series.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerStoreCommands } from "./commands/store.js";
import { printable, printJson } from "./output.js";

// package.json sits two folders up from src/cli/main.ts and from dist/cli/main.js alike.
const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

/** The whole command tree, made afresh for each run (commander keeps option values in the objects it parses into). */
export function createProgram(): Command {
  const program = new Command("boeki")
    .description("Japan's official trade statistics: every vintage of the Ministry of Finance's releases, their figures, briefs and checks of what is written about them")
    .version(version, "-V, --version", "print boeki's version")
    .option("--db <path>", "the store file", process.env.BOEKI_DB ?? DEFAULT_STORE_PATH)
    .option("--json", "print one JSON document instead of a table", false)
    .option("--wait <seconds>", "while another boeki holds the store (an ingest), wait this long for it before giving up", "5")
    .showHelpAfterError()
    .exitOverride();

  registerStoreCommands(program);
  registerSeriesCommand(program);
  registerFetchCommands(program);
  registerFiguresCommands(program);
  registerBriefCommand(program);
  registerCheckCommand(program);
  registerCodesCommand(program);
  registerServeCommand(program);
  registerMcpCommand(program);
  registerCompletionCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    let message = error instanceof Error ? error.message : String(error);
    // A full disk or a folder not writable, met while writing a file (a cache, a brief): the file system's
    // fault, said as such, with the store's exit code, never "unexpected failure".
    const problem = error instanceof BoekiError ? null : fileSystemProblem(error);
    if (problem) {
      const file = (error as NodeJS.ErrnoException).path;
      message = `cannot write${file ? ` ${file}` : ""}: ${problem} (${message.split("\n")[0]})`;
    }
    const exitCode = error instanceof BoekiError ? error.exitCode : problem ? EXIT.store : EXIT.failure;
    if (program.opts().json) printJson({ error: message, exitCode });
    // The message may quote input (a file's first line): no control character of it reaches the terminal.
    console.error(`boeki: ${printable(message.split("\n")[0]!)}`);
    if (!(error instanceof BoekiError) && !problem && process.env.BOEKI_DEBUG) console.error(error);
    return exitCode;
  }
}
