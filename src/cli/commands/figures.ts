// The figures of a release, and the forecasts they are measured against: figures, consensus set|list.
// Heavy modules (DuckDB, the figures) are imported inside the actions, so that --help loads none.

import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import type { Section } from "../../figures/index.js";
import { CONSENSUS_METRICS, type ConsensusMetric } from "../../store/consensus.js";
import { globals, withStore } from "../context.js";
import { OUTPUT_FORMATS, outputFormat, printable, printJson, printTable } from "../output.js";

/** The sections of figures, in reading order (as src/figures names them; listed here so that --help loads no figures). */
const SECTIONS = ["headline", "destinations", "commodities", "commodityByArea", "streaks", "consensus", "year"] as const satisfies readonly Section[];
// …all of them: a section added there and not here fails to compile.
const everySection: [Exclude<Section, (typeof SECTIONS)[number]>] extends [never] ? true : never = true;
void everySection;

/** `--year 2025` → `2025`, `--fiscal-year 2024` → `FY2024`; null for a month (or none given: the latest); a usage error for two. */
function yearOption(o: Record<string, unknown>): string | null {
  const given = ["month", "year", "fiscalYear"].filter((k) => o[k] !== undefined);
  if (given.length === 0) return null; // the latest month
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
    .description("the figures of a month's release (or of a year) as facts: the main ones in about a screen, or all (--all): headline, destinations, commodities, streaks, records, consensus")
    .option("--month <month>", "YYYY-MM, latest (the default) or latest-N")
    .option("--year <year>", "a calendar year instead of a month: YYYY, summed from its months")
    .option("--fiscal-year <year>", "a fiscal year instead of a month: YYYY, April YYYY to March YYYY+1 (the Ministry's 年度)")
    .option("--as-of <date>", "YYYY-MM-DD: the figures as they could be computed that day")
    .option("--partner <name>", "only this partner among destinations and commodities by area: USA, 米国, China, EU, Asia, 304, area:asia …")
    .option("--commodity <name>", "only these goods: cars, 自動車, semiconductors, pc:70503 … (read in each flow's own codes)")
    .addOption(new Option("--section <sections...>", "only these sections").choices(SECTIONS))
    .addOption(new Option("--lang <lang>", "language of the table (ja: the Ministry's Japanese terms, 億円)").choices(["en", "ja"]).default("en"))
    .option("--all", "every figure, a line each (thousands), instead of the main ones", false)
    .addOption(new Option("--format <format>", "table (default), csv, json or parquet (csv and parquet: a row per figure)").choices(OUTPUT_FORMATS))
    .option("--out <file>", "write to this file (atomically) instead of standard output; - is standard output")
    .addHelpText(
      "after",
      "\nExamples:\n  boeki figures                                  # the latest month, in about a screen\n" +
        "  boeki figures --month 2025-11 --as-of 2025-12-17 --all\n" +
        "  boeki figures --month latest-1 --partner USA --commodity cars\n" +
        "  boeki figures --year 2024                      # a calendar year (--fiscal-year 2024: April 2024 to March 2025)\n" +
        "  boeki figures --format csv --out figures.csv   # a row per figure",
    )
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const format = outputFormat(o as { json?: boolean; format?: string; out?: string });
      const year = yearOption(o);
      const { asOfDate, commodityFor, partnerCode } = await import("../options.js");
      const asOf = asOfDate(o.asOf as string | undefined);
      const partner = o.partner === undefined ? undefined : partnerCode(o.partner as string);
      const commodity = o.commodity === undefined ? undefined : commodityFor(o.commodity as string, "balance" /* each flow in its own codes */);
      const { annualFigures, figures } = await import("../../figures/index.js");
      const { resolveMonth } = await import("../../store/months.js");
      const all = await withStore(cmd, true, async (store) => {
        if (year) return annualFigures(store, { period: year, asOf });
        const month = await resolveMonth(store, (o.month as string | undefined) ?? "latest", { asOf });
        return figures(store, { month, asOf, partner, commodity: commodity as Partial<Record<"export" | "import", string>> | undefined });
      });
      const { onlySections } = await import("../../figures/sections.js");
      const result = o.section ? onlySections(all, o.section as Section[]) : all;
      const { deliver } = await import("../formats.js");
      const { factRow, FACT_COLUMNS, formatFigures, formatFiguresSummary } = await import("../figures-table.js");
      if (result.facts.length === 0 && format === "table") {
        throw new UsageError(`no figures for ${result.month}${asOf ? ` as of ${asOf}` : ""}${partner ? ` for ${partner}` : ""}: ingest its release or the time series first`);
      }
      // A year is told whole; a month in about a screen unless asked for more.
      const everything = year || o.all || o.section || partner || commodity;
      const { formatFiguresJa } = o.lang === "ja" ? await import("../figures-table-ja.js") : { formatFiguresJa: undefined };
      await deliver(
        { format, out: o.out as string | undefined },
        { rows: result.facts.map(factRow), columns: FACT_COLUMNS, json: result, table: () => (formatFiguresJa ? formatFiguresJa(result) : everything ? formatFigures(result) : formatFiguresSummary(result)) },
      );
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
      const { pastDate } = await import("../options.js");
      const published = pastDate(o.date as string, "--date", "a forecast cannot have been published after today")!;
      const entry = { period: month, metric: o.metric as ConsensusMetric, value: Number(o.value), source: o.source as string, published };
      const { setConsensus } = await import("../../store/consensus.js");
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
      const { asOfDate } = await import("../options.js");
      const asOf = asOfDate(o.asOf as string | undefined);
      const { consensusFor } = await import("../../store/consensus.js");
      const rows = await withStore(cmd, true, (store) => consensusFor(store, month, asOf));
      if (o.json) return printJson(rows);
      printTable(rows as unknown as Record<string, unknown>[]);
    });

}
