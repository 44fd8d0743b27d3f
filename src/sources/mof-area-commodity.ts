// Area/country × principal commodity, monthly (概況品別国別表), in the long layout of
// ../shared/data/mof-area-commodity: exp_imp, yyyymm, area (press short name), goods (press item name), value_jpy_k.

import type { Flow, Observation } from "../domain.js";
import { PERIOD_PATTERN } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner, RETIRED_PRESS_ITEMS } from "./codes/press-names.js";
import { csvRows } from "./csv.js";
import { wholeNumberProblem } from "./numbers.js";
import { decodeText } from "./text.js";

export const AREA_COMMODITY_HEADER = "exp_imp,yyyymm,area,goods,value_jpy_k";

export interface AreaCommodityFile {
  observations: Observation[];
  /** Rows of items the Ministry no longer publishes and boeki has no code for, by item name. */
  skipped: Record<string, number>;
}

export function parseAreaCommodity(bytes: Uint8Array, file: string): AreaCommodityFile {
  const text = decodeText(bytes, file, "utf8");
  if (!text.startsWith(AREA_COMMODITY_HEADER)) throw new InputError({ file, line: 1 }, `expected the header ${AREA_COMMODITY_HEADER}`);
  const { rows, lineOf } = csvRows(text, file);
  if ((rows[0] ?? []).join(",") !== AREA_COMMODITY_HEADER) throw new InputError({ file, line: 1 }, `expected the header ${AREA_COMMODITY_HEADER}`);
  const observations: Observation[] = [];
  const skipped: Record<string, number> = {};
  for (let i = 1; i < rows.length; i++) {
    const [flowCode, period, area, goods, value] = rows[i]!;
    const line = lineOf(i);
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, line, column }, problem);
    };
    if (rows[i]!.length !== 5) throw new InputError({ file, line }, `expected 5 fields, found ${rows[i]!.length}`);
    const flow: Flow = flowCode === "1" ? "export" : flowCode === "2" ? "import" : fail("exp_imp", `expected 1 or 2, found "${flowCode}"`);
    if (!PERIOD_PATTERN.test(period!)) fail("yyyymm", `expected YYYY-MM, found "${period}"`);
    const partner = pressPartner(area!) ?? fail("area", `unknown area or country "${area}" (add it to src/sources/codes/press-names.ts)`);
    // Checked per flow: "(VIDEO REC OR REPRO APP)" is retired in imports only; exports still have it.
    if (!pressCommodity(flow, goods!) && RETIRED_PRESS_ITEMS.has(goods!)) {
      skipped[goods!] = (skipped[goods!] ?? 0) + 1;
      continue;
    }
    const commodity = pressCommodity(flow, goods!) ?? fail("goods", `unknown ${flow} item "${goods}" (add it to src/sources/codes/press-names.ts)`);
    const problem = wholeNumberProblem(value!);
    if (problem) fail("value_jpy_k", `${problem} (thousand yen)`);
    observations.push({ period: period!, flow, partner, commodity, measure: "value", value: Number(value), unit: "JPY_thousand", line, column: "value_jpy_k" });
  }
  return { observations, skipped };
}
