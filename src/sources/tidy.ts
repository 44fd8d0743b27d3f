// The tidy layout (DESIGN §1): one observation per row, so that anyone can bring any reporter's data.
// The rules a row must meet live here; the store checks them over a whole file in DuckDB (store/ingest-tidy),
// and on a refusal this module reads the file again, line by line, to say where and what.

import { DATE_PATTERN, FLOWS, MEASURES, PERIOD_PATTERN, STAGES, type Flow, type Measure, type Observation, type ObservationFlow } from "../domain.js";
import { InputError } from "../errors.js";
import { commodityProblem, partnerProblem } from "./codes/index.js";
import { fileLines } from "./csv.js";
import { isCalendarDay, measureProblem } from "./numbers.js";

export const TIDY_COLUMNS = ["period", "flow", "partner", "commodity", "measure", "value", "unit", "stage", "released", "source"] as const;
export type TidyColumn = (typeof TIDY_COLUMNS)[number];
export type TidyRow = Record<TidyColumn, string>;

/** Factor from a value unit to thousand yen, the store's one unit for `value`. */
export const VALUE_UNITS: Readonly<Record<string, number>> = { JPY: 0.001, JPY_thousand: 1, JPY_million: 1000, JPY_billion: 1_000_000 };
export const PERCENT_UNITS: Readonly<Partial<Record<Measure, string>>> = { yoy_pct: "pct", share_pct: "pct", contribution_pp: "pp" };
/** A decimal number, optionally signed and with an exponent: `1725000`, `-2.4`, `1.5e3`. No `+`, `.5`, `0x10`, `1_000`. */
export const TIDY_NUMBER = "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?";
/** A quantity unit as printed (`NO`, `KG`, `MT`, `M2` …): letters, digits and `_`, up to 16. */
export const QUANTITY_UNIT = "[A-Za-z0-9_]{1,16}";
const NUMBER = new RegExp(`^(?:${TIDY_NUMBER})$`);
const QUANTITY = new RegExp(`^(?:${QUANTITY_UNIT})$`);

export function isTidyHeader(firstLine: string): boolean {
  return firstLine.replace(/^\uFEFF/, "").trim().startsWith("period,flow,partner");
}

/** The header must name the columns exactly, in order (a byte-order mark before it aside). */
export function checkTidyHeader(header: readonly string[], file: string): void {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h));
  TIDY_COLUMNS.forEach((name, i) => {
    if (names[i] !== name) {
      throw new InputError({ file, line: 1, column: i + 1 }, `expected column "${name}", found "${names[i] ?? ""}"; the tidy layout is ${TIDY_COLUMNS.join(",")}`);
    }
  });
  if (names.length !== TIDY_COLUMNS.length) throw new InputError({ file, line: 1 }, `expected ${TIDY_COLUMNS.length} columns, found ${names.length}`);
}

/** A row as the store keeps it: the value in the store's unit (thousand yen for `value`). */
export type TidyObservation = Omit<Observation, "line" | "column">;

const isFlow = (flow: string): flow is Flow => (FLOWS as readonly string[]).includes(flow);
/** Measures in yen, stored in thousand yen: traded values, and balances printed as such (flow `balance`). */
export const YEN_MEASURES: readonly Measure[] = ["value", "balance", "balance_sa"];
/** What flow `balance` holds: a balance printed without its exports and imports, and its printed % change. */
const BALANCE_MEASURES: readonly string[] = ["balance", "balance_sa", "yoy_pct"];
const isMeasure = (measure: string): measure is Measure => (MEASURES as readonly string[]).includes(measure);

/**
 * The checks of the fields that take few distinct values in a file, each given what it depends on; null when
 * good. Fields are taken as they are: a space around `export` is not `export`. The store runs these once per
 * distinct value (cheaper than per row over millions of rows), the parser per row: the same functions either way.
 */
export const TIDY_FIELD_CHECKS = {
  period: (period: string) => (PERIOD_PATTERN.test(period) ? null : `expected YYYY-MM, found "${period}"`),
  flow: (flow: string) => (isFlow(flow) || flow === "balance" ? null : `expected export, import or balance, found "${flow}"`),
  partner: (partner: string) => partnerProblem(partner),
  commodity: (flow: string, commodity: string) =>
    flow === "balance" ? (commodity === "total" ? null : `expected total for flow balance, found "${commodity}"`) : isFlow(flow) ? commodityProblem(flow, commodity) : null,
  measure: (measure: string) => (isMeasure(measure) ? null : `expected one of ${MEASURES.join(", ")}, found "${measure}"`),
  /** Flow `balance` holds balances and their % change; the balance measures belong to it alone. */
  flowMeasure: (flow: string, measure: string) => {
    if (flow === "balance") return BALANCE_MEASURES.includes(measure) ? null : `expected ${BALANCE_MEASURES.join(", ")} for flow balance, found "${measure}"`;
    return measure === "balance" || measure === "balance_sa" ? `measure ${measure} goes with flow balance, found flow "${flow}"` : null;
  },
  unit: (measure: string, unit: string) => {
    if (YEN_MEASURES.includes(measure as Measure)) return unit in VALUE_UNITS ? null : `expected a yen unit (${Object.keys(VALUE_UNITS).join(", ")}) for measure ${measure}, found "${unit}"`;
    const percent = PERCENT_UNITS[measure as Measure];
    if (percent) return unit === percent ? null : `expected ${percent} for measure ${measure}, found "${unit}"`;
    return QUANTITY.test(unit) ? null : `expected a quantity unit as printed (NO, KG, MT …) for measure ${measure}, found "${unit}"`;
  },
  stage: (stage: string) => ((STAGES as readonly string[]).includes(stage) ? null : `expected one of ${STAGES.join(", ")}, found "${stage}"`),
  released: (released: string) => (released === "" || (DATE_PATTERN.test(released) && isCalendarDay(released)) ? null : `expected a day as YYYY-MM-DD or nothing, found "${released}"`),
  source: (source: string) => (/[\r\n]/.test(source) ? "a line end inside the source; expected one line of text" : null),
};

/**
 * A row's value in the store's unit (yen units to thousand yen), or what is wrong with it: not a decimal number,
 * or out of the measure's bounds (Infinity, a negative value, a share above 100 …). The store does the same in SQL.
 */
export function tidyValue(measure: Measure, unit: string, text: string): number | { problem: string } {
  if (!NUMBER.test(text)) return { problem: `expected a number such as 1725000 or -2.4, found "${text}"` };
  const value = Number(text) * (YEN_MEASURES.includes(measure) ? VALUE_UNITS[unit]! : 1) + 0; // +0 turns -0 into 0
  const bounds = measureProblem(measure, value, text);
  return bounds ? { problem: bounds } : value;
}

/** Checks a row's fields; the first wrong one (in column order) with what was expected, or the observation. */
export function readTidyRow(row: TidyRow): TidyObservation | { column: TidyColumn; problem: string } {
  const c = TIDY_FIELD_CHECKS;
  const problems: Array<[TidyColumn, () => string | null]> = [
    ["period", () => c.period(row.period)],
    ["flow", () => c.flow(row.flow)],
    ["partner", () => c.partner(row.partner)],
    ["commodity", () => c.commodity(row.flow, row.commodity)],
    ["measure", () => c.measure(row.measure) ?? c.flowMeasure(row.flow, row.measure)],
    ["value", () => (NUMBER.test(row.value) ? null : `expected a number such as 1725000 or -2.4, found "${row.value}"`)],
    ["unit", () => c.unit(row.measure, row.unit)],
    ["value", () => {
      const value = tidyValue(row.measure as Measure, row.unit, row.value);
      return typeof value === "number" ? null : value.problem;
    }],
    ["stage", () => c.stage(row.stage)],
    ["released", () => c.released(row.released)],
    ["source", () => c.source(row.source)],
  ];
  for (const [column, problem] of problems) {
    const found = problem();
    if (found) return { column, problem: found };
  }
  const measure = row.measure as Measure;
  return { period: row.period, flow: row.flow as ObservationFlow, partner: row.partner, commodity: row.commodity, measure, value: tidyValue(measure, row.unit, row.value) as number, unit: YEN_MEASURES.includes(measure) ? "JPY_thousand" : row.unit };
}

/**
 * The fields of one line of a tidy CSV, or what is wrong with it. Quoting as DuckDB reads it (and RFC 4180):
 * a field may be quoted, with `""` for a quote and spaces outside the quotes ignored; a quote inside an unquoted
 * field is a character; a quoted field ends on its line (no field spans lines: a tidy row is one line).
 */
export function splitTidyLine(line: string): string[] | { column: number; problem: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let j = i;
    while (line[j] === " ") j++;
    if (line[j] === '"') {
      let value = "";
      let k = j + 1;
      for (;;) {
        const close = line.indexOf('"', k);
        if (close < 0) return { column: fields.length + 1, problem: "a quoted field is not closed on its line (a tidy row is one line)" };
        value += line.slice(k, close);
        if (line[close + 1] === '"') {
          value += '"';
          k = close + 2;
          continue;
        }
        k = close + 1;
        break;
      }
      while (line[k] === " ") k++;
      if (k < line.length && line[k] !== ",") return { column: fields.length + 1, problem: `text after the closing quote of "${value}"` };
      fields.push(value);
      i = k;
    } else {
      const comma = line.indexOf(",", i);
      fields.push(line.slice(i, comma < 0 ? line.length : comma));
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    i++; // past the comma
  }
}

/** The key one release may hold once: a second row of it, equal or not, is an error. */
export const tidyKey = (row: TidyRow) => [row.stage, row.released, row.source, row.period, row.flow, row.partner, row.commodity, row.measure].join("\u0000");

/**
 * Reads a tidy CSV line by line to find the first thing wrong with it (the store found something, or DuckDB
 * could not read it), and throws an error naming its line and column. Returns when it finds nothing wrong.
 * Blank lines are passed over (as DuckDB does). Lines end in CR LF or LF; where they mix and nothing else is
 * wrong, the mix is named (DuckDB refuses some mixes).
 */
export async function diagnoseTidyCsv(file: string): Promise<void> {
  let ending: string | null = null;
  let mixed: { line: number; end: string } | null = null;
  let rows = 0;
  for await (const { line, text, end } of fileLines(file)) {
    const fail = (column: string | number | undefined, problem: string): never => {
      throw new InputError(column === undefined ? { file, line } : { file, line, column }, problem);
    };
    if (end === "") fail(undefined, "ends in the middle of a row (no line end after the last row): the file is truncated");
    ending ??= end;
    if (end !== ending) mixed ??= { line, end };
    if (text === "" && line > 1) continue;
    const cr = text.indexOf("\r");
    if (cr >= 0) fail(undefined, `a carriage return inside the row (at character ${cr + 1}); expected one row per line`);
    const cells = splitTidyLine(text);
    if (!Array.isArray(cells)) fail(cells.column, cells.problem);
    const fields = cells as string[];
    if (line === 1) {
      checkTidyHeader(fields, file);
      continue;
    }
    if (fields.length !== TIDY_COLUMNS.length) fail(undefined, `expected ${TIDY_COLUMNS.length} fields (${TIDY_COLUMNS.join(",")}), found ${fields.length}`);
    rows++;
    const row = Object.fromEntries(TIDY_COLUMNS.map((c, k) => [c, fields[k]!])) as TidyRow;
    const read = readTidyRow(row);
    if ("problem" in read) fail(read.column, read.problem);
  }
  if (rows === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  if (mixed) {
    const name = (end: string) => (end === "\r\n" ? "CRLF" : "LF");
    throw new InputError({ file, line: mixed.line }, `ends with ${name(mixed.end)} where the lines above end with ${name(ending!)}; the CSV reader refused the mix: expected one kind of line end`);
  }
}

/**
 * The line numbers of data rows counted from 1 as DuckDB counts them (blank lines passed over), and their rows:
 * to name the lines of a duplicate the store found. Reads the file only as far as the last row asked for.
 */
export async function tidyCsvRows(file: string, records: number[]): Promise<Map<number, { line: number; row: TidyRow }>> {
  const wanted = new Set(records);
  const found = new Map<number, { line: number; row: TidyRow }>();
  let record = 0;
  for await (const { line, text } of fileLines(file)) {
    if (line === 1 || text === "") continue;
    record++;
    if (!wanted.has(record)) continue;
    const cells = splitTidyLine(text);
    if (Array.isArray(cells)) found.set(record, { line, row: Object.fromEntries(TIDY_COLUMNS.map((c, k) => [c, cells[k] ?? ""])) as TidyRow });
    if (found.size === wanted.size) break;
  }
  return found;
}
