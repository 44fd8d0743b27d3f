// Reading the store: releases, and one series as it stood on a date (HS codes through src/store/read-hs9.ts).
// "As it stood" = for each observation, the value from the latest release effective on or before the date.

import { FLOWS, type Flow, type Measure } from "../domain.js";
import { UsageError } from "../errors.js";
import { principalCommodity } from "../sources/codes/index.js";
import { commodityByFlow, resolveCommodity, resolvePartner } from "../sources/codes/resolve.js";
import { VINTAGE_ORDER } from "./ingest.js";
import { LATEST_OF_BOTH_FLOWS, parseDate, parseMonth } from "./months.js";
import { hs9Series } from "./read-hs9.js";
import type { Store } from "./store.js";

export interface Release {
  releaseId: number;
  dataset: string;
  format: string;
  fileName: string;
  sha256: string;
  part: number;
  stage: string;
  released: string | null;
  ingestedAt: string;
  effective: string;
  source: string;
  through: string | null;
  added: number;
  revised: number;
  unchanged: number;
}

export async function releases(store: Store): Promise<Release[]> {
  return store.rows<Release>(`
    SELECT release_id AS releaseId, dataset, format, file_name AS fileName, sha256, part, stage,
           strftime(released, '%Y-%m-%d') AS released, strftime(ingested_at, '%Y-%m-%dT%H:%M:%S') AS ingestedAt,
           strftime(effective, '%Y-%m-%d') AS effective, source, through, added, revised, unchanged
    FROM releases ORDER BY release_id`);
}

export interface SeriesQuery {
  /** `export` (default), `import`, or `balance`: exports − imports, month by month, where both are held. */
  flow?: Flow | "balance";
  /** A code or a name (`304`, `USA`, `米国`, `area:asia`); default `world`. */
  partner?: string;
  /** A code or a name (`pc:70503`, `cars`, `hs:8703`); default `total`. Names read in the flow's own codes. */
  commodity?: string;
  /** Default: value and the quantities (a balance has the value only). */
  measures?: Measure[];
  /** `YYYY-MM` */
  from?: string;
  to?: string;
  /** Only the last `last` months held (up to `to`). */
  last?: number;
  /** `YYYY-MM-DD`: what had been published by the end of that day. Default: everything. */
  asOf?: string;
  /** Only this dataset; by default the latest release of any dataset wins. */
  dataset?: string;
}

/** A query with its names resolved to codes and one flow: what the readers below take. */
type ResolvedQuery = Omit<SeriesQuery, "flow" | "partner" | "commodity"> & { flow: Flow; partner: string; commodity: string };

export interface SeriesPoint {
  period: string;
  measure: Measure;
  value: number;
  unit: string;
  dataset: string;
  releaseId: number;
  stage: string;
  released: string | null;
}

/**
 * One series as it stands now, or as it stood on `asOf`. Takes the CLI's defaults (exports, world, total) and its
 * names for partners and goods; an unknown name, a malformed month or a day not of the calendar is a UsageError.
 */
export async function series(store: Store, query: SeriesQuery = {}): Promise<SeriesPoint[]> {
  const flow = query.flow ?? "export";
  const q = {
    ...query,
    partner: resolvePartner(query.partner ?? "world"),
    from: query.from === undefined ? undefined : parseMonth(query.from, "from"),
    to: query.to === undefined ? undefined : parseMonth(query.to, "to"),
    asOf: query.asOf === undefined ? undefined : parseDate(query.asOf, "asOf"),
  };
  if (q.last !== undefined && !(Number.isInteger(q.last) && q.last >= 1)) throw new UsageError(`last: expected a whole number of months, found ${q.last}`);
  const points = flow === "balance"
    ? await balanceSeries(store, q, balanceCommodities(query.commodity ?? "total"))
    : await flowSeries(store, { ...q, flow, commodity: resolveCommodity(query.commodity ?? "total", flow) });
  if (q.last === undefined) return points;
  const kept = new Set([...new Set(points.map((p) => p.period))].slice(-q.last));
  return points.filter((p) => kept.has(p.period));
}

/** Exports and imports read a name in their own codes (`cars`: pc:70503 out, pc:70501 in); a bare `pc:` code must mean the same goods in both. */
export function balanceCommodities(text: string): Record<Flow, string> {
  const byFlow = commodityByFlow(text);
  if (!byFlow.export || !byFlow.import) {
    throw new UsageError(`commodity "${text}" has no balance: it is only in ${byFlow.export ? "exports" : "imports"}`);
  }
  const names = FLOWS.map((f) => principalCommodity(f, byFlow[f]!)?.nameEn);
  if (byFlow.export === byFlow.import && byFlow.export.startsWith("pc:") && names[0] !== names[1]) {
    throw new UsageError(`${byFlow.export} is ${names[0]} in exports and ${names[1]} in imports: name the goods (cars, chips …) for a balance`);
  }
  return byFlow as Record<Flow, string>;
}

/** Exports − imports where both are held; the release is the later of the two. */
async function balanceSeries(store: Store, q: Omit<SeriesQuery, "flow" | "commodity"> & { partner: string }, commodity: Record<Flow, string>): Promise<SeriesPoint[]> {
  const read = (flow: Flow) => flowSeries(store, { ...q, flow, commodity: commodity[flow], measures: ["value"] });
  const [exports, imports] = await Promise.all([read("export"), read("import")]);
  const importsByPeriod = new Map(imports.map((p) => [p.period, p]));
  return exports.flatMap((e) => {
    const i = importsByPeriod.get(e.period);
    if (!i) return [];
    const later = e.releaseId >= i.releaseId ? e : i;
    return [{
      period: e.period, measure: "value" as const, value: e.value - i.value, unit: e.unit,
      dataset: e.dataset === i.dataset ? e.dataset : `${e.dataset}+${i.dataset}`, releaseId: later.releaseId, stage: later.stage,
      released: [e.released, i.released].every(Boolean) ? (e.released! > i.released! ? e.released : i.released) : null,
    }];
  });
}

/** One flow's series, the names resolved: HS codes from the HS-9 lines (and their roll-ups), the rest from the long table. */
async function flowSeries(store: Store, q: ResolvedQuery): Promise<SeriesPoint[]> {
  const measures = q.measures ?? ["value", "quantity1", "quantity2"];
  if (!q.commodity.startsWith("hs:")) return longSeries(store, q, measures);
  // HS codes: the HS-9 lines (and their roll-ups), and any HS rows of the long table (a tidy file) where the lines have none.
  const lines = !q.dataset || q.dataset === "mof.hs9" ? await hs9Series(store, { ...q, measures }) : [];
  // Only tidy files bring HS rows into the long table; without any, the scan of it is skipped.
  const [{ tidy }] = (await store.rows<{ tidy: boolean }>(`SELECT EXISTS (SELECT 1 FROM releases WHERE format IN ('tidy-csv', 'tidy-parquet')) AS tidy`)) as [{ tidy: boolean }];
  const long = q.dataset === "mof.hs9" || !tidy ? [] : await longSeries(store, q, measures);
  const held = new Set(lines.map((p) => `${p.period} ${p.measure}`));
  return [...lines, ...long.filter((p) => !held.has(`${p.period} ${p.measure}`))].sort((a, b) =>
    a.period === b.period ? a.measure.localeCompare(b.measure) : a.period.localeCompare(b.period),
  );
}

/** A series of the long table: for each month and measure, the value from the latest release of any dataset. */
async function longSeries(store: Store, q: ResolvedQuery, measures: Measure[]): Promise<SeriesPoint[]> {
  const params: Record<string, string> = { flow: q.flow, partner: q.partner, commodity: q.commodity };
  const where = [`o.flow = $flow`, `o.partner = $partner`, `o.commodity = $commodity`, `o.measure IN (${measures.map((m) => `'${m}'`).join(", ")})`];
  if (q.from) (params.from = `${q.from}-01`), where.push(`o.period >= $from::DATE`);
  if (q.to) (params.to = `${q.to}-01`), where.push(`o.period <= $to::DATE`);
  if (q.asOf) (params.asOf = q.asOf), where.push(`r.effective <= $asOf::DATE`);
  if (q.dataset) (params.dataset = q.dataset), where.push(`o.dataset = $dataset`);
  return store.rows<SeriesPoint>(
    `SELECT strftime(o.period, '%Y-%m') AS period, o.measure, arg_max(o.value, ${VINTAGE_ORDER}) AS value, arg_max(o.unit, ${VINTAGE_ORDER}) AS unit,
            arg_max(o.dataset, ${VINTAGE_ORDER}) AS dataset, arg_max(o.release_id, ${VINTAGE_ORDER}) AS releaseId,
            arg_max(r.stage, ${VINTAGE_ORDER}) AS stage, strftime(arg_max(r.released, ${VINTAGE_ORDER}), '%Y-%m-%d') AS released
     FROM observations o JOIN releases r USING (release_id)
     WHERE ${where.join(" AND ")}
     GROUP BY o.period, o.measure ORDER BY o.period, o.measure`,
    params,
  );
}

export interface MonthTotals {
  period: string;
  exportsJpyThousand: number;
  importsJpyThousand: number;
  balanceJpyThousand: number;
  /** Releases the two figures come from. */
  releaseIds: number[];
}

/** World exports, imports and balance for the latest month that has both (or for `period`). */
export async function monthTotals(store: Store, options: { period?: string; asOf?: string } = {}): Promise<MonthTotals | null> {
  const period = options.period ?? (await store.rows<{ period: string | null }>(`SELECT (${LATEST_OF_BOTH_FLOWS}) AS period`, { asOf: options.asOf ?? "9999-12-31" }))[0]?.period;
  if (!period) return null;
  const query = { partner: "world", commodity: "total", measures: ["value" as Measure], asOf: options.asOf, from: period, to: period };
  const [exports, imports] = await Promise.all([series(store, { ...query, flow: "export" }), series(store, { ...query, flow: "import" })]);
  const importsByPeriod = new Map(imports.map((p) => [p.period, p]));
  const both = exports.filter((p) => importsByPeriod.has(p.period)).at(-1);
  if (!both) return null;
  const imp = importsByPeriod.get(both.period)!;
  return {
    period: both.period,
    exportsJpyThousand: both.value,
    importsJpyThousand: imp.value,
    balanceJpyThousand: both.value - imp.value,
    releaseIds: [both.releaseId, imp.releaseId],
  };
}
