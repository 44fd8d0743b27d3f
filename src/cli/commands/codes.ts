// The code lists boeki knows: codes.

import { Command } from "commander";
import { codeList } from "../../sources/codes/list.js";
import { globals } from "../context.js";
import { printJson, printTable } from "../output.js";

export function registerCodesCommand(program: Command): void {
  program
    .command("codes")
    .description("list the partner and principal-commodity codes boeki knows")
    .option("--partners", "partners (default)")
    .option("--commodities", "principal commodities")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const rows = codeList(o.commodities ? "commodities" : "partners");
      if (o.json) return printJson(rows);
      printTable(rows);
    });

}
