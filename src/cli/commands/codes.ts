// The code lists boeki knows, with their English and Japanese names, and a search over every name: codes.

import { Command } from "commander";
import { globals } from "../context.js";
import { printJson, printTable } from "../output.js";

export function registerCodesCommand(program: Command): void {
  program
    .command("codes")
    .description("the partner and principal-commodity codes boeki knows, with English and Japanese names; with a word, those whose names hold it")
    .argument("[search]", "part of a name or code, any language: germ, 米国, 自動車, semicon, 70503")
    .option("--partners", "partners only (the default without a search)")
    .option("--commodities", "principal commodities only")
    .addHelpText("after", "\nExamples:\n  boeki codes germ            # Germany: 213, ドイツ, DE, DEU\n  boeki codes 自動車          # motor vehicles and their parts, in exports and imports\n  boeki codes --commodities   # every principal commodity, by flow")
    .action(async (search: string | undefined, _opts, cmd: Command) => {
      const o = globals(cmd);
      const { codeList, searchCodeList } = await import("../../sources/codes/list.js");
      const found = search === undefined ? { partners: codeList("partners"), commodities: codeList("commodities") } : searchCodeList(search);
      const lists = {
        partners: o.commodities && !o.partners ? null : found.partners,
        commodities: (search === undefined && !o.commodities) || (o.partners && !o.commodities) ? null : found.commodities,
      };
      if (o.json) return printJson(lists.partners && lists.commodities ? lists : lists.partners ?? lists.commodities);
      if (search !== undefined && !lists.partners?.length && !lists.commodities?.length) return console.log(`no partner or commodity name holds "${search}"`);
      if (lists.partners && lists.commodities) {
        if (lists.partners.length) (console.log(`Partners (${lists.partners.length})`), printTable(lists.partners));
        if (lists.commodities.length) (console.log(`${lists.partners.length ? "\n" : ""}Principal commodities (${lists.commodities.length}; codes differ by flow)`), printTable(lists.commodities));
        return;
      }
      printTable((lists.partners ?? lists.commodities)!);
    });
}
