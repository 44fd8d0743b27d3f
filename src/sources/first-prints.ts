// Release-day first prints of the headline (balance, exports y/y, imports y/y, seasonally adjusted balance) with
// the economists' forecast and the previous month's figure, as transcribed from an economic calendar: a secondary
// source (not the Ministry's file), kept as its own dataset and named as such wherever its figures are used.

import Papa from "papaparse";
import { PERIOD_PATTERN, type Measure, type Observation, type ObservationFlow } from "../domain.js";
import { InputError } from "../errors.js";
import { decodeText } from "./text.js";

export const FIRST_PRINTS_COLUMNS = [
  "ref_month", "series", "actual_raw", "forecast_raw", "previous_raw", "actual_value", "previous_value", "unit", "event_label",
  "first_seen_commit", "first_seen_commit_time_utc", "source_file", "actual_changed_later",
] as const;

/** What the calendar's rows are in boeki's terms. The seasonally adjusted balance has no consensus metric. */
const SERIES: Record<string, { flow: ObservationFlow; measure: Measure; unit: "JPY_million" | "pct"; consensus?: "exports_yoy" | "imports_yoy" | "balance" }> = {
  exports_yoy: { flow: "export", measure: "yoy_pct", unit: "pct", consensus: "exports_yoy" },
  imports_yoy: { flow: "import", measure: "yoy_pct", unit: "pct", consensus: "imports_yoy" },
  trade_balance: { flow: "balance", measure: "balance", unit: "JPY_million", consensus: "balance" },
  adjusted_trade_balance_sa: { flow: "balance", measure: "balance_sa", unit: "JPY_million" },
};

/** The calendar's own name for itself in boeki: where its figures are used, this is what is said. */
export const FIRST_PRINTS_SOURCE = "economic calendar (first prints; a secondary source, not the Ministry's file)";

export interface FirstPrintsRelease {
  stage: "provisional" | "revised";
  /** The day the calendar was first seen printing the figure (UTC): the latest day it can have been public. */
  released: string;
  source: string;
  observations: Observation[];
}

export interface FirstPrintsForecast {
  period: string;
  metric: "exports_yoy" | "imports_yoy" | "balance";
  /** % for the y/y, ¥ billion for the balance. */
  value: number;
  source: string;
  published: string;
}

export interface FirstPrintsFile {
  releases: FirstPrintsRelease[];
  forecasts: FirstPrintsForecast[];
}

export const isFirstPrintsHeader = (firstLine: string) => firstLine.replace(/^\uFEFF/, "").trim() === FIRST_PRINTS_COLUMNS.join(",");

const previousMonth = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
};

/** `-930.5B`, `1,106.0B`, `-0.55T`, `3.8%` as printed → the number in the row's unit (JPY million or %). */
function printed(raw: string, unit: "JPY_million" | "pct"): number | null {
  const m = /^(-?[\d,]+(?:\.\d+)?)([BT%])$/.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ""));
  if (unit === "pct") return m[2] === "%" ? n : null;
  return m[2] === "B" ? Math.round(n * 1000) : m[2] === "T" ? Math.round(n * 1_000_000) : null;
}

/**
 * One release per capture day and stage: the first prints of the month (`provisional`), and the previous month as
 * the calendar showed it that day (`revised`, the second print). Forecasts become consensus rows from this source.
 */
export function parseFirstPrints(bytes: Uint8Array, file: string): FirstPrintsFile {
  const text = decodeText(bytes, file, "utf8");
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const [header, ...rows] = data;
  const names = (header ?? []).map((h) => h.replace(/^\uFEFF/, "").trim());
  FIRST_PRINTS_COLUMNS.forEach((name, i) => {
    if (names[i] !== name) throw new InputError({ file, line: 1, column: i + 1 }, `expected column "${name}", found "${names[i] ?? ""}"; the first-prints layout is ${FIRST_PRINTS_COLUMNS.join(",")}`);
  });
  const releases = new Map<string, FirstPrintsRelease>();
  const forecasts: FirstPrintsForecast[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, line, column }, problem);
    };
    if (cells.length !== FIRST_PRINTS_COLUMNS.length) fail("", `expected ${FIRST_PRINTS_COLUMNS.length} fields, found ${cells.length}`);
    const row = Object.fromEntries(FIRST_PRINTS_COLUMNS.map((c, k) => [c, cells[k]!.trim()])) as Record<(typeof FIRST_PRINTS_COLUMNS)[number], string>;
    const period = row.ref_month;
    if (!PERIOD_PATTERN.test(period)) fail("ref_month", `expected YYYY-MM, found "${period}"`);
    const series = SERIES[row.series] ?? fail("series", `expected one of ${Object.keys(SERIES).join(", ")}, found "${row.series}"`);
    const key = `${period} ${row.series}`;
    if (seen.has(key)) fail("series", `${row.series} for ${period} appears again (first at line ${seen.get(key)}); expected one first print per month and series`);
    seen.set(key, line);
    const time = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}/.exec(row.first_seen_commit_time_utc);
    const released = time?.[1] ?? fail("first_seen_commit_time_utc", `expected an ISO time (YYYY-MM-DDThh:mm…), found "${row.first_seen_commit_time_utc}"`);
    const actual = printed(row.actual_raw, series.unit) ?? fail("actual_raw", `expected a figure as the calendar prints it (-930.5B, -0.55T, 3.8%), found "${row.actual_raw}"`);
    const toStore = (value: number) => (series.unit === "JPY_million" ? value * 1000 : value); // thousand yen, the store's unit
    const unit = series.unit === "JPY_million" ? "JPY_thousand" : "pct";
    const add = (stage: FirstPrintsRelease["stage"], month: string, value: number, column: string) => {
      const id = `${stage} ${released}`;
      let release = releases.get(id);
      if (!release) {
        const what = stage === "provisional" ? "first prints" : "previous month as printed";
        releases.set(id, (release = { stage, released, source: `${FIRST_PRINTS_SOURCE}: ${what}, ${released}`, observations: [] }));
      }
      release.observations.push({ period: month, flow: series.flow, partner: "world", commodity: "total", measure: series.measure, value: toStore(value), unit, line, column });
    };
    add("provisional", period, actual, "actual_raw");
    if (row.previous_raw) {
      const previous = printed(row.previous_raw, series.unit) ?? fail("previous_raw", `expected a figure as the calendar prints it, found "${row.previous_raw}"`);
      add("revised", previousMonth(period), previous, "previous_raw");
    }
    if (row.forecast_raw && series.consensus) {
      const forecast = printed(row.forecast_raw, series.unit) ?? fail("forecast_raw", `expected a figure as the calendar prints it, found "${row.forecast_raw}"`);
      forecasts.push({ period, metric: series.consensus, value: series.unit === "JPY_million" ? forecast / 1000 : forecast, source: FIRST_PRINTS_SOURCE, published: released });
    }
  });
  if (releases.size === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  return { releases: [...releases.values()], forecasts };
}
