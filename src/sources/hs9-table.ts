// The Ministry's and e-Stat's HS-9 statistical tables (統計品別表), wide: one row per HS code (and customs
// office and country, where the download has them), with quantity and value columns for the year and each month.
// Files can be large (hundreds of MB), so the store reads them with DuckDB; this module knows the layout,
// decides through which month a year-to-date table is published, and explains a bad file line by line.

import path from "node:path";
import { InputError, UsageError } from "../errors.js";
import { partnerProblem } from "./codes/index.js";
import { WHOLE_NUMBER_SQL, wholeNumberProblem } from "./numbers.js";

export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
export const MONTH_MEASURES = ["Quantity1", "Quantity2", "Value"] as const;

export interface Hs9Layout {
  hasCustom: boolean;
  hasCountry: boolean;
  /** Column names in file order. */
  columns: string[];
}

/** Column names of the amounts: year totals, then each month's Quantity1, Quantity2, Value. */
export const AMOUNT_COLUMNS = [
  ...MONTH_MEASURES.map((m) => `${m}-Year`),
  ...MONTHS.flatMap((month) => MONTH_MEASURES.map((m) => `${m}-${month}`)),
];

function layoutColumns(hasCustom: boolean, hasCountry: boolean): string[] {
  return ["Exp or Imp", "Year", ...(hasCustom ? ["Custom"] : []), "HS", ...(hasCountry ? ["Country"] : []), "Unit1", "Unit2", ...AMOUNT_COLUMNS];
}

export function isHs9Header(firstLine: string): boolean {
  return firstLine.startsWith("Exp or Imp,Year,");
}

/** The layout a header line announces; an error naming the first column that is not where it should be. */
export function hs9Layout(headerLine: string, file: string): Hs9Layout {
  const names = headerLine.replace(/\r$/, "").split(",").map((n) => n.trim());
  const hasCustom = names[2] === "Custom";
  const hasCountry = names[hasCustom ? 4 : 3] === "Country";
  const columns = layoutColumns(hasCustom, hasCountry);
  columns.forEach((expected, i) => {
    if (names[i] !== expected) {
      throw new InputError({ file, line: 1, column: i + 1 }, `expected column "${expected}", found "${names[i] ?? "(nothing)"}" (a column missing or shifted?)`);
    }
  });
  if (names.length !== columns.length) throw new InputError({ file, line: 1 }, `expected ${columns.length} columns, found ${names.length}`);
  return { hasCustom, hasCountry, columns };
}

/**
 * Through which month a year-to-date table holds figures. Months after it print `0`, which are not zeros.
 * Taken from `--through`, else the file name (`…_2026-08_…`), else from December having data (a whole year);
 * otherwise refused, because a month of real zeros and a month not yet published look the same.
 */
export function throughMonth(file: string, year: number, lastMonthWithData: number, through?: string): number {
  let source: string;
  let month: number;
  if (through) {
    [source, month] = ["--through", checkThrough(through, year, "--through")];
  } else {
    const named = /(?:^|[^\d])(\d{4})-?(0[1-9]|1[0-2])(?:[^\d]|$)/.exec(path.basename(file));
    if (named) {
      [source, month] = ["the file name", checkThrough(`${named[1]}-${named[2]}`, year, `the file name ${path.basename(file)}`)];
    } else if (lastMonthWithData === 12) {
      return 12;
    } else {
      throw new UsageError(
        `${file}: cannot tell through which month this ${year} table is published (the last month with figures is ${MONTHS[lastMonthWithData - 1] ?? "none"}); ` +
          `pass --through ${year}-${String(Math.max(lastMonthWithData, 1)).padStart(2, "0")} or name the file …_${year}-MM…`,
      );
    }
  }
  if (lastMonthWithData > month) {
    throw new InputError({ file, column: `Value-${MONTHS[lastMonthWithData - 1]}` }, `has figures for ${MONTHS[lastMonthWithData - 1]} ${year}, after ${MONTHS[month - 1]}, the last published month according to ${source}`);
  }
  return month;
}

function checkThrough(through: string, year: number, said: string): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(through);
  if (!m) throw new UsageError(`${said}: expected YYYY-MM, found "${through}"`);
  if (Number(m[1]) !== year) throw new UsageError(`${said} says ${through}, but the table is for ${year}`);
  return Number(m[2]);
}

const HS9 = /^'?(\d{9})'?$/;
/** A unit as the tables print it (`NO`, `KG`, `M2`), or blank (spaces) where the line has no such quantity. */
const UNIT = "[ A-Za-z0-9]*";

/**
 * One data line as the Ministry prints it, as a regular expression that DuckDB (RE2) and JavaScript read alike:
 * flow 1 or 2, a four-digit year, the codes, two units (letters and digits, or blank), and 39 amounts of plain digits (no sign, no leading zero,
 * no quotes, at most 15 digits). DuckDB's own integer reading would take `0x10` as 16, `1.5` as 2 and `+7` as 7;
 * a line that does not match this is refused before any of its numbers is read.
 */
export function hs9LinePattern(layout: Hs9Layout): string {
  const amount = `(?:${WHOLE_NUMBER_SQL})`;
  const fields = ["[12]", "[0-9]{4}", ...(layout.hasCustom ? ["[0-9A-Za-z_]{3}"] : []), "'?[0-9]{9}'?", ...(layout.hasCountry ? ["[0-9]{3}"] : []), UNIT, UNIT, ...AMOUNT_COLUMNS.map(() => amount)];
  return fields.join(",");
}

/** A line is blank when it holds nothing (or only the CR of a CRLF): DuckDB passes over such lines, and so does this. */
const isBlank = (line: string) => line === "" || line === "\r";

/**
 * Reads a whole table in JavaScript to find the first thing wrong with it, with its line and column.
 * Only called when the fast path through DuckDB has refused the file, so speed matters less than the message.
 */
export function diagnoseHs9(text: string, file: string, through?: string): never | void {
  const lines = text.split("\n");
  const layout = hs9Layout(lines[0] ?? "", file);
  const linePattern = new RegExp(`^(?:${hs9LinePattern(layout)})$`);
  if (!text.endsWith("\n") && lines.length > 1) {
    const last = lines.at(-1)!.split(",");
    throw new InputError(
      { file, line: lines.length },
      last.length === layout.columns.length
        ? "has no line end after its last row: the file may be cut off in its last number (a whole file ends with a line end)"
        : `ends in the middle of a row (${last.length} of ${layout.columns.length} fields): the file is truncated (no line end after the last row)`,
    );
  }
  const col = (name: string) => layout.columns.indexOf(name);
  const seen = new Map<string, number>();
  let year: number | null = null;
  let lastMonthWithData = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    if (isBlank(lines[i]!)) continue;
    const lineNo = i + 1;
    const cells = raw.split(",");
    const quoted = cells.findIndex((c) => c.includes('"'));
    if (quoted >= 0) throw new InputError({ file, line: lineNo, column: layout.columns[quoted] ?? quoted + 1 }, `a double quote in "${cells[quoted]}"; the Ministry's HS-9 tables quote nothing`);
    if (cells.length !== layout.columns.length) {
      throw new InputError({ file, line: lineNo }, `expected ${layout.columns.length} fields, found ${cells.length} (a truncated or shifted row?)`);
    }
    const fail = (name: string, problem: string): never => {
      throw new InputError({ file, line: lineNo, column: name }, problem);
    };
    const cell = (name: string) => cells[col(name)]!;
    if (!/^[12]$/.test(cell("Exp or Imp"))) fail("Exp or Imp", `expected 1 (exports) or 2 (imports), found "${cell("Exp or Imp")}"`);
    const rowYear = Number(cell("Year"));
    if (!/^\d{4}$/.test(cell("Year"))) fail("Year", `expected a year, found "${cell("Year")}"`);
    if (year !== null && rowYear !== year) fail("Year", `expected ${year} as in the rows above, found ${rowYear}: one table holds one year`);
    year = rowYear;
    if (!HS9.test(cell("HS"))) fail("HS", `expected a 9-digit HS code (optionally quoted '870323929'), found "${cell("HS")}"`);
    if (layout.hasCustom && !/^[0-9A-Za-z_]{3}$/.test(cell("Custom"))) fail("Custom", `expected a 3-character customs office code, found "${cell("Custom")}"`);
    if (layout.hasCountry) {
      const problem = partnerProblem(cell("Country"));
      if (problem || !/^\d{3}$/.test(cell("Country"))) fail("Country", problem ?? `expected a MoF 3-digit country code, found "${cell("Country")}"`);
    }
    for (const name of ["Unit1", "Unit2"]) {
      if (!new RegExp(`^${UNIT}$`).test(cell(name))) fail(name, `expected a unit such as NO or KG, or blank, found "${cell(name)}"`);
    }
    const amounts = new Map<string, bigint>();
    for (const name of AMOUNT_COLUMNS) {
      const v = cell(name);
      const problem = v === "" ? "a blank cell; expected a whole number (0 where nothing was traded)" : wholeNumberProblem(v);
      if (problem) fail(name, problem);
      amounts.set(name, BigInt(v));
    }
    for (const measure of MONTH_MEASURES) {
      const sum = MONTHS.reduce((s, m) => s + amounts.get(`${measure}-${m}`)!, 0n);
      if (sum !== amounts.get(`${measure}-Year`)) fail(`${measure}-Year`, `the year total ${amounts.get(`${measure}-Year`)} is not the sum of the months (${sum})`);
    }
    if (!linePattern.test(raw)) throw new InputError({ file, line: lineNo }, "is not a line of an HS-9 table as the Ministry prints it (flow, year, codes, units, 39 whole numbers)");
    MONTHS.forEach((m, k) => {
      if (MONTH_MEASURES.some((measure) => amounts.get(`${measure}-${m}`)! > 0n)) lastMonthWithData = Math.max(lastMonthWithData, k + 1);
    });
    const key = [cell("Exp or Imp"), layout.hasCustom ? cell("Custom") : "", HS9.exec(cell("HS"))![1], layout.hasCountry ? cell("Country") : ""].join("|");
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError({ file, line: lineNo }, `repeats the key (Exp or Imp, ${layout.hasCustom ? "Custom, " : ""}HS${layout.hasCountry ? ", Country" : ""}) = (${key.split("|").filter(Boolean).join(", ")}) of line ${earlier}; each line of a table must be one code`);
    }
    seen.set(key, lineNo);
  }
  if (year === null) throw new InputError({ file, line: 2 }, "has a header but no rows");
  throughMonth(file, year, lastMonthWithData, through);
}
