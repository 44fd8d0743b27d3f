// A series' change on the same month a year earlier, month by month: computed from the levels held (rounded as
// the Ministry prints, from unrounded values), or the percentage a publisher printed where no levels are held.

import { series, type SeriesPoint, type SeriesQuery } from "../store/read.js";
import type { Store } from "../store/store.js";
import { addMonths, roundPct } from "./fact.js";

export interface YoyPoint {
  /** `YYYY-MM` */
  period: string;
  yoyPct: number;
  /** Computed from the two levels, or as printed (`yoy_pct`) where the levels are not both held. */
  from: "levels" | "printed";
  releaseId: number;
  stage: string;
  released: string | null;
}

/** y/y % for each month of `points` whose year-earlier level (or a printed y/y) is among them. */
export function yoySeries(points: readonly SeriesPoint[]): YoyPoint[] {
  const levels = new Map(points.filter((p) => p.measure === "value").map((p) => [p.period, p]));
  const printed = new Map(points.filter((p) => p.measure === "yoy_pct").map((p) => [p.period, p]));
  const periods = [...new Set([...levels.keys(), ...printed.keys()])].sort();
  const out: YoyPoint[] = [];
  for (const period of periods) {
    const now = levels.get(period);
    const before = levels.get(addMonths(period, -12));
    const { releaseId, stage, released } = now ?? printed.get(period)!;
    if (now && before && before.value !== 0) out.push({ period, yoyPct: roundPct((now.value / before.value - 1) * 100), from: "levels", releaseId, stage, released });
    else if (printed.has(period)) out.push({ period, yoyPct: printed.get(period)!.value, from: "printed", releaseId, stage, released });
  }
  return out;
}

/** A series as levels (as `series` reads it), or as y/y % — reading twelve months before `from` for the first changes. */
export async function seriesOrYoy(store: Store, query: SeriesQuery, change: "level" | "yoy"): Promise<SeriesPoint[] | YoyPoint[]> {
  if (change === "level") return series(store, query);
  const { last, ...rest } = query;
  const points = await series(store, { ...rest, measures: ["value", "yoy_pct"], from: query.from && addMonths(query.from, -12) });
  const changes = yoySeries(points).filter((p) => !query.from || p.period >= query.from);
  return last === undefined ? changes : changes.slice(-last);
}
