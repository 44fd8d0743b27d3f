// Series as a user asks for them: series (partners and goods by name, several at once, latest months, balances,
// long rows or one column per series, as a table, CSV, JSON or Parquet).

import { Command, Option } from "commander";
import { MEASURES, type Flow, type Measure } from "../../domain.js";
import { UsageError } from "../../errors.js";
import type { SeriesPoint } from "../../store/read.js";
import type { Row } from "../formats.js";
import { collect, globals, withStore } from "../context.js";
import { OUTPUT_FORMATS, outputFormat } from "../output.js";

const SERIES_FLOWS = ["export", "import", "balance"] as const;
type SeriesFlow = (typeof SERIES_FLOWS)[number];

interface SeriesKey {
  flow: SeriesFlow;
  partner: string;
  /** The code (for a balance, `pc:70503/pc:70501` when exports and imports code the goods differently). */
  commodity: string;
  /** What the library is asked: the code, or for a balance the name, read by each flow in its own codes. */
  asked: string;
}

/** The long row of one observation: the tidy layout's keys, the number, and the release it stands on. */
const LONG_COLUMNS = ["period", "flow", "partner", "commodity", "measure", "value", "unit", "stage", "released", "dataset", "releaseId"];

function flowsOption(values: string[] | undefined): SeriesFlow[] {
  const flows = (values ?? ["export"]).flatMap((v) => v.split(",")).map((f) => f.trim().toLowerCase().replace(/s$/, ""));
  for (const f of flows) if (!(SERIES_FLOWS as readonly string[]).includes(f)) throw new UsageError(`--flow: expected export, import or balance, found "${f}"`);
  return [...new Set(flows)] as SeriesFlow[];
}

/** Every flow × partner × commodity asked for, with the commodity read in each flow's own codes. */
async function seriesKeys(o: Record<string, unknown>): Promise<SeriesKey[]> {
  const { balanceCommodities } = await import("../../store/read.js");
  const { listedCodes, partnerCodes } = await import("../options.js");
  const { resolveCommodity } = await import("../../sources/codes/resolve.js");
  const flows = flowsOption(o.flow as string[] | undefined);
  const partners = partnerCodes((o.partner as string[] | undefined) ?? ["world"]);
  const keys: SeriesKey[] = [];
  for (const flow of flows) {
    const commodities =
      flow === "balance"
        ? listedCodes("--commodity", (o.commodity as string[] | undefined) ?? ["total"], (text) => {
            const codes = balanceCommodities(text);
            return JSON.stringify([text, codes.export === codes.import ? codes.export : `${codes.export}/${codes.import}`]);
          }).map((json) => JSON.parse(json) as [string, string])
        : listedCodes("--commodity", (o.commodity as string[] | undefined) ?? ["total"], (text) => resolveCommodity(text, flow)).map((c) => [c, c]);
    for (const partner of partners) for (const [asked, commodity] of commodities) keys.push({ flow, partner, commodity: commodity!, asked: asked! });
  }
  return keys;
}

/** A column name per series for --wide: the parts that differ between the series asked (or `value` for one). */
function seriesLabels(keys: SeriesKey[]): Map<SeriesKey, string> {
  const varies = (part: keyof SeriesKey) => new Set(keys.map((k) => k[part])).size > 1;
  const parts = (["flow", "partner", "commodity"] as const).filter(varies);
  return new Map(keys.map((k) => [k, parts.map((p) => k[p]).join(" ") || "value"]));
}

export function registerSeriesCommand(program: Command): void {
  program
    .command("series")
    .description("one or several series as they stand now, or as they stood on a day: partners and goods by name or code")
    .option("--flow <flow>", "export, import or balance (exports − imports); several: export,import", collect)
    .option("--partner <name>", "a name or code: USA, 米国, China, Germany, EU, Asia, W. Europe, 304, area:asia … (default world); several: USA,China", collect)
    .option("--commodity <name>", "a name or code: cars, 自動車, semiconductors, chips, pc:70503, hs:8703 … (default total); several as for --partner", collect)
    .addOption(new Option("--measure <measure...>", "measures to print (default value and quantities)").choices(MEASURES))
    .option("--from <month>", "YYYY-MM, or latest-N")
    .option("--to <month>", "YYYY-MM, or latest, latest-N")
    .option("--last <n>", "only the last n months held (up to --to): --last 24")
    .option("--as-of <date>", "YYYY-MM-DD: what had been published by then")
    .option("--dataset <name>", "only this dataset (by default the latest release of any wins)")
    .addOption(new Option("--format <format>", "table (default), csv, json or parquet").choices(OUTPUT_FORMATS))
    .option("--out <file>", "write to this file (atomically: whole or not at all) instead of standard output; - is standard output")
    .option("--wide", "one row per month and one column per series (and measure), instead of a row per observation", false)
    .addHelpText(
      "after",
      "\nExamples:\n  boeki series --last 24                                   # world exports, the last two years\n" +
        "  boeki series --partner USA,China --last 24 --wide        # a column each\n" +
        "  boeki series --partner 米国 --commodity cars --from 2025-01\n" +
        "  boeki series --flow balance --last 12 --format csv --out balance.csv",
    )
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const format = outputFormat(o as { json?: boolean; format?: string; out?: string });
      const { asOfDate, countOption, inOption, monthBound } = await import("../options.js");
      const keys = await seriesKeys(o);
      const asOf = asOfDate(o.asOf as string | undefined);
      const last = countOption(o.last as string | undefined, "--last");
      if (last !== undefined && o.from !== undefined) throw new UsageError("--last and --from both choose the first month: give one of them");
      const latestForm = /^latest/i;
      for (const [name, value] of [["--from", o.from], ["--to", o.to]] as const) if (value !== undefined && !latestForm.test(value as string)) monthBound(value as string, name);
      const { series } = await import("../../store/read.js");
      const { resolveMonth } = await import("../../store/months.js");
      const points = await withStore(cmd, true, async (store) => {
        const month = async (value: unknown, optionName: string) =>
          value === undefined ? undefined : latestForm.test(value as string) ? resolveMonth(store, value as string, { asOf, optionName }) : (value as string);
        const [from, to] = [await month(o.from, "--from"), await month(o.to, "--to")];
        const found: Array<{ key: SeriesKey; points: SeriesPoint[] }> = [];
        for (const key of keys) {
          const query = { flow: key.flow, partner: key.partner, commodity: key.asked, measures: o.measure as Measure[] | undefined, from, to, last, asOf, dataset: o.dataset as string | undefined };
          found.push({ key, points: await inOption("--commodity", () => series(store, query)) });
        }
        return found;
      });
      const rows: Row[] = points.flatMap(({ key, points }) =>
        points.map((p) => ({ period: p.period, flow: key.flow, partner: key.partner, commodity: key.commodity, measure: p.measure, value: p.value, unit: p.unit, stage: p.stage, released: p.released, dataset: p.dataset, releaseId: p.releaseId })),
      );
      const { deliver } = await import("../formats.js");
      if (rows.length === 0 && format === "table") {
        const what = keys.map((k) => `${k.flow} ${k.partner} ${k.commodity}`).join(", ");
        return void console.log(`no observations for ${what}${asOf ? ` as of ${asOf}` : ""}${o.dataset ? ` in ${o.dataset}` : ""}: the store holds none (boeki releases lists what it holds)`);
      }
      if (!o.wide) return deliver({ format, out: o.out as string | undefined }, { rows, columns: LONG_COLUMNS, table: () => longTable(rows, keys) });
      const wide = wideRows(points, seriesLabels(keys));
      return deliver({ format, out: o.out as string | undefined }, { ...wide, table: () => wideTable(wide, keys) });
    });
}

/** One row per month, a column per series (and measure when several are printed). */
function wideRows(found: Array<{ key: SeriesKey; points: SeriesPoint[] }>, labels: Map<SeriesKey, string>): { rows: Row[]; columns: string[] } {
  const measures = new Set(found.flatMap((f) => f.points.map((p) => p.measure)));
  const byPeriod = new Map<string, Row>();
  const columns = ["period"];
  for (const { key, points } of found) {
    for (const p of points) {
      const label = measures.size > 1 ? `${labels.get(key) === "value" ? "" : `${labels.get(key)} `}${p.measure}` : labels.get(key)!;
      if (!columns.includes(label)) columns.push(label);
      const row = byPeriod.get(p.period) ?? { period: p.period };
      row[label] = p.value;
      byPeriod.set(p.period, row);
    }
  }
  return { rows: [...byPeriod.values()].sort((a, b) => String(a.period).localeCompare(String(b.period))), columns };
}

/** For people: the codes of a wide table's columns, named. */
async function legend(keys: SeriesKey[]): Promise<string> {
  const { commodityName, partnerName } = await import("../../sources/codes/index.js");
  const lines = new Set<string>();
  for (const k of keys) {
    if (k.partner !== "world") lines.add(`${k.partner} = ${partnerName(k.partner)}`);
    if (k.commodity !== "total") lines.add(`${k.commodity} = ${k.flow === "balance" ? k.asked : commodityName(k.flow, k.commodity)}`);
  }
  return lines.size ? `\n${[...lines].join("; ")}\n` : "";
}

const MEASURE_ORDER = (m: string) => (m === "value" ? 0 : m.startsWith("quantity") ? 1 : 2);

/** For people: a row per series and month, a column per measure (its unit in the header), the release it stands on. */
async function longTable(rows: Row[], keys: SeriesKey[]): Promise<string> {
  const { commodityName, partnerName } = await import("../../sources/codes/index.js");
  const { formatTable } = await import("../output.js");
  const shown = (["flow", "partner", "commodity"] as const).filter((part) => new Set(keys.map((k) => k[part])).size > 1);
  const units = new Map<string, Set<string>>();
  for (const r of rows) units.set(r.measure as string, (units.get(r.measure as string) ?? new Set()).add(r.unit as string));
  const header = (measure: string) => (units.get(measure)!.size === 1 && [...units.get(measure)!][0] ? `${measure} (${[...units.get(measure)!][0]!.replace("JPY_thousand", "JPY thousand")})` : measure);
  const table = new Map<string, Row>();
  for (const r of rows) {
    const id = `${r.flow}|${r.partner}|${r.commodity}|${r.period}`;
    const row = table.get(id) ?? {
      period: r.period,
      ...(shown.includes("flow") ? { flow: r.flow } : {}),
      ...(shown.includes("partner") ? { partner: partnerName(r.partner as string) } : {}),
      ...(shown.includes("commodity") ? { commodity: r.flow === "balance" ? r.commodity : commodityName(r.flow as Flow, r.commodity as string) } : {}),
    };
    row[header(r.measure as string)] = r.value;
    if (units.get(r.measure as string)!.size > 1) row[`${r.measure} unit`] = r.unit;
    row.release = r.releaseId;
    row.stage = r.stage;
    table.set(id, row);
  }
  const measures = [...units.keys()].sort((a, b) => MEASURE_ORDER(a) - MEASURE_ORDER(b));
  const columns = ["period", ...shown, ...measures.flatMap((m) => (units.get(m)!.size > 1 ? [header(m), `${m} unit`] : [header(m)])), "release", "stage"];
  return formatTable([...table.values()], columns);
}

async function wideTable(wide: { rows: Row[]; columns: string[] }, keys: SeriesKey[]): Promise<string> {
  const { formatTable } = await import("../output.js");
  return formatTable(wide.rows, wide.columns) + (await legend(keys));
}
