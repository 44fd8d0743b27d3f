// Year-to-date snapshots of the Ministry's area × principal-commodity values, one per monthly update, as a
// third party kept them (mitsuoxv/jp-trade, `trade_year.rda` read from every commit): a month is the difference of
// two consecutive snapshots. These are derived figures, not published ones — their own dataset, said wherever used.

import Papa from "papaparse";
import type { Flow, Observation } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner } from "./codes/press-names.js";
import { decodeText } from "./text.js";

export const YTD_VINTAGE_COLUMNS = ["vintage_commit", "vintage_date", "vintage_message", "ex_im", "year", "area", "goods", "value_jpy_k"] as const;

export const YTD_VINTAGES_SOURCE = "difference of two year-to-date snapshots (mitsuoxv/jp-trade): a derived figure, not one the Ministry printed";

export const isYtdVintagesHeader = (firstLine: string) => firstLine.replace(/^\uFEFF/, "").trim() === YTD_VINTAGE_COLUMNS.join(",");

export interface YtdMonthRelease {
  /** The month the difference gives. */
  period: string;
  /** The later snapshot's date: the day the month was first seen in this dataset. */
  released: string;
  source: string;
  observations: Observation[];
}

export interface YtdVintagesFile {
  releases: YtdMonthRelease[];
  /** Rows passed over, by why: snapshots naming no month, months two snapshots apart, names without a code, negative differences. */
  skipped: Record<string, number>;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The month a snapshot runs through, from its commit message ("update November 2023 trade", "update 2023 April trade"). */
function throughMonth(message: string, year: string): number | null {
  const m = new RegExp(`\\bupd\\w*\\s+(?:(\\d{4})\\s+)?(${MONTHS.join("|")})(?:\\s+(\\d{4}))?`, "i").exec(message);
  if (!m) return null;
  const named = m[1] ?? m[3];
  if (named && named !== year) return null;
  return MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
}

/** The area and goods names of the snapshots, as codes: the Ministry's short names, title-cased. */
const AREAS: Record<string, string> = { "Grand Total": "world", EU: "group:eu" };
const partnerOf = (area: string) => AREAS[area] ?? pressPartner(area.toUpperCase());
const commodityOf = (flow: Flow, goods: string) => (goods === "Grand Total" ? "total" : pressCommodity(flow, goods.toUpperCase()));

interface Snapshot {
  date: string;
  year: string;
  through: number;
  line: number;
  values: Map<string, number>;
}

export function parseYtdVintages(bytes: Uint8Array, file: string): YtdVintagesFile {
  const text = decodeText(bytes, file, "utf8");
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const [header, ...rows] = data;
  const names = (header ?? []).map((h) => h.replace(/^\uFEFF/, "").trim());
  YTD_VINTAGE_COLUMNS.forEach((name, i) => {
    if (names[i] !== name) throw new InputError({ file, line: 1, column: i + 1 }, `expected column "${name}", found "${names[i] ?? ""}"; the layout is ${YTD_VINTAGE_COLUMNS.join(",")}`);
  });
  const skipped: Record<string, number> = {};
  const skip = (why: string, n = 1) => (skipped[why] = (skipped[why] ?? 0) + n);
  // One snapshot per commit; a commit naming no month ("make data external") cannot be placed and is skipped.
  const snapshots = new Map<string, Snapshot>();
  let line = 1;
  for (const cells of rows) {
    line++;
    if (cells.length !== YTD_VINTAGE_COLUMNS.length) throw new InputError({ file, line }, `expected ${YTD_VINTAGE_COLUMNS.length} fields, found ${cells.length}`);
    const [commit, date, message, exIm, year, area, goods, value] = cells as [string, string, string, string, string, string, string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new InputError({ file, line, column: "vintage_date" }, `expected YYYY-MM-DD, found "${date}"`);
    if (!/^\d{4}$/.test(year)) throw new InputError({ file, line, column: "year" }, `expected a year, found "${year}"`);
    if (exIm !== "export" && exIm !== "import") throw new InputError({ file, line, column: "ex_im" }, `expected export or import, found "${exIm}"`);
    const amount = Number(value);
    if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(amount)) throw new InputError({ file, line, column: "value_jpy_k" }, `expected a number, found "${value}"`);
    let snapshot = snapshots.get(commit);
    if (!snapshot) {
      const through = throughMonth(message, year);
      snapshots.set(commit, (snapshot = { date, year, through: through ?? 0, line, values: new Map() }));
    }
    if (!snapshot.through) {
      skip("rows of snapshots whose message names no month");
      continue;
    }
    const partner = partnerOf(area);
    const commodity = commodityOf(exIm, goods);
    if (!partner || !commodity) {
      skip(`rows without a code (${!partner ? `area "${area}"` : `goods "${goods}"`})`);
      continue;
    }
    snapshot.values.set(`${exIm}|${partner}|${commodity}`, (snapshot.values.get(`${exIm}|${partner}|${commodity}`) ?? 0) + amount);
  }
  // Per year, the latest snapshot of each month; a month is its snapshot less the one of the month before.
  const byMonth = new Map<string, Snapshot>();
  for (const s of snapshots.values()) {
    if (!s.through) continue;
    const key = `${s.year}-${String(s.through).padStart(2, "0")}`;
    const earlier = byMonth.get(key);
    if (!earlier || s.date > earlier.date) byMonth.set(key, s);
  }
  const releases: YtdMonthRelease[] = [];
  for (const [period, s] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    const before = s.through === 1 ? null : byMonth.get(`${s.year}-${String(s.through - 1).padStart(2, "0")}`);
    if (s.through > 1 && !before) {
      skip("months without the snapshot of the month before", s.values.size);
      continue;
    }
    const observations: Observation[] = [];
    for (const [key, ytd] of s.values) {
      const [flow, partner, commodity] = key.split("|") as [Flow, string, string];
      const month = before ? ytd - (before.values.get(key) ?? NaN) : ytd;
      if (!Number.isFinite(month)) {
        skip("series missing from the snapshot before");
        continue;
      }
      if (month < 0) {
        skip("negative differences (revisions larger than the month)");
        continue;
      }
      observations.push({ period, flow, partner, commodity, measure: "value", value: Math.round(month), unit: "JPY_thousand", line: s.line, column: "value_jpy_k" });
    }
    releases.push({ period, released: s.date, source: `${YTD_VINTAGES_SOURCE}, ${period} as of ${s.date}`, observations });
  }
  if (releases.length === 0) throw new InputError({ file, line: 2 }, "has no two snapshots of consecutive months to take a month from");
  return { releases, skipped };
}
