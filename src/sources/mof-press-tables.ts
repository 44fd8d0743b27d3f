// Transcriptions of the Ministry's press-release tables as CSV (the layout of ../shared/data/mof-press-release):
// the headline totals, one release per row with its release date and the year-ago values the release printed,
// and the tables by principal commodity (world and by area), one release per month.

import Papa from "papaparse";
import type { Flow, Measure, Observation, Stage, ObservationFlow } from "../domain.js";
import { DATE_PATTERN, PERIOD_PATTERN } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner } from "./codes/press-names.js";
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

export function parsePressTable(bytes: Uint8Array, file: string): PressTableRelease[] {
  const text = decodeText(bytes, file, "utf8");
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: "greedy" });
  const kind = pressTableKind(text.split(/\r?\n/)[0] ?? "");
  if (!kind) throw new InputError({ file, line: 1 }, "expected the header of a press headline, area or principal-commodity table");
  const releases = new Map<string, PressTableRelease>();
  data.forEach((row, i) => {
    const line = i + 2;
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, line, column }, problem);
    };
    const period = row.yyyymm ?? "";
    if (!PERIOD_PATTERN.test(period)) fail("yyyymm", `expected YYYY-MM, found "${period}"`);
    const stage = STAGE_DIGITS[row.stage ?? ""] ?? fail("stage", `expected a stage number 1, 2, 4 or 5, found "${row.stage}"`);
    const released = kind === "headline" ? row.release_date! : null;
    if (kind === "area" && (row.bal_yoy_pct ?? "").trim() === "-") row.bal_yoy_pct = ""; // printed "-" where the balance changed sign
    if (released !== null && !DATE_PATTERN.test(released)) fail("release_date", `expected YYYY-MM-DD, found "${released}"`);
    const key = `${period} ${stage}`;
    const release = releases.get(key) ?? { period, stage, released, observations: [] };
    releases.set(key, release);
    const add = (column: string, month: string, flow: ObservationFlow, partner: string, commodity: string, measure: Measure, unit: string) => {
      const raw = (row[column] ?? "").trim();
      if (raw === "" || raw === "ZENZO" || raw.startsWith("*")) return;
      const value = raw === "ZENGEN" ? -100 : Number(raw);
      if (!Number.isFinite(value)) fail(column, `expected a number, found "${raw}"`);
      if ((measure === "value" || measure === "quantity1") && value < 0) fail(column, `a negative ${measure} (${raw})`);
      release.observations.push({ period: month, flow, partner, commodity, measure, value: measure === "value" ? value * 1000 : value + 0, unit: measure === "value" ? "JPY_thousand" : unit, line, column });
    };
    if (kind === "headline") {
      for (const [flow, p] of [["export", "exp"], ["import", "imp"]] as const) {
        add(`${p}_jpy_mn`, period, flow, "world", "total", "value", "");
        add(`${p}_prev_year_jpy_mn`, yearBefore(period), flow, "world", "total", "value", "");
        add(`${p}_yoy_pct`, period, flow, "world", "total", "yoy_pct", "pct");
      }
      return;
    }
    if (kind === "area") {
      // The table by area and country: exports, imports and the balance's % change as the Ministry printed them.
      const partner = row.area === "Grand Total" ? "world" : pressPartner(row.area ?? "") ?? fail("area", `unknown area or country "${row.area}"`);
      for (const [flow, p] of [["export", "exp"], ["import", "imp"]] as const) {
        add(`${p}_jpy_mn`, period, flow, partner, "total", "value", "");
        add(`${p}_yoy_pct`, period, flow, partner, "total", "yoy_pct", "pct");
      }
      add("bal_yoy_pct", period, "balance", partner, "total", "yoy_pct", "pct");
      return;
    }
    const flow: Flow = row.imex === "E" ? "export" : row.imex === "I" ? "import" : fail("imex", `expected E or I, found "${row.imex}"`);
    const partner = row.area === "WORLD" ? "world" : pressPartner(row.area ?? "") ?? fail("area", `unknown area or country "${row.area}"`);
    const commodity = pressCommodity(flow, row.item ?? "") ?? fail("item", `unknown ${flow} item "${row.item}"`);
    if ((row.unit ?? "").trim()) add("quantity", period, flow, partner, commodity, "quantity1", row.unit!.trim());
    add("value_jpy_mn", period, flow, partner, commodity, "value", "");
    add("value_yoy_pct", period, flow, partner, commodity, "yoy_pct", "pct");
    if (commodity === "total") return; // its share (100) and contribution (its own change) are of itself
    add("share_pct", period, flow, partner, commodity, "share_pct", "pct");
    add("contribution_pt", period, flow, partner, commodity, "contribution_pp", "pp");
  });
  if (releases.size === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  return [...releases.values()];
}
