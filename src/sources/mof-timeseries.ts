// The Ministry's monthly time series (推移表): d41ma (world exports and imports, 1979–), d51ma/d61ma
// (world exports/imports by principal commodity, 1988–) and d52ma/d62ma (the same by area: USA, EU, Asia, China,
// Korea, ASEAN, Middle East, Russia), as published at customs.go.jp in Shift_JIS.

import type { Flow, Observation } from "../domain.js";
import { InputError } from "../errors.js";
import { principalCommodity } from "./codes/index.js";
import { wholeNumberProblem } from "./numbers.js";
import { decodeText, splitLines, type Encoding } from "./text.js";

export type TimeSeriesKind = "d41ma" | "d51ma" | "d61ma" | "d52ma" | "d62ma";

export interface TimeSeriesFile {
  kind: TimeSeriesKind;
  /** `world`, or the area a d52ma/d62ma file is about. */
  partner: string;
  observations: Observation[];
  /** Last month with figures; later rows are printed empty (`-`) or as zeros until published. */
  lastPublished: string | null;
}

/** The official addresses of the three world files. */
export const TIME_SERIES_URLS: Record<"d41ma" | "d51ma" | "d61ma", string> = {
  d41ma: "https://www.customs.go.jp/toukei/suii/html/data/d41ma.csv",
  d51ma: "https://www.customs.go.jp/toukei/suii/html/data/d51ma.csv",
  d61ma: "https://www.customs.go.jp/toukei/suii/html/data/d61ma.csv",
};

/**
 * The areas of the by-area files (d52ma001…008 exports, d62ma001…008 imports), by the name in their title row
 * (`《米国》  【月別】  （輸出）`), with the partner codes the press releases use for them.
 */
export const TIME_SERIES_AREAS: Record<string, string> = {
  米国: "304", EU: "group:eu", アジア: "area:asia", 中国: "105", 韓国: "103", ASEAN: "group:asean", 中東: "area:middle_east", ロシア: "224",
};

/** Tells the time series apart by their title rows; null when the text is not one of them. */
export function timeSeriesKind(firstLine: string): TimeSeriesKind | null {
  return timeSeriesTitle(firstLine)?.kind ?? null;
}

/** The kind of a time series and the partner it is about, from its title row. */
export function timeSeriesTitle(firstLine: string): { kind: TimeSeriesKind; partner: string } | null {
  const title = /^《([^》]+)》\s*【月別】/.exec(firstLine);
  if (!title) return null;
  const partner = title[1] === "世界" ? "world" : TIME_SERIES_AREAS[title[1]!];
  if (!partner) return null;
  const world = partner === "world";
  if (firstLine.includes("（輸出）")) return { kind: world ? "d51ma" : "d52ma", partner };
  if (firstLine.includes("（輸入）")) return { kind: world ? "d61ma" : "d62ma", partner };
  if (world && firstLine.includes("千円")) return { kind: "d41ma", partner };
  return null;
}

const MONTH_ROW = /^(\d{4})\/(0[1-9]|1[0-2])$/;

/**
 * The cells of one line, spaces around them removed (the Ministry prints `9708885255 `). The time series quote
 * nothing, so a double quote is a sign of a damaged or re-saved file, not CSV quoting to undo.
 */
function parseCsvLine(line: string, file: string, lineNo: number): string[] {
  const cells = line.split(",");
  const cr = cells.findIndex((cell) => cell.includes("\r"));
  if (cr >= 0) throw new InputError({ file, line: lineNo, column: cr + 1 }, "a carriage return inside the row; expected lines ending in CR LF or LF");
  const quoted = cells.findIndex((cell) => cell.includes('"'));
  if (quoted >= 0) throw new InputError({ file, line: lineNo, column: quoted + 1 }, `a double quote in "${cells[quoted]}"; the Ministry's time series quote nothing`);
  return cells.map((cell) => cell.replace(/^ +| +$/g, ""));
}

const nextMonth = (period: string) => {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/** A column printed for one commodity and measure. */
interface Column {
  index: number;
  flow: Flow;
  commodity: string;
  measure: "value" | "quantity1";
  unit: string;
  label: string;
}

export function parseTimeSeries(bytes: Uint8Array, file: string, encoding: Encoding = "shift_jis"): TimeSeriesFile {
  const text = decodeText(bytes, file, encoding);
  if (!text.endsWith("\n")) {
    throw new InputError({ file, line: splitLines(text).length }, "ends in the middle of a row (no line end after the last row): the file is truncated");
  }
  const lines = splitLines(text);
  const title = timeSeriesTitle(lines[0] ?? "");
  if (!title) throw new InputError({ file, line: 1 }, `expected the title row of a MoF time series (《世界》 【月別】 …, or an area's: 《米国》, 《EU》, 《アジア》, 《中国》, 《韓国》, 《ASEAN》, 《中東》, 《ロシア》), found "${(lines[0] ?? "").slice(0, 60)}"`);
  const { kind, partner } = title;
  const { columns, headerLines } = kind === "d41ma" ? totalsColumns(lines, file) : commodityColumns(kind, lines, file);
  const width = kind === "d41ma" ? 3 : parseCsvLine(lines[4]!, file, 5).length;
  return readMonths(kind, partner, lines, headerLines, columns, width, file);
}

function expectCell(actual: string | undefined, expected: string, file: string, line: number, column: number): void {
  if ((actual ?? "").trim() !== expected) {
    throw new InputError({ file, line, column }, `expected "${expected}", found "${actual ?? ""}" (a column shifted or missing?)`);
  }
}

function totalsColumns(lines: string[], file: string) {
  const names = parseCsvLine(lines[2] ?? "", file, 3);
  ["Years/Months", "Exp-Total", "Imp-Total"].forEach((name, i) => expectCell(names[i], name, file, 3, i + 1));
  if (names.length !== 3) throw new InputError({ file, line: 3 }, `expected 3 columns (Years/Months, Exp-Total, Imp-Total), found ${names.length}`);
  const columns: Column[] = [
    { index: 1, flow: "export", commodity: "total", measure: "value", unit: "JPY_thousand", label: "Exp-Total" },
    { index: 2, flow: "import", commodity: "total", measure: "value", unit: "JPY_thousand", label: "Imp-Total" },
  ];
  return { columns, headerLines: 4 };
}

/** Header rows of d51ma/d61ma, keyed by their first cell. */
const COMMODITY_HEADER_KEYS = ["", "", "報道発表品目名", "概況品名", "概況品コード", "", "Years/Months"];

function commodityColumns(kind: Exclude<TimeSeriesKind, "d41ma">, lines: string[], file: string) {
  const flow: Flow = kind === "d51ma" || kind === "d52ma" ? "export" : "import";
  const header = lines.slice(0, 7).map((line, i) => parseCsvLine(line, file, i + 1));
  COMMODITY_HEADER_KEYS.forEach((key, i) => {
    if (key) expectCell(header[i]?.[0], key, file, i + 1, 1);
  });
  const [, , , , codes, kinds, units] = header as [string[], string[], string[], string[], string[], string[], string[]];
  const width = codes.length;
  for (const [i, row] of [kinds, units].entries()) {
    if (row.length !== width) throw new InputError({ file, line: i + 6 }, `expected ${width} columns as in the 概況品コード row, found ${row.length}`);
  }
  expectCell(kinds[1], "金額", file, 6, 2);
  const columns: Column[] = [{ index: 1, flow, commodity: "total", measure: "value", unit: "JPY_thousand", label: "総額" }];
  // Every other item is a (数量, 金額) pair whose code and name sit on the 数量 column.
  for (let q = 2; q < width; q += 2) {
    expectCell(kinds[q], "数量", file, 6, q + 1);
    expectCell(kinds[q + 1], "金額", file, 6, q + 2);
    const code = "pc:" + codes[q]!.replaceAll("'", "");
    if (!principalCommodity(flow, code)) {
      throw new InputError({ file, line: 5, column: q + 1 }, `unknown principal-commodity code ${codes[q]} for ${flow}s; expected one of the codes d51ma/d61ma print (see \`boeki codes --commodities\`)`);
    }
    const unit = /単位：(\w+)/.exec(units[q]!)?.[1] ?? "";
    // Two items' quantity columns swapped (with their unit headers) would file tons as units: each code has one unit.
    const expectedUnit = principalCommodity(flow, code)!.quantityUnit ?? "";
    if (unit !== expectedUnit) {
      throw new InputError({ file, line: 7, column: q + 1 }, `the quantity of ${code} is printed in "${units[q]}", but ${code} is counted in ${expectedUnit || "no quantity unit"} (${expectedUnit ? `(単位：${expectedUnit})` : "(単位)"}); columns swapped?`);
    }
    const label = header[2]![q] || header[3]![q] || code;
    columns.push({ index: q, flow, commodity: code, measure: "quantity1", unit, label: `${label} 数量` });
    columns.push({ index: q + 1, flow, commodity: code, measure: "value", unit: "JPY_thousand", label: `${label} 金額` });
  }
  return { columns, headerLines: 7 };
}

function readMonths(kind: TimeSeriesKind, partner: string, lines: string[], headerLines: number, columns: Column[], width: number, file: string): TimeSeriesFile {
  const observations: Observation[] = [];
  let lastPublished: string | null = null;
  let firstUnpublishedLine: number | null = null;
  let previousMonth: string | null = null;
  const monthLines = new Map<string, number>();
  for (let i = headerLines; i < lines.length; i++) {
    const lineNo = i + 1;
    const cells = parseCsvLine(lines[i]!, file, lineNo);
    if (cells.length !== width) {
      throw new InputError({ file, line: lineNo }, `expected ${width} fields, found ${cells.length} (a truncated or shifted row?)`);
    }
    const month = MONTH_ROW.exec(cells[0]!);
    if (!month) throw new InputError({ file, line: lineNo, column: 1 }, `expected a month as YYYY/MM, found "${cells[0]}"`);
    const period = `${month[1]}-${month[2]}`;
    const earlier = monthLines.get(period);
    if (earlier !== undefined) throw new InputError({ file, line: lineNo, column: 1 }, `month ${period} appears again (first at line ${earlier}); expected each month once`);
    if (previousMonth !== null && period < previousMonth) {
      throw new InputError({ file, line: lineNo, column: 1 }, `month ${period} follows ${previousMonth}; expected months in order`);
    }
    // A missing row would make the series jump a month: the Ministry prints every month, published or not.
    if (previousMonth !== null && period !== nextMonth(previousMonth)) {
      throw new InputError({ file, line: lineNo, column: 1 }, `month ${period} follows ${previousMonth}; expected ${nextMonth(previousMonth)} (a month row missing?)`);
    }
    previousMonth = period;
    monthLines.set(period, lineNo);
    const row: Observation[] = [];
    let blank: Column | null = null;
    // An item blank in all its cells is not yet published that month (the by-area USA file leaves semiconductor
    // equipment's quantity and value blank in 1988-01 and -02): no figure. One cell blank beside a figure is a hole.
    const blankItems = new Set(columns.filter((c) => cells[c.index] === "").map((c) => c.commodity));
    for (const c of columns) if (cells[c.index] !== "") blankItems.delete(c.commodity);
    for (const column of columns) {
      const cell = cells[column.index]!;
      if (cell === "-") continue; // not published, or no quantity for this item
      if (cell === "") {
        if (!blankItems.has(column.commodity)) blank ??= column;
        continue;
      }
      const problem = wholeNumberProblem(cell);
      if (problem) {
        throw new InputError({ file, line: lineNo, column: column.index + 1 }, `"${cell}" in ${column.label}: ${problem.startsWith("a negative") ? "a negative amount; the Ministry prints none in these tables" : problem}`);
      }
      row.push({ period, flow: column.flow, partner, commodity: column.commodity, measure: column.measure, value: Number(cell), unit: column.unit, line: lineNo, column: column.label });
    }
    // A blank cell in a month with figures would drop one observation without a word: the Ministry prints "-".
    if (blank && row.some((o) => o.value !== 0)) {
      throw new InputError({ file, line: lineNo, column: blank.index + 1 }, `a blank cell in ${blank.label} of ${period}, a month with figures; expected a number or -`);
    }
    // Months not yet published are printed as '-' (d51ma/d61ma) or zeros (d41ma): they hold no figure, not zero.
    if (row.every((o) => o.value === 0)) {
      firstUnpublishedLine ??= lineNo;
      continue;
    }
    if (firstUnpublishedLine !== null) {
      throw new InputError({ file, line: firstUnpublishedLine }, `a month with no figures comes before ${period}, which has figures; expected empty months only after the last published one`);
    }
    lastPublished = period;
    observations.push(...row);
  }
  if (lastPublished === null) {
    throw new InputError({ file, line: headerLines + 1 }, lines.length > headerLines ? "has no month with figures" : "has a header but no rows");
  }
  return { kind, partner, observations, lastPublished };
}
