// The vocabulary every stage shares: flows, stages, measures and the observation itself.
// Kept apart from any format or storage so that sources, store and figures agree on one meaning.

export const FLOWS = ["export", "import"] as const;
export type Flow = (typeof FLOWS)[number];
/** `balance`: a balance a publisher printed without the exports and imports it comes from (measures `balance`, `balance_sa`). */
export type ObservationFlow = Flow | "balance";

/** Release stages, from the earliest partial-month figures to the final annual revision. */
export const STAGES = ["first_10_days", "first_20_days", "provisional", "detailed", "revised", "fixed", "unknown"] as const;
export type Stage = (typeof STAGES)[number];

/**
 * What an observation measures. `value` is always stored in thousand yen; quantities in the unit printed.
 * `yoy_pct`, `share_pct` and `contribution_pp` are figures a publisher printed without printing their base:
 * kept as published, never used to back out levels. `balance` and `balance_sa` (seasonally adjusted), in thousand
 * yen, are balances printed as such (flow `balance`), where a release's exports and imports are not held; a
 * `yoy_pct` of flow `balance` is the balance's % change as printed (the Ministry prints `-` where the sign changed,
 * and compares with its own year-earlier figure, often a revision the store does not hold).
 */
export const MEASURES = ["value", "quantity1", "quantity2", "yoy_pct", "share_pct", "contribution_pp", "balance", "balance_sa"] as const;
export type Measure = (typeof MEASURES)[number];

/** One number for one month, flow, partner and commodity, as a source printed it. */
export interface Observation {
  /** `YYYY-MM` */
  period: string;
  flow: ObservationFlow;
  /** `world`, a MoF 3-digit country code, `area:…` or `group:…` */
  partner: string;
  /** `total`, `hs:<2|4|6|9 digits>` or `pc:<principal-commodity code>` */
  commodity: string;
  measure: Measure;
  /** In the store's unit for the measure: thousand yen for `value`. */
  value: number;
  /** `JPY_thousand`, `pct`, `pp`, or a quantity unit as printed (`NO`, `KG`, `MT`…); empty when none was printed. */
  unit: string;
  /** Where in the input the number stood, for error messages that name it. */
  line: number;
  column: string;
}

/** What a source knows about the publication a batch of observations came from. */
export interface ReleaseMeta {
  /** The family of publications the numbers belong to (`mof.d41ma`, `mof.hs9`, `tidy` …); revisions are tracked within it. */
  dataset: string;
  /** Parser that read it (`mof-timeseries`, `hs9`, `tidy-csv` …). */
  format: string;
  stage: Stage;
  /** `YYYY-MM-DD` when the file (or the user) says when it was published; null when unknown. */
  released: string | null;
  /** Free text naming the publication. */
  source: string;
}

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `YYYY-MM` plus `months` (negative: earlier). */
export function addMonths(period: string, months: number): string {
  const total = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/**
 * The day in Japan at `t`, as `YYYY-MM-DD`: the Ministry's calendar, and a day ahead of most of the world's, so that
 * a release dated today in Tokyo is never "in the future" for a user elsewhere. Japan keeps UTC+9 all year (no summer
 * time since 1951), so no time-zone database (ICU, slow to load) is needed.
 */
export function dayInJapan(t: Date = new Date()): string {
  return new Date(t.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
