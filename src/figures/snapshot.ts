// The observations in force on one day, indexed for the figure functions. Built once per query by
// `loadSnapshot`; everything after that is pure computation over it.

import type { Flow, Measure, ObservationFlow } from "../domain.js";
import type { SeriesPoint } from "../store/read.js";
import type { Store } from "../store/store.js";
import { addMonths } from "./fact.js";

export interface SeriesKey {
  flow: Flow;
  partner: string;
  commodity: string;
}

/** An observation in force, with the release it stands on: a series point of `store/read` and its series key. */
export interface Point extends SeriesPoint, SeriesKey {
  /** `YYYY-MM-DD`: orders vintages; the later wins. */
  effective: string;
}

/**
 * Orders the observations of one key: a published figure over a derived one (a `derived.*` dataset, differences of
 * snapshots, which only fill what nothing published holds), then the later effective date, then the later release.
 */
const VINTAGE = `CASE WHEN o.dataset LIKE 'derived.%' THEN 0 ELSE 1000000000000000 END + date_diff('day', DATE '1970-01-01', r.effective)::BIGINT * 100000000 + o.release_id`;

const keyOf = (flow: string, partner: string, commodity: string, measure: string) => `${flow}|${partner}|${commodity}|${measure}`;

export class Snapshot {
  private readonly byKey = new Map<string, Map<string, Point>>();

  constructor(
    points: readonly Point[],
    /** The day the snapshot stands on; null: everything in the store. */
    readonly asOf: string | null,
    /** How far back streaks and "highest since" look, in months: a snapshot of a few long series may look further. */
    readonly lookback: number = LOOKBACK_MONTHS,
  ) {
    for (const p of points) {
      const key = keyOf(p.flow, p.partner, p.commodity, p.measure);
      let series = this.byKey.get(key);
      if (!series) this.byKey.set(key, (series = new Map()));
      series.set(p.period, p);
    }
  }

  get(key: SeriesKey, measure: Measure, period: string): Point | undefined {
    return this.byKey.get(keyOf(key.flow, key.partner, key.commodity, measure))?.get(period);
  }

  /** A balance printed as such (flow `balance`: the first prints' balance, the seasonally adjusted one, the Ministry's % change of a balance). */
  printedBalance(partner: string, measure: "balance" | "balance_sa" | "yoy_pct", period: string): Point | undefined {
    return this.byKey.get(keyOf("balance", partner, "total", measure))?.get(period);
  }

  /** Every observation held, in no particular order. */
  *points(): IterableIterator<Point> {
    for (const series of this.byKey.values()) yield* series.values();
  }

  /**
   * This snapshot with the observations it lacks taken from others, in order: a claim judged as of a day, with the
   * months that day did not hold yet filled from later releases (each point keeps the release it stands on).
   */
  filledFrom(...others: Snapshot[]): Snapshot {
    const points = [...this.points()];
    const held = new Set(points.map((p) => `${keyOf(p.flow, p.partner, p.commodity, p.measure)}|${p.period}`));
    for (const other of others) {
      for (const p of other.points()) {
        const key = `${keyOf(p.flow, p.partner, p.commodity, p.measure)}|${p.period}`;
        if (held.has(key)) continue;
        held.add(key);
        points.push(p);
      }
    }
    return new Snapshot(points, this.asOf, this.lookback);
  }

  /** Every period of a series, oldest first. */
  periods(key: SeriesKey, measure: Measure): string[] {
    return [...(this.byKey.get(keyOf(key.flow, key.partner, key.commodity, measure))?.keys() ?? [])].sort();
  }

  /** The series keys that have `measure` in `period`. */
  keysAt(period: string, measure: Measure): SeriesKey[] {
    const keys: SeriesKey[] = [];
    for (const [key, series] of this.byKey) {
      const [flow, partner, commodity, m] = key.split("|") as [Flow, string, string, string];
      if (m === measure && series.has(period)) keys.push({ flow, partner, commodity });
    }
    return keys;
  }
}

/** How far back streaks and "highest since" look, in months; records look at the whole history of world totals. */
export const LOOKBACK_MONTHS = 48;

/**
 * Loads the observations in force on `asOf` that figures for `month` can need: the whole history of the world
 * totals (records), the last LOOKBACK_MONTHS of partners' totals and world commodities (streaks), and of
 * commodities by partner only the month, the month before and the year before. `since` widens every window.
 */
export async function loadSnapshot(store: Store, month: string, asOf?: string, since?: string, options: { commoditiesByPartner?: boolean } = {}): Promise<Snapshot> {
  // Snapshots are kept per store while its releases stay the same: a server or a checker reading the same
  // months again (an article names the month, the month before, a year earlier) does not query again.
  const [{ version }] = (await store.rows<{ version: string }>(`SELECT count(*) || '/' || coalesce(max(release_id), 0) AS version FROM releases`)) as [{ version: string }];
  const cacheKey = JSON.stringify([version, month, asOf ?? null, since ?? null, options.commoditiesByPartner ?? true]);
  const cache = snapshotCache.get(store) ?? new Map<string, Snapshot>();
  snapshotCache.set(store, cache);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const snapshot = await querySnapshot(store, month, asOf, since, options);
  if (cache.size >= 32) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, snapshot);
  return snapshot;
}

const snapshotCache = new WeakMap<Store, Map<string, Snapshot>>();

/** A series asked for by the claim checker: its flow (or `balance` for printed balances), partner and goods. */
export interface SeriesRequest {
  flow: ObservationFlow;
  partner: string;
  commodity: string;
}

/**
 * The observations in force on `asOf` of a few series only, every measure over their whole history up to `month`:
 * what one article's claims need (a few milliseconds, where a month's whole snapshot takes a hundred). Sequences
 * computed on it look back as far as `lookback` months.
 */
export async function loadSeriesSnapshot(store: Store, series: readonly SeriesRequest[], month: string, asOf?: string, lookback = LOOKBACK_MONTHS): Promise<Snapshot> {
  const wanted = [...new Set(series.map((k) => `${k.flow}|${k.partner}|${k.commodity}`))].sort();
  const [{ version }] = (await store.rows<{ version: string }>(`SELECT count(*) || '/' || coalesce(max(release_id), 0) AS version FROM releases`)) as [{ version: string }];
  const cacheKey = JSON.stringify(["series", version, month, asOf ?? null, lookback, wanted]);
  const cache = snapshotCache.get(store) ?? new Map<string, Snapshot>();
  snapshotCache.set(store, cache);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const params = { asOf: asOf ?? "9999-12-31", to: `${month}-01`, keys: wanted.join("\n") };
  const points = await queryPoints(
    store,
    `SELECT concat_ws('|', flow, partner, commodity, measure, strftime(period, '%Y-%m'), arg_max(unit, vintage)) AS key,
            arg_max(value, vintage) AS value, arg_max(release_id, vintage) AS release
     FROM (
       SELECT o.*, ${VINTAGE} AS vintage
       FROM observations o JOIN releases r USING (release_id)
       WHERE r.effective <= $asOf::DATE AND o.period <= $to::DATE
         AND list_contains(string_split($keys, chr(10)), concat_ws('|', o.flow, o.partner, o.commodity)))
     GROUP BY flow, partner, commodity, measure, period`,
    params,
  );
  const snapshot = new Snapshot(points, asOf ?? null, lookback);
  if (cache.size >= 32) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, snapshot);
  return snapshot;
}

async function queryPoints(store: Store, sql: string, params: Record<string, string | boolean>): Promise<Point[]> {
  // Three columns, read column-wise: turning DuckDB's values into JS costs as much as the query itself.
  const columns = await store.columns(sql, params);
  const releases = new Map(
    (await store.rows<{ id: number; dataset: string; stage: string; released: string | null; effective: string }>(
      `SELECT release_id AS id, dataset, stage, strftime(released, '%Y-%m-%d') AS released, strftime(effective, '%Y-%m-%d') AS effective FROM releases`,
    )).map((r) => [r.id, r]),
  );
  const [keys, values, releaseIds] = ["key", "value", "release"].map((c) => columns[c]!) as [string[], number[], number[]];
  return keys.map((key, i) => {
    const [flow, partner, commodity, measure, period, unit] = key.split("|") as [Flow, string, string, Measure, string, string];
    const release = releases.get(releaseIds[i]!)!;
    return {
      period, flow, partner, commodity, measure, value: values[i]!, unit: unit ?? "",
      dataset: release.dataset, releaseId: release.id, stage: release.stage, released: release.released, effective: release.effective,
    };
  });
}

async function querySnapshot(store: Store, month: string, asOf: string | undefined, since: string | undefined, options: { commoditiesByPartner?: boolean }): Promise<Snapshot> {
  const params = {
    byPartner: options.commoditiesByPartner ?? true,
    asOf: asOf ?? "9999-12-31", to: `${month}-01`, from: `${since ?? addMonths(month, -LOOKBACK_MONTHS)}-01`,
    monthBefore: `${addMonths(month, -1)}-01`, yearBefore: `${addMonths(month, -12)}-01`, wide: since !== undefined,
  };
  const points = await queryPoints(
    store,
    `SELECT concat_ws('|', flow, partner, commodity, measure, strftime(period, '%Y-%m'), arg_max(unit, vintage)) AS key,
            arg_max(value, vintage) AS value, arg_max(release_id, vintage) AS release
     FROM (
       SELECT o.*, ${VINTAGE} AS vintage
       FROM observations o JOIN releases r USING (release_id)
       WHERE r.effective <= $asOf::DATE AND o.period <= $to::DATE
         AND CASE WHEN o.partner = 'world' AND o.commodity = 'total' THEN o.period >= $from::DATE OR o.measure IN ('value', 'yoy_pct')
                  WHEN o.partner = 'world' OR o.commodity = 'total' THEN o.period >= $from::DATE
                  ELSE $byPartner AND (o.period IN ($to::DATE, $monthBefore::DATE, $yearBefore::DATE) OR $wide) END)
     GROUP BY flow, partner, commodity, measure, period`,
    params,
  );
  return new Snapshot(points, asOf ?? null);
}
