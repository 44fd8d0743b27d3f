// Reading the store: releases, and one series as it stood on a date (HS codes through src/store/read-hs9.ts).
// "As it stood" = for each observation, the value from the latest release effective on or before the date.

import type { Flow, Measure } from "../domain.js";
import { VINTAGE_ORDER } from "./ingest.js";
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
  flow: Flow;
  partner: string;
  commodity: string;
  /** Default: value and the quantities. */
  measures?: Measure[];
  /** `YYYY-MM` */
  from?: string;
  to?: string;
  /** `YYYY-MM-DD`: what had been published by the end of that day. Default: everything. */
  asOf?: string;
  /** Only this dataset; by default the latest release of any dataset wins. */
  dataset?: string;
}

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

export async function series(store: Store, q: SeriesQuery): Promise<SeriesPoint[]> {
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
async function longSeries(store: Store, q: SeriesQuery, measures: Measure[]): Promise<SeriesPoint[]> {
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
  // The latest month first, with one aggregate: reading whole series to find it costs ten times more.
  const [latest] = options.period ? [{ period: options.period, flows: 2 }] : await store.rows<{ period: string | null; flows: number }>(
    `SELECT strftime(min(last), '%Y-%m') AS period, count(*)::INTEGER AS flows FROM (
       SELECT o.flow, max(o.period) AS last FROM observations o JOIN releases r USING (release_id)
       WHERE o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value' AND r.effective <= ?::DATE
       GROUP BY o.flow)`,
    [options.asOf ?? "9999-12-31"],
  );
  if (!latest?.period || latest.flows < 2) return null;
  const query = { partner: "world", commodity: "total", measures: ["value" as Measure], asOf: options.asOf, from: latest.period, to: latest.period };
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
