// A fact is one figure of a release as data, not text: what was measured, its value, what it was compared
// with, which release it comes from and the rows behind it. Briefs and the claim checker speak only in facts.

import type { Flow, ObservationFlow } from "../domain.js";

export type Metric =
  | "level" // value in thousand yen
  | "yoy_pct" // change on the same month a year earlier, %
  | "yoy_diff" // the same change in thousand yen
  | "mom_pct" // change on the previous month, %
  | "ytd" // sum from January through the month, thousand yen
  | "ytd_yoy_pct"
  | "balance" // exports − imports, thousand yen
  | "balance_change" // balance − the year-earlier balance, thousand yen
  | "balance_yoy_pct" // the Ministry's % change of the balance (only when both have the same sign)
  | "balance_rounded" // exports and imports each rounded to ¥100 million (億円), then subtracted: the Japanese release's balance
  | "share_pct" // share of the world total (destinations) or of the partner's total (commodities), %
  | "contribution_pp" // contribution to the total's y/y change, percentage points
  | "streak" // consecutive months of the same sign: rises or falls of y/y, surpluses or deficits
  | "first_since" // the sign turned: the first rise (fall, surplus, deficit) since `basis.period`
  | "balance_change_streak" // consecutive months the balance rose (or fell) on a year earlier: a surplus widening, a deficit narrowing
  | "balance_change_first_since" // the balance rose (fell) on a year earlier for the first time since `basis.period`
  | "highest_since" // y/y the highest since `basis.period` ("fastest growth in nine months")
  | "lowest_since"
  | "record_high" // the highest level in the history the store holds
  | "record_month" // the highest level for this calendar month ("highest November on record")
  | "unit_value" // value per unit of quantity, thousand yen
  | "unit_value_yoy_pct"
  | "volume_yoy_pct" // change of the quantity on a year earlier, %
  | "consensus" // a forecast, as recorded
  | "surprise" // actual − forecast
  | "balance_sa" // the seasonally adjusted balance, as printed (thousand yen)
  | "volume_streak" // months in a row the quantity rose (fell) on a year earlier
  | "volume_first_since";

export type FactUnit = "JPY_thousand" | "pct" | "pp" | "months" | "JPY_billion";

/** The release a figure comes from. */
export interface Vintage {
  releaseId: number;
  dataset: string;
  stage: string;
  released: string | null;
}

/** One stored observation a fact was made from. */
export interface SourceRow {
  period: string;
  /** `balance` for a balance printed as such (and its printed % change). */
  flow: ObservationFlow;
  partner: string;
  commodity: string;
  measure: string;
  value: number;
  releaseId: number;
}

export interface Fact {
  /** Stable within one set of figures: `metric/flow/partner/commodity/period`. */
  id: string;
  metric: Metric;
  flow: Flow | "balance";
  partner: string;
  commodity: string;
  period: string;
  /** Percentages rounded as the Ministry prints them (one decimal, from unrounded inputs); levels unrounded. */
  value: number;
  unit: FactUnit;
  /** What the figure compares with: the year-earlier level, the month a streak began … */
  basis: { period: string; value: number } | null;
  vintage: Vintage;
  provenance: { dataset: string; query: string; rows: SourceRow[] };
  /** For percentages: the figure the Ministry printed, and the one computed from the levels in force, when known. */
  published?: number;
  computed?: number;
  /** Streaks and turning points: which way, and whether the history held was too short to see the start. */
  detail?: { sign?: "rise" | "fall" | "surplus" | "deficit"; since?: string; atLeast?: boolean; kind?: "highest" | "lowest"; source?: string; outcome?: "beat" | "miss" | "in line" };
  /** Why the figure is what it is, when a reader would ask (a revised base, a computed stand-in). */
  note?: string;
  /** Half the step the figure was printed to, in its unit, when a source printed it rounded (a calendar's ¥0.01 trillion). */
  resolution?: number;
}

export const factId = (metric: Metric, flow: string, partner: string, commodity: string, period: string, extra?: string) =>
  [metric, flow, partner, commodity, period, ...(extra ? [extra] : [])].join("/");

/** Rounds to one decimal as the Ministry does: half away from zero, guarding against binary noise (6.15 → 6.2). */
export function roundPct(x: number): number {
  const scaled = Math.abs(x) * 10;
  const rounded = Math.floor(scaled + 0.5 + 1e-9) / 10;
  return (x < 0 ? -rounded : rounded) + 0;
}

/** `2025-11` shifted by `months`. */
export { addMonths } from "../domain.js";

export const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
