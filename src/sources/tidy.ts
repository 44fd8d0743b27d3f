// The tidy layout (DESIGN §1): one observation per row, so that anyone can bring any reporter's data.
// CSV is parsed here; Parquet rows arrive from DuckDB (store/ingest) and are checked by the same rules.

import Papa from "papaparse";
import { DATE_PATTERN, FLOWS, MEASURES, PERIOD_PATTERN, STAGES, type Flow, type Measure, type Observation, type Stage } from "../domain.js";
import { InputError } from "../errors.js";
import { commodityProblem, partnerProblem } from "./codes/index.js";
import { decodeText } from "./text.js";

export const TIDY_COLUMNS = ["period", "flow", "partner", "commodity", "measure", "value", "unit", "stage", "released", "source"] as const;
export type TidyRow = Record<(typeof TIDY_COLUMNS)[number], string>;

/** One publication inside a tidy file: the rows that share stage, release date and source. */
export interface TidyRelease {
  stage: Stage;
  released: string | null;
  source: string;
  observations: Observation[];
}

/** Factor from a value unit to thousand yen, the store's one unit for `value`. */
const VALUE_UNITS: Record<string, number> = { JPY: 0.001, JPY_thousand: 1, JPY_million: 1000, JPY_billion: 1_000_000 };
const PERCENT_UNITS: Partial<Record<Measure, string>> = { yoy_pct: "pct", share_pct: "pct", contribution_pp: "pp" };
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export function isTidyHeader(firstLine: string): boolean {
  return firstLine.replace(/^\uFEFF/, "").trim().startsWith("period,flow,partner");
}

export function parseTidyCsv(bytes: Uint8Array, file: string): TidyRelease[] {
  const text = decodeText(bytes, file, "utf8");
  if (text.trim() === "") throw new InputError({ file, line: 1 }, "is empty; expected a header row: " + TIDY_COLUMNS.join(","));
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const [header, ...rows] = parsed.data;
  checkTidyHeader(header ?? [], file);
  return tidyReleases(
    rows.map((cells, i) => {
      const line = i + 2;
      if (cells.length !== TIDY_COLUMNS.length) {
        throw new InputError({ file, line }, `expected ${TIDY_COLUMNS.length} fields (${TIDY_COLUMNS.join(",")}), found ${cells.length}`);
      }
      return { line, row: Object.fromEntries(TIDY_COLUMNS.map((c, k) => [c, cells[k]!.trim()])) as TidyRow };
    }),
    file,
  );
}

export function checkTidyHeader(header: readonly string[], file: string): void {
  const names = header.map((h) => h.replace(/^\uFEFF/, "").trim());
  TIDY_COLUMNS.forEach((name, i) => {
    if (names[i] !== name) {
      throw new InputError({ file, line: 1, column: i + 1 }, `expected column "${name}", found "${names[i] ?? ""}"; the tidy layout is ${TIDY_COLUMNS.join(",")}`);
    }
  });
  if (names.length !== TIDY_COLUMNS.length) throw new InputError({ file, line: 1 }, `expected ${TIDY_COLUMNS.length} columns, found ${names.length}`);
}

/** Checks each row and groups them into releases. `line` is the CSV line or the Parquet row number. */
export function tidyReleases(rows: Iterable<{ line: number; row: TidyRow }>, file: string): TidyRelease[] {
  const releases = new Map<string, TidyRelease>();
  for (const { line, row } of rows) {
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, line, column }, problem);
    };
    if (!PERIOD_PATTERN.test(row.period)) fail("period", `expected YYYY-MM, found "${row.period}"`);
    // `balance`: a balance printed without its exports and imports (measure balance, balance_sa or yoy_pct, goods total).
    const printedBalance = row.flow === "balance";
    if (!(FLOWS as readonly string[]).includes(row.flow) && !printedBalance) fail("flow", `expected export, import or balance, found "${row.flow}"`);
    const flow = row.flow as Flow;
    const partnerIssue = partnerProblem(row.partner);
    if (partnerIssue) fail("partner", partnerIssue);
    const commodityIssue = printedBalance ? (row.commodity === "total" ? null : `expected total for flow balance, found "${row.commodity}"`) : commodityProblem(flow, row.commodity);
    if (commodityIssue) fail("commodity", commodityIssue);
    if (!(MEASURES as readonly string[]).includes(row.measure)) fail("measure", `expected one of ${MEASURES.join(", ")}, found "${row.measure}"`);
    const measure = row.measure as Measure;
    const balanceMeasure = measure === "balance" || measure === "balance_sa";
    if (printedBalance && !balanceMeasure && measure !== "yoy_pct") fail("measure", `expected balance, balance_sa or yoy_pct for flow balance, found "${measure}"`);
    if (!printedBalance && balanceMeasure) fail("measure", `measure ${measure} goes with flow balance, found flow "${row.flow}"`);
    if (!NUMBER.test(row.value)) fail("value", `expected a number, found "${row.value}"`);
    let value = Number(row.value);
    let unit = row.unit;
    if (measure === "value" || balanceMeasure) {
      const factor = VALUE_UNITS[unit] ?? fail("unit", `expected a yen unit (${Object.keys(VALUE_UNITS).join(", ")}) for measure ${measure}, found "${unit}"`);
      value = value * factor;
      unit = "JPY_thousand";
    } else if (PERCENT_UNITS[measure]) {
      if (unit !== PERCENT_UNITS[measure]) fail("unit", `expected ${PERCENT_UNITS[measure]} for measure ${measure}, found "${unit}"`);
    }
    if ((measure === "value" || measure.startsWith("quantity")) && value < 0) fail("value", `a negative ${measure} (${row.value}); trade values and quantities are never below zero`);
    if (!(STAGES as readonly string[]).includes(row.stage)) fail("stage", `expected one of ${STAGES.join(", ")}, found "${row.stage}"`);
    if (row.released !== "" && !DATE_PATTERN.test(row.released)) fail("released", `expected YYYY-MM-DD or nothing, found "${row.released}"`);
    const key = `${row.stage}\u0000${row.released}\u0000${row.source}`;
    let release = releases.get(key);
    if (!release) {
      release = { stage: row.stage as Stage, released: row.released || null, source: row.source, observations: [] };
      releases.set(key, release);
    }
    release.observations.push({ period: row.period, flow: printedBalance ? "balance" : flow, partner: row.partner, commodity: row.commodity, measure, value, unit, line, column: "value" });
  }
  if (releases.size === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  return [...releases.values()];
}
