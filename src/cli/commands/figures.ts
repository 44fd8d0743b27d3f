// The figures of a release, and the forecasts they are measured against: figures, consensus set|list.

import { Command, Option } from "commander";
import { figures, SECTIONS, type Section } from "../../figures/index.js";
import { onlySections } from "../../figures/sections.js";
import { consensusFor, CONSENSUS_METRICS, setConsensus, type ConsensusMetric } from "../../store/consensus.js";
import { globals, withStore } from "../context.js";
import { printFigures } from "../figures-table.js";
import { printJson, printTable } from "../output.js";

export function registerFiguresCommands(program: Command): void {
  program
    .command("figures")
    .description("every figure of a month's release as facts: headline, destinations, commodities, streaks, records, consensus")
    .requiredOption("--month <month>", "YYYY-MM")
    .option("--as-of <date>", "YYYY-MM-DD: the figures as they could be computed that day")
    .option("--partner <code>", "only this partner among destinations and commodities by area (304, area:asia, group:eu …)")
    .option("--commodity <code>", "only this commodity (pc:70503 …)")
    .addOption(new Option("--section <sections...>", "only these sections").choices(SECTIONS))
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const all = await withStore(cmd, true, (store) =>
        figures(store, { month: o.month as string, asOf: o.asOf as string | undefined, partner: o.partner as string | undefined, commodity: o.commodity as string | undefined }),
      );
      const result = o.section ? onlySections(all, o.section as Section[]) : all;
      if (o.json) return printJson(result);
      if (result.facts.length === 0) return console.log(`no figures for ${o.month}${o.asOf ? ` as of ${o.asOf}` : ""}: ingest its release or the time series first`);
      printFigures(result);
    });

  const consensus = program.command("consensus").description("economists' forecasts for a release, to measure the surprise against");
  consensus
    .command("set")
    .description("record a forecast (several sources per month allowed)")
    .argument("<month>", "YYYY-MM the forecast is for")
    .addOption(new Option("--metric <metric>", "what is forecast").choices(Object.keys(CONSENSUS_METRICS)).makeOptionMandatory())
    .requiredOption("--value <number>", "exports_yoy/imports_yoy in %, balance in ¥ billion")
    .requiredOption("--source <text>", "whose forecast (\"Reuters poll\")")
    .requiredOption("--date <date>", "YYYY-MM-DD the forecast was published")
    .action(async (month: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const entry = { period: month, metric: o.metric as ConsensusMetric, value: Number(o.value), source: o.source as string, published: o.date as string };
      await withStore(cmd, false, (store) => setConsensus(store, entry));
      if (o.json) return printJson(entry);
      console.log(`recorded: ${entry.source} forecast ${entry.metric} ${entry.value} for ${month} (published ${entry.published})`);
    });
  consensus
    .command("list")
    .description("the forecasts on record for a month")
    .argument("<month>", "YYYY-MM")
    .option("--as-of <date>", "only forecasts published by then")
    .action(async (month: string, _opts, cmd: Command) => {
      const o = globals(cmd);
      const rows = await withStore(cmd, true, (store) => consensusFor(store, month, o.asOf as string | undefined));
      if (o.json) return printJson(rows);
      printTable(rows as unknown as Record<string, unknown>[]);
    });

}
