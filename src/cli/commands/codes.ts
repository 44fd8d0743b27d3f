// The code lists boeki knows: codes.

import { Command } from "commander";
import { PARTNERS, PRINCIPAL_COMMODITIES } from "../../sources/codes/index.js";
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
      const rows = o.commodities
        ? PRINCIPAL_COMMODITIES.map((c) => ({ flow: c.flow, code: c.code, name: c.nameEn, ja: c.nameJa, parent: c.parent ?? "", unit: c.quantityUnit ?? "" }))
        : PARTNERS.map((p) => ({ code: p.code, name: p.nameEn, area: p.area ?? "", kind: p.kind }));
      if (o.json) return printJson(rows);
      printTable(rows);
    });

}
