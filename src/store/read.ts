// Reading the store: releases, one series as it stood on a date, and all current observations for export.
// "As it stood" = for each observation, the value from the latest release effective on or before the date.

import type { Flow, Measure } from "../domain.js";
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

/** Observations of the long table and of the HS-9 lines (summed over customs offices), with their releases. */
function observationHistory(hs9: boolean): string {
  const long = `SELECT dataset, period, flow, partner, commodity, measure, value, unit, release_id, NULL AS custom FROM observations`;
  if (!hs9) return long;
  return `${long} UNION ALL SELECT 'mof.hs9', period, flow, partner, commodity, measure, value, unit, release_id, custom FROM hs9_observations`;
}

export async function series(store: Store, q: SeriesQuery): Promise<SeriesPoint[]> {
  const measures = q.measures ?? ["value", "quantity1", "quantity2"];
  const params: Record<string, string> = { flow: q.flow, partner: q.partner, commodity: q.commodity };
  const where = [`o.flow = $flow`, `o.partner = $partner`, `o.commodity = $commodity`, `o.measure IN (${measures.map((m) => `'${m}'`).join(", ")})`];
  if (q.from) (params.from = `${q.from}-01`), where.push(`o.period >= $from::DATE`);
  if (q.to) (params.to = `${q.to}-01`), where.push(`o.period <= $to::DATE`);
  if (q.asOf) (params.asOf = q.asOf), where.push(`r.effective <= $asOf::DATE`);
  if (q.dataset) (params.dataset = q.dataset), where.push(`o.dataset = $dataset`);
  const isHs = q.commodity.startsWith("hs:");
  // HS lines are resolved per customs office first, then summed: each office's line has its own history.
  const latest = `
    SELECT o.*, r.effective, r.stage, r.released,
           row_number() OVER (PARTITION BY o.period, o.measure, o.custom ORDER BY r.effective DESC, o.release_id DESC) AS rank
    FROM (${observationHistory(isHs)}) o JOIN releases r USING (release_id)
    WHERE ${where.join(" AND ")}`;
  return store.rows<SeriesPoint>(
    `SELECT strftime(period, '%Y-%m') AS period, measure, sum(value) AS value, any_value(unit) AS unit, any_value(dataset) AS dataset,
            max(release_id) AS releaseId, any_value(stage) AS stage, strftime(any_value(released), '%Y-%m-%d') AS released
     FROM (${latest}) WHERE rank = 1
     GROUP BY period, measure ORDER BY period, measure`,
    params,
  );
}

/**
 * Every observation as it stood on `asOf` (or now), in the tidy layout's columns, for `boeki export`.
 * Zeros of the HS-9 tables (no trade in that line and month) are left out, as the tidy layout does.
 */
export function currentObservationsSql(asOf?: string): string {
  const cutoff = asOf ? `WHERE r.effective <= DATE '${asOf}'` : "";
  return `
    WITH history AS (${observationHistory(true)}),
    ranked AS (
      SELECT h.*, r.stage, r.released, r.source,
             row_number() OVER (PARTITION BY h.dataset, h.period, h.flow, h.partner, h.commodity, h.measure, h.custom
                                ORDER BY r.effective DESC, h.release_id DESC) AS rank
      FROM history h JOIN releases r USING (release_id) ${cutoff})
    SELECT strftime(period, '%Y-%m') AS period, flow, partner, commodity, measure, sum(value) AS value, any_value(unit) AS unit,
           any_value(stage) AS stage, coalesce(strftime(any_value(released), '%Y-%m-%d'), '') AS released, any_value(source) AS source
    FROM ranked WHERE rank = 1
    GROUP BY dataset, period, flow, partner, commodity, measure
    HAVING NOT (dataset = 'mof.hs9' AND sum(value) = 0)
    ORDER BY dataset, period, flow, partner, commodity, measure`;
}


/** The latest month of world exports held as of a day (`YYYY-MM`), or null when none was: one aggregate. */
export async function latestMonth(store: Store, asOf?: string): Promise<string | null> {
  const [row] = await store.rows<{ period: string | null }>(
    `SELECT strftime(max(o.period), '%Y-%m') AS period FROM observations o JOIN releases r USING (release_id)
     WHERE o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value' AND o.flow = 'export' AND r.effective <= ?::DATE`,
    [asOf ?? "9999-12-31"],
  );
  return row?.period ?? null;
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
