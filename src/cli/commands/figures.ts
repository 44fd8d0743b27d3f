// The figures of a release, and the forecasts they are measured against: figures, consensus set|list.

import { Command, Option } from "commander";
import { annualFigures, figures, SECTIONS, type Figures, type Section } from "../../figures/index.js";
import { UsageError } from "../../errors.js";
import { consensusFor, CONSENSUS_METRICS, setConsensus, type ConsensusMetric } from "../../store/consensus.js";
import { globals, withStore } from "../context.js";
import { printFigures } from "../figures-table.js";
import { printFiguresJa } from "../figures-table-ja.js";
import { printable, printJson, printTable } from "../output.js";

/** The figures of some sections only: a month holds thousands of facts, an analyst often wants the headline. */
function onlySections(result: Figures, wanted: Section[]): Figures {
  const sections = Object.fromEntries(SECTIONS.map((name) => [name, wanted.includes(name) ? result.sections[name] : []])) as Figures["sections"];
  const ids = new Set(Object.values(sections).flat());
  return { ...result, sections, facts: result.facts.filter((f) => ids.has(f.id)) };
}

/** `--year 2025` → `2025`, `--fiscal-year 2024` → `FY2024`; null for a month; a usage error for both or neither. */
function yearOption(o: Record<string, unknown>): string | null {
  const given = ["month", "year", "fiscalYear"].filter((k) => o[k] !== undefined);
  if (given.length !== 1) throw new UsageError(`give one of --month YYYY-MM, --year YYYY or --fiscal-year YYYY${given.length ? ` (found ${given.map((k) => `--${k === "fiscalYear" ? "fiscal-year" : k}`).join(" and ")})` : ""}`);
  if (o.month !== undefined) return null;
  const text = String(o.year ?? o.fiscalYear);
  const option = o.year !== undefined ? "--year" : "--fiscal-year";
  if (!/^\d{4}$/.test(text)) throw new UsageError(`${option}: expected a year such as 2025, found "${text}"`);
  if (o.partner !== undefined || o.commodity !== undefined) throw new UsageError(`${option} gives every partner and commodity; --partner and --commodity are for a month`);
  return o.year !== undefined ? text : `FY${text}`;
}

export function registerFiguresCommands(program: Command): void {
  program
    .command("figures")
    .description("every figure of a month's release as facts: headline, destinations, commodities, streaks, records, consensus")
    .option("--month <month>", "YYYY-MM")
    .option("--year <year>", "a calendar year instead of a month: YYYY, summed from its months")
    .option("--fiscal-year <year>", "a fiscal year instead of a month: YYYY, April YYYY to March YYYY+1 (the Ministry's 年度)")
    .option("--as-of <date>", "YYYY-MM-DD: the figures as they could be computed that day")
    .option("--partner <code>", "only this partner among destinations and commodities by area (304, area:asia, group:eu …)")
    .option("--commodity <code>", "only this commodity (pc:70503 …)")
    .addOption(new Option("--section <sections...>", "only these sections").choices(SECTIONS))
    .addOption(new Option("--lang <lang>", "language of the table (ja: the Ministry's Japanese terms, 億円)").choices(["en", "ja"]).default("en"))
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const year = yearOption(o);
      const all = await withStore(cmd, true, (store) =>
        year
          ? annualFigures(store, { period: year, asOf: o.asOf as string | undefined })
          : figures(store, { month: o.month as string, asOf: o.asOf as string | undefined, partner: o.partner as string | undefined, commodity: o.commodity as string | undefined }),
      );
      const result = o.section ? onlySections(all, o.section as Section[]) : all;
      if (o.json) return printJson(result);
      if (result.facts.length === 0) return console.log(`no figures for ${o.month}${o.asOf ? ` as of ${o.asOf}` : ""}: ingest its release or the time series first`);
      if (o.lang === "ja") printFiguresJa(result);
      else printFigures(result);
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
      console.log(printable(`recorded: ${entry.source} forecast ${entry.metric} ${entry.value} for ${month} (published ${entry.published})`));
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
