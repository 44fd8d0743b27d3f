// The `boeki` command: parses arguments, calls the library, prints tables (or JSON with --json).
// Each group of commands lives in ./commands; no logic of its own lives here beyond presenting results.

import { Command, CommanderError } from "commander";
import { BoekiError, EXIT } from "../errors.js";
import { DEFAULT_STORE_PATH } from "../store/store.js";
import { registerBriefCommand } from "./commands/brief.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerCodesCommand } from "./commands/codes.js";
import { registerFetchCommands } from "./commands/fetch.js";
import { registerFiguresCommands } from "./commands/figures.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerStoreCommands } from "./commands/store.js";
import { printJson } from "./output.js";

const program = new Command("boeki")
  .description("Japan's official trade statistics: every vintage of the Ministry of Finance's releases, their figures, briefs and checks of what is written about them")
  .option("--db <path>", "the store file", process.env.BOEKI_DB ?? DEFAULT_STORE_PATH)
  .option("--json", "print one JSON document instead of a table", false)
  .showHelpAfterError()
  .exitOverride();

registerStoreCommands(program);
registerFetchCommands(program);
registerFiguresCommands(program);
registerBriefCommand(program);
registerCheckCommand(program);
registerCodesCommand(program);
registerServeCommand(program);
registerMcpCommand(program);

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (program.opts().json) printJson({ error: message, exitCode: error instanceof BoekiError ? error.exitCode : EXIT.failure });
    console.error(`boeki: ${message.split("\n")[0]}`);
    if (!(error instanceof BoekiError) && process.env.BOEKI_DEBUG) console.error(error);
    return error instanceof BoekiError ? error.exitCode : EXIT.failure;
  }
}
