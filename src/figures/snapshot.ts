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
 * The releases with the orders of their observations, computed once per release rather than per row. `vintage`
 * orders the observations of one key in force: a published figure over a derived one (a `derived.*` dataset,
 * differences of snapshots, which only fill what nothing published holds), then the later effective date, then the
 * later release. `first` finds the first release after a day that holds an observation: the earliest, and of one
 * day a published one over a derived one.
 */
const RELEASE_ORDER = `(SELECT release_id, effective,
    CASE WHEN dataset LIKE 'derived.%' THEN 0 ELSE 1000000000000000 END + date_diff('day', DATE '1970-01-01', effective)::BIGINT * 100000000 + release_id AS vintage,
    date_diff('day', DATE '1970-01-01', effective)::BIGINT * 10000000000 + CASE WHEN dataset LIKE 'derived.%' THEN 5000000000 ELSE 0 END + release_id AS first
  FROM releases)`;

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

  /** Series already looked up, by the key object asked with: sequences ask the same series for dozens of months. */
  private readonly resolved = new WeakMap<SeriesKey, Map<Measure, Map<string, Point> | undefined>>();

  get(key: SeriesKey, measure: Measure, period: string): Point | undefined {
    let byMeasure = this.resolved.get(key);
    if (!byMeasure) this.resolved.set(key, (byMeasure = new Map()));
    let series = byMeasure.get(measure);
    if (series === undefined && !byMeasure.has(measure)) byMeasure.set(measure, (series = this.byKey.get(keyOf(key.flow, key.partner, key.commodity, measure))));
    return series?.get(period);
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
  const version = await storeVersion(store);
  const cacheKey = JSON.stringify([version, month, asOf ?? null, since ?? null, options.commoditiesByPartner ?? true]);
  const cache = snapshotCache.get(store) ?? new Map<string, Snapshot>();
  snapshotCache.set(store, cache);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const snapshot = await querySnapshot(store, version, month, asOf, since, options);
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

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A WHERE condition on `alias`'s series that are among `series`: IN lists on each key column (which the scan can
 * use) narrowed to the exact series.
 */
export function seriesCondition(series: readonly SeriesRequest[], alias = "o"): string {
  if (!series.length) return "FALSE";
  const column = (name: "flow" | "partner" | "commodity") => `${alias}.${name} IN (${[...new Set(series.map((k) => k[name]))].map(literal).join(", ")})`;
  const exact = [...new Set(series.map((k) => `${k.flow}|${k.partner}|${k.commodity}`))].map(literal).join(", ");
  return `${column("flow")} AND ${column("partner")} AND ${column("commodity")} AND concat_ws('|', ${alias}.flow, ${alias}.partner, ${alias}.commodity) IN (${exact})`;
}

/**
 * The observations in force on `asOf` of a few series only, every measure over their whole history up to `month`:
 * what one article's claims need (a few milliseconds, where a month's whole snapshot takes a hundred). Sequences
 * computed on it look back as far as `lookback` months; `from` (YYYY-MM) cuts the history short.
 */
export async function loadSeriesSnapshot(store: Store, series: readonly SeriesRequest[], month: string, asOf?: string, lookback = LOOKBACK_MONTHS, from?: string): Promise<Snapshot> {
  return (await loadSeriesSnapshots(store, series, month, [{ asOf: asOf ?? null }], lookback, from))[0]!;
}

/**
 * What a snapshot stands on: the observations in force on a day (`asOf`, null: everything in the store), or for each
 * observation the first release after a day that held it (`firstAfter`: what a day did not hold yet, as it was first
 * published).
 */
export type SnapshotDay = { asOf: string | null } | { firstAfter: string };

/** The same as of several days at once, in one pass over the observations. */
export async function loadSeriesSnapshots(
  store: Store, series: readonly SeriesRequest[], month: string, days: readonly SnapshotDay[], lookback = LOOKBACK_MONTHS, from?: string,
): Promise<Snapshot[]> {
  const wanted = [...new Set(series.map((k) => `${k.flow}|${k.partner}|${k.commodity}`))].sort();
  const version = await storeVersion(store);
  const cacheKey = (day: SnapshotDay) => JSON.stringify(["series", version, month, day, lookback, from ?? null, wanted]);
  const cache = snapshotCache.get(store) ?? new Map<string, Snapshot>();
  snapshotCache.set(store, cache);
  const found = new Map(days.map((day) => [cacheKey(day), cache.get(cacheKey(day))] as const));
  const missing = days.filter((day, i) => !found.get(cacheKey(day)) && days.findIndex((d) => cacheKey(d) === cacheKey(day)) === i);
  if (missing.length) {
    const date = (day: string | null) => `'${day ?? "9999-12-31"}'::DATE`;
    const columns = missing.flatMap((day, i) => {
      const [pick, order, filter] = "firstAfter" in day ? ["arg_min", "first", `effective > ${date(day.firstAfter)}`] : ["arg_max", "vintage", `effective <= ${date(day.asOf)}`];
      return [`${pick}(value, ${order}) FILTER (WHERE ${filter}) AS value${i}`, `${pick}(release_id, ${order}) FILTER (WHERE ${filter}) AS release${i}`, `${pick}(unit, ${order}) FILTER (WHERE ${filter}) AS unit${i}`];
    });
    const result = await store.columns(
      `SELECT concat_ws('|', flow, partner, commodity, measure, strftime(period, '%Y-%m')) AS key, ${columns.join(", ")}
       FROM (
         SELECT o.*, r.effective, r.vintage, r.first
         FROM observations o JOIN ${RELEASE_ORDER} r USING (release_id)
         WHERE o.period <= $to::DATE AND o.period >= $from::DATE AND ${seriesCondition(series)})
       GROUP BY flow, partner, commodity, measure, period`,
      { to: `${month}-01`, from: `${from ?? "0001-01"}-01` },
    );
    const releases = await releasesOf(store, version);
    const keys = result.key as string[];
    missing.forEach((day, i) => {
      const [values, releaseIds, units] = [`value${i}`, `release${i}`, `unit${i}`].map((c) => result[c]!) as [Array<number | null>, Array<number | null>, Array<string | null>];
      const points: Point[] = [];
      keys.forEach((key, k) => {
        if (values[k] === null || values[k] === undefined) return;
        const [flow, partner, commodity, measure, period] = key.split("|") as [Flow, string, string, Measure, string];
        const release = releases.get(releaseIds[k]!)!;
        points.push({
          period, flow, partner, commodity, measure, value: values[k]!, unit: units[k] ?? "",
          dataset: release.dataset, releaseId: release.id, stage: release.stage, released: release.released, effective: release.effective,
        });
      });
      const snapshot = new Snapshot(points, "firstAfter" in day ? day.firstAfter : day.asOf, lookback);
      if (cache.size >= 32) cache.delete(cache.keys().next().value!);
      cache.set(cacheKey(day), snapshot);
      found.set(cacheKey(day), snapshot);
    });
  }
  return days.map((day) => found.get(cacheKey(day))!);
}

/**
 * Reads what every snapshot needs first (the store's version and its releases), so that a caller can start it
 * before work of its own (the claim checker reads the article meanwhile).
 */
export async function warmSnapshots(store: Store): Promise<void> {
  await releasesOf(store, await storeVersion(store));
}

/** Changes whenever a release is added: snapshots and the release list are kept while it stays the same. */
async function storeVersion(store: Store): Promise<string> {
  // The effective days count too: a release given its date later moves in time without a new release.
  const [{ version }] = (await store.rows<{ version: string }>(
    `SELECT count(*) || '/' || coalesce(max(release_id), 0) || '/' || coalesce(sum(date_diff('day', DATE '1970-01-01', effective)), 0) AS version FROM releases`,
  )) as [{ version: string }];
  return version;
}

type ReleaseRow = { id: number; dataset: string; stage: string; released: string | null; effective: string };
const releaseCache = new WeakMap<Store, { version: string; releases: Map<number, ReleaseRow> }>();

async function releasesOf(store: Store, version: string): Promise<Map<number, ReleaseRow>> {
  const cached = releaseCache.get(store);
  if (cached?.version === version) return cached.releases;
  const releases = new Map(
    (await store.rows<ReleaseRow>(
      `SELECT release_id AS id, dataset, stage, strftime(released, '%Y-%m-%d') AS released, strftime(effective, '%Y-%m-%d') AS effective FROM releases`,
    )).map((r) => [r.id, r]),
  );
  releaseCache.set(store, { version, releases });
  return releases;
}

async function queryPoints(store: Store, version: string, sql: string, params: Record<string, string | boolean>): Promise<Point[]> {
  // Three columns, read column-wise: turning DuckDB's values into JS costs as much as the query itself.
  const columns = await store.columns(sql, params);
  const releases = await releasesOf(store, version);
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

async function querySnapshot(store: Store, version: string, month: string, asOf: string | undefined, since: string | undefined, options: { commoditiesByPartner?: boolean }): Promise<Snapshot> {
  const params = {
    byPartner: options.commoditiesByPartner ?? true,
    asOf: asOf ?? "9999-12-31", to: `${month}-01`, from: `${since ?? addMonths(month, -LOOKBACK_MONTHS)}-01`,
    monthBefore: `${addMonths(month, -1)}-01`, yearBefore: `${addMonths(month, -12)}-01`, wide: since !== undefined,
  };
  const points = await queryPoints(
    store,
    version,
    `SELECT concat_ws('|', flow, partner, commodity, measure, strftime(period, '%Y-%m'), arg_max(unit, vintage)) AS key,
            arg_max(value, vintage) AS value, arg_max(release_id, vintage) AS release
     FROM (
       SELECT o.*, r.vintage
       FROM observations o JOIN ${RELEASE_ORDER} r USING (release_id)
       WHERE r.effective <= $asOf::DATE AND o.period <= $to::DATE
         AND CASE WHEN o.partner = 'world' AND o.commodity = 'total' THEN o.period >= $from::DATE OR o.measure IN ('value', 'yoy_pct')
                  WHEN o.partner = 'world' OR o.commodity = 'total' THEN o.period >= $from::DATE
                  ELSE $byPartner AND (o.period IN ($to::DATE, $monthBefore::DATE, $yearBefore::DATE) OR $wide) END)
     GROUP BY flow, partner, commodity, measure, period`,
    params,
  );
  return new Snapshot(points, asOf ?? null);
}
