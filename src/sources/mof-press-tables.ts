// Transcriptions of the Ministry's press-release tables as CSV (the layout of ../shared/data/mof-press-release):
// the headline totals, one release per row with its release date and the year-ago values the release printed,
// and the tables by principal commodity (world and by area), one release per month.

import type { Flow, Measure, Observation, ObservationFlow, Stage } from "../domain.js";
import { PERIOD_PATTERN } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner } from "./codes/press-names.js";
import { csvRows } from "./csv.js";
import { isCalendarDay, measureProblem } from "./numbers.js";
import { decodeText } from "./text.js";

export const HEADLINE_COLUMNS = ["yyyymm", "stage", "stage_name", "release_date", "exp_jpy_mn", "exp_prev_year_jpy_mn", "exp_yoy_pct", "imp_jpy_mn", "imp_prev_year_jpy_mn", "imp_yoy_pct", "bal_jpy_mn", "bal_prev_year_jpy_mn", "bal_yoy_pct"];
export const COMMODITY_COLUMNS = ["yyyymm", "stage", "imex", "area", "level", "item", "unit", "quantity", "qty_yoy_pct", "value_jpy_mn", "share_pct", "value_yoy_pct", "contribution_pt"];
export const AREA_COLUMNS = ["yyyymm", "stage", "level", "area", "exp_jpy_mn", "exp_yoy_pct", "imp_jpy_mn", "imp_yoy_pct", "bal_jpy_mn", "bal_yoy_pct"];

export type PressTableKind = "headline" | "commodity" | "area";

export function pressTableKind(firstLine: string): PressTableKind | null {
  if (firstLine.startsWith(HEADLINE_COLUMNS.slice(0, 5).join(","))) return "headline";
  if (firstLine.startsWith(COMMODITY_COLUMNS.join(","))) return "commodity";
  if (firstLine.trim() === AREA_COLUMNS.join(",")) return "area";
  return null;
}

/** The Ministry numbers its release stages in the file names: 4 the monthly provisional, 5 exports detailed. */
const STAGE_DIGITS: Record<string, Stage> = { "1": "first_10_days", "2": "first_20_days", "4": "provisional", "5": "detailed" };

export interface PressTableRelease {
  period: string;
  stage: Stage;
  /** Null when the file does not say (the commodity tables): the ingest looks for the same month's release. */
  released: string | null;
  observations: Observation[];
}

const yearBefore = (period: string) => `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;

// As the transcriptions print numbers: amounts as plain digits in million yen (a minus only for balances, which
// are not read), percentages with one decimal; y/y also ZENGEN, ZENZO or *ratio; blank for none.
const AMOUNT = /^-?(?:0|[1-9]\d*)$/;
const PERCENT = /^-?(?:0|[1-9]\d*)\.\d$/;

export function parsePressTable(bytes: Uint8Array, file: string): PressTableRelease[] {
  const text = decodeText(bytes, file, "utf8");
  const kind = pressTableKind(text.split(/\r?\n/)[0] ?? "");
  if (!kind) throw new InputError({ file, line: 1 }, "expected the header of a press headline, area or principal-commodity table");
  const { rows: [header = [], ...body], lineOf } = csvRows(text, file);
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (index.has(name)) throw new InputError({ file, line: 1, column: i + 1 }, `column "${name}" appears twice`);
    index.set(name, i);
  });
  const missing = (kind === "headline" ? HEADLINE_COLUMNS : kind === "area" ? AREA_COLUMNS : COMMODITY_COLUMNS).find((name) => !index.has(name));
  if (missing) throw new InputError({ file, line: 1 }, `expected a column "${missing}" in the header`);
  const releases = new Map<string, PressTableRelease>();
  body.forEach((cells, i) => {
    const line = lineOf(i + 1);
    const row = (name: string) => cells[index.get(name)!] ?? "";
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, line, column }, problem);
    };
    const period = row("yyyymm");
    if (!PERIOD_PATTERN.test(period)) fail("yyyymm", `expected YYYY-MM, found "${period}"`);
    const stage = STAGE_DIGITS[row("stage")] ?? fail("stage", `expected a stage number 1, 2, 4 or 5, found "${row("stage")}"`);
    const released = kind === "headline" ? row("release_date") : null;
    if (released !== null && !isCalendarDay(released)) fail("release_date", `expected a day as YYYY-MM-DD, found "${released}"`);
    const key = `${period} ${stage}`;
    const release = releases.get(key) ?? { period, stage, released, observations: [] };
    releases.set(key, release);
    const add = (column: string, month: string, flow: ObservationFlow, partner: string, commodity: string, measure: Measure, unit: string) => {
      const raw = row(column);
      if (raw === "") return;
      // The balance's % change is printed "-" where the balance changed sign: no figure.
      if (flow === "balance" && raw === "-") return;
      if (measure === "yoy_pct" && (raw === "ZENZO" || /^\*\d+(\.\d+)?$/.test(raw))) return;
      let value: number;
      if (measure === "yoy_pct" && raw === "ZENGEN") value = -100;
      else if ((measure === "value" || measure === "quantity1" ? AMOUNT : PERCENT).test(raw)) value = Number(raw) + 0;
      else return fail(column, `expected ${measure === "value" || measure === "quantity1" ? "a whole number" : "a percentage with one decimal (6.1, -0.3)"}${measure === "yoy_pct" ? ", ZENGEN, ZENZO, *ratio" : ""} or nothing, found "${raw}"`);
      if (measure === "value") value *= 1000;
      const problem = measureProblem(measure, value, raw);
      if (problem) fail(column, problem);
      release.observations.push({ period: month, flow, partner, commodity, measure, value, unit: measure === "value" ? "JPY_thousand" : unit, line, column });
    };
    if (kind === "headline") {
      for (const [flow, p] of [["export", "exp"], ["import", "imp"]] as const) {
        add(`${p}_jpy_mn`, period, flow, "world", "total", "value", "");
        add(`${p}_prev_year_jpy_mn`, yearBefore(period), flow, "world", "total", "value", "");
        add(`${p}_yoy_pct`, period, flow, "world", "total", "yoy_pct", "pct");
      }
      add("bal_yoy_pct", period, "balance", "world", "total", "yoy_pct", "pct"); // the balance's % change as printed
      return;
    }
    if (kind === "area") {
      // The table by area and country: exports, imports and the balance's % change as the Ministry printed them.
      const partner = row("area") === "Grand Total" ? "world" : pressPartner(row("area")) ?? fail("area", `unknown area or country "${row("area")}"`);
      for (const [flow, p] of [["export", "exp"], ["import", "imp"]] as const) {
        add(`${p}_jpy_mn`, period, flow, partner, "total", "value", "");
        add(`${p}_yoy_pct`, period, flow, partner, "total", "yoy_pct", "pct");
      }
      add("bal_yoy_pct", period, "balance", partner, "total", "yoy_pct", "pct");
      return;
    }
    const flow: Flow = row("imex") === "E" ? "export" : row("imex") === "I" ? "import" : fail("imex", `expected E or I, found "${row("imex")}"`);
    const partner = row("area") === "WORLD" ? "world" : pressPartner(row("area")) ?? fail("area", `unknown area or country "${row("area")}"`);
    const commodity = pressCommodity(flow, row("item")) ?? fail("item", `unknown ${flow} item "${row("item")}"`);
    const unit = row("unit");
    if (unit !== "" && !/^[A-Z]{2,3}$/.test(unit)) fail("unit", `expected a unit such as NO, KG, MT, TMT or nothing, found "${unit}"`);
    if (!unit && row("quantity") !== "") fail("quantity", `a quantity (${row("quantity")}) with no unit`);
    if (unit) add("quantity", period, flow, partner, commodity, "quantity1", unit);
    add("value_jpy_mn", period, flow, partner, commodity, "value", "");
    add("value_yoy_pct", period, flow, partner, commodity, "yoy_pct", "pct");
    if (commodity === "total") return; // its share (100) and contribution (its own change) are of itself
    add("share_pct", period, flow, partner, commodity, "share_pct", "pct");
    add("contribution_pt", period, flow, partner, commodity, "contribution_pp", "pp");
  });
  if (releases.size === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  return [...releases.values()];
}
