// The fuzz test's oracle: small strict readers of each format, written apart from boeki's parsers (from the
// formats as the Ministry prints them, not from src/sources), that say what a file must land or that it must be
// refused. They share only data with boeki (code lists, the press short names), never its parsing.

import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { PARTNERS, PRINCIPAL_COMMODITIES } from "../../src/sources/codes/index.js";
import { pressCommodity, pressPartner, RETIRED_PRESS_ITEMS } from "../../src/sources/codes/press-names.js";

export type FuzzFormat = "timeseries" | "hs9" | "press-xml" | "press-table" | "area-commodity" | "tidy";

/** One observation as the store would hold it after the ingest: `part` is the release's place in the file. */
export interface Landed {
  part: number;
  period: string;
  flow: string;
  partner: string;
  commodity: string;
  measure: string;
  value: number;
  unit: string;
  custom: string;
}

export type Verdict = { ok: true; landed: Landed[] } | { ok: false; why: string };

class Refuse extends Error {}
const refuse = (why: string): never => {
  throw new Refuse(why);
};

export const landedKey = (l: Landed) => [l.part, l.period, l.flow, l.partner, l.commodity, l.measure, l.custom, l.unit, l.value].join("|");

const COUNTRIES = new Set(PARTNERS.filter((p) => p.kind === "country").map((p) => p.code));
const ALL_PARTNERS = new Set(PARTNERS.map((p) => p.code));
const PC = new Map(PRINCIPAL_COMMODITIES.map((c) => [`${c.flow} ${c.code}`, c]));
const today = new Date().toISOString().slice(0, 10);

function realDay(y: number, m: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}
const isDay = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && realDay(+m[1]!, +m[2]!, +m[3]!);
};
const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** Bounds of each measure in the store's unit (see the README's "Wrong data is refused"). */
function inBounds(measure: string, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (measure === "value" || measure.startsWith("quantity")) return v >= 0 && v < 1e15;
  if (measure === "share_pct") return v >= 0 && v <= 100;
  if (measure === "balance" || measure === "balance_sa") return v > -1e15 && v < 1e15;
  return v >= -100 && v <= 1e6; // yoy_pct, contribution_pp
}

interface Part {
  effective: string;
  rows: Array<Omit<Landed, "part">>;
}

/**
 * What lands from parts read in order into a store holding nothing of the dataset: within a part one value per
 * observation (a second, different one refuses the file); a value equal to the one in force (from the latest
 * earlier part effective on or before this part's day) is not stored again.
 */
function land(parts: Part[]): Landed[] {
  const landed: Landed[] = [];
  const history: Array<{ part: number; effective: string; values: Map<string, number> }> = [];
  parts.forEach((p, k) => {
    const seen = new Map<string, Omit<Landed, "part">>();
    for (const r of p.rows) {
      const key = [r.period, r.flow, r.partner, r.commodity, r.measure, r.custom].join("|");
      const earlier = seen.get(key);
      if (earlier && (earlier.value !== r.value || earlier.unit !== r.unit)) refuse(`two values for ${key}`);
      seen.set(key, r);
    }
    const values = new Map<string, number>();
    for (const [key, r] of seen) {
      let before: { effective: string; part: number; value: number } | null = null;
      for (const h of history) {
        if (h.effective > p.effective || !h.values.has(key)) continue;
        if (!before || h.effective > before.effective || (h.effective === before.effective && h.part > before.part)) before = { effective: h.effective, part: h.part, value: h.values.get(key)! };
      }
      values.set(key, r.value);
      if (!before || before.value !== r.value) landed.push({ part: k, ...r });
    }
    history.push({ part: k, effective: p.effective, values });
  });
  return landed;
}

const utf8 = (bytes: Uint8Array) => {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return refuse("not UTF-8");
  }
};

/** Lines of a text that must end with a line end (CR LF or LF, mixed or not); a CR anywhere else refuses it. */
function strictLines(text: string, skipBlank: boolean): Array<{ n: number; text: string }> {
  if (!text.endsWith("\n")) refuse("no line end at the end");
  const out: Array<{ n: number; text: string }> = [];
  text.slice(0, -1).split("\n").forEach((line, i) => {
    const body = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (body.includes("\r")) refuse("a CR inside a line");
    if (skipBlank && body === "" && i > 0) return;
    out.push({ n: i + 1, text: body });
  });
  return out;
}

/**
 * CSV fields of one line. `duckdb`: spaces around a quoted field are dropped (DuckDB's reader); otherwise
 * (papaparse) a field is quoted only when it starts with a quote, and white space after the closing quote is
 * dropped. A quote inside an unquoted field is a character.
 */
function csvFields(line: string, dialect: "duckdb" | "papa"): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let j = i;
    if (dialect === "duckdb") while (line[j] === " ") j++;
    if (line[j] === '"') {
      let value = "";
      let k = j + 1;
      for (;;) {
        const q = line.indexOf('"', k);
        if (q < 0) refuse("unterminated quote");
        value += line.slice(k, q);
        if (line[q + 1] === '"') {
          value += '"';
          k = q + 2;
        } else {
          k = q + 1;
          break;
        }
      }
      // DuckDB passes over spaces after a closing quote, papaparse over spaces and tabs.
      while (line[k] === " " || (dialect === "papa" && line[k] === "\t")) k++;
      if (k < line.length && line[k] !== ",") refuse("text after a closing quote");
      fields.push(value);
      i = k;
    } else {
      const c = line.indexOf(",", i);
      fields.push(line.slice(i, c < 0 ? line.length : c));
      i = c < 0 ? line.length : c;
    }
    if (i >= line.length) return fields;
    i++;
  }
}

const WHOLE = /^(0|[1-9]\d{0,14})$/;

// ---- the time series d41ma / d51ma / d61ma
function timeSeries(bytes: Uint8Array): Part[] {
  if (bytes[0] === 0xef) refuse("BOM");
  let text: string;
  try {
    text = new TextDecoder("shift_jis", { fatal: true }).decode(bytes);
  } catch {
    return refuse("not Shift_JIS");
  }
  if (!text.endsWith("\n")) refuse("no line end at the end");
  const lines = text.split(/\r?\n/).slice(0, -1);
  const cells = (i: number) => {
    if (lines[i] === undefined) refuse("too few lines");
    if (lines[i]!.includes('"') || lines[i]!.includes("\r")) refuse("a quote or a CR inside a line");
    return lines[i]!.split(",").map((c) => c.replace(/^ +| +$/g, ""));
  };
  const title = lines[0] ?? "";
  if (!title.includes("《世界》") || !title.includes("【月別】")) refuse("title");
  const kind = title.includes("（輸出）") ? "d51ma" : title.includes("（輸入）") ? "d61ma" : title.includes("千円") ? "d41ma" : refuse("kind");
  const columns: Array<{ at: number; flow: string; commodity: string; measure: string; unit: string }> = [];
  let first: number;
  let width: number;
  if (kind === "d41ma") {
    if (cells(2).join(",") !== "Years/Months,Exp-Total,Imp-Total") refuse("d41ma header");
    columns.push({ at: 1, flow: "export", commodity: "total", measure: "value", unit: "JPY_thousand" }, { at: 2, flow: "import", commodity: "total", measure: "value", unit: "JPY_thousand" });
    [first, width] = [4, 3];
  } else {
    const flow = kind === "d51ma" ? "export" : "import";
    const h = [0, 1, 2, 3, 4, 5, 6].map(cells);
    [[2, "報道発表品目名"], [3, "概況品名"], [4, "概況品コード"], [6, "Years/Months"]].forEach(([i, k]) => {
      if (h[i as number]![0] !== k) refuse("header keys");
    });
    width = h[4]!.length;
    if (h[5]!.length !== width || h[6]!.length !== width || width % 2 !== 0) refuse("header widths");
    if (h[5]![1] !== "金額") refuse("total column");
    columns.push({ at: 1, flow, commodity: "total", measure: "value", unit: "JPY_thousand" });
    for (let q = 2; q < width; q += 2) {
      if (h[5]![q] !== "数量" || h[5]![q + 1] !== "金額") refuse("pairs");
      const code = "pc:" + h[4]![q]!.replaceAll("'", "");
      const known = PC.get(`${flow} ${code}`) ?? refuse(`code ${code}`);
      const unit = /単位：([A-Za-z0-9_]+)/.exec(h[6]![q]!)?.[1] ?? ""; // a label such as (単位：NO); the unit is what counts
      if (unit !== (known.quantityUnit ?? "")) refuse(`unit of ${code}`);
      columns.push({ at: q, flow, commodity: code, measure: "quantity1", unit }, { at: q + 1, flow, commodity: code, measure: "value", unit: "JPY_thousand" });
    }
    first = 7;
  }
  const rows: Part["rows"] = [];
  let previous: [number, number] | null = null;
  let ended = false;
  let published = 0;
  for (let i = first; i < lines.length; i++) {
    const c = cells(i);
    if (c.length !== width) refuse("width");
    const m = /^(\d{4})\/(0[1-9]|1[0-2])$/.exec(c[0]!) ?? refuse("month");
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (previous && !(y === previous[0] + (previous[1] === 12 ? 1 : 0) && mo === (previous[1] % 12) + 1)) refuse("months not consecutive");
    previous = [y, mo];
    const period = `${m[1]}-${m[2]}`;
    const numbers = columns.map((col) => ({ col, text: c[col.at]! }));
    for (const n of numbers) if (n.text !== "-" && n.text !== "" && !WHOLE.test(n.text)) refuse(`number ${n.text}`);
    const isPublished = numbers.some((n) => WHOLE.test(n.text) && n.text !== "0");
    if (!isPublished) {
      ended = true;
      continue;
    }
    if (ended) refuse("a gap before a published month");
    if (numbers.some((n) => n.text === "")) refuse("a blank cell in a published month");
    published++;
    for (const n of numbers) if (WHOLE.test(n.text)) rows.push({ period, flow: n.col.flow, partner: "world", commodity: n.col.commodity, measure: n.col.measure, value: Number(n.text), unit: n.col.unit, custom: "" });
  }
  if (published === 0) refuse("no month with figures");
  return [{ effective: today, rows }];
}

// ---- HS-9 tables
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function hs9(bytes: Uint8Array, name: string): Part[] {
  const lines = strictLines(utf8(bytes), true);
  const header = lines[0]!.text.split(",").map((h) => h.trim()); // names in the header may carry spaces
  const hasCustom = header[2] === "Custom";
  const hasCountry = header[hasCustom ? 4 : 3] === "Country";
  const expected = ["Exp or Imp", "Year", ...(hasCustom ? ["Custom"] : []), "HS", ...(hasCountry ? ["Country"] : []), "Unit1", "Unit2",
    "Quantity1-Year", "Quantity2-Year", "Value-Year", ...MONTHS.flatMap((m) => [`Quantity1-${m}`, `Quantity2-${m}`, `Value-${m}`])];
  if (header.join(",") !== expected.join(",")) refuse("header");
  const keys = new Set<string>();
  let year: string | null = null;
  let lastWithData = 0;
  const parsed: Array<{ flow: string; custom: string; hs: string; country: string; u1: string; u2: string; cells: bigint[] }> = [];
  for (const { text } of lines.slice(1)) {
    const f = text.split(",");
    if (f.length !== expected.length || text.includes('"')) refuse("fields");
    let k = 0;
    const flow = f[k++]!;
    const y = f[k++]!;
    const custom = hasCustom ? f[k++]! : "";
    const hs = /^'?(\d{9})'?$/.exec(f[k++]!)?.[1] ?? refuse("hs");
    const country = hasCountry ? f[k++]! : "";
    const [u1, u2] = [f[k++]!, f[k++]!];
    if (!/^[12]$/.test(flow) || !/^\d{4}$/.test(y) || (hasCustom && !/^[0-9A-Za-z_]{3}$/.test(custom)) || (hasCountry && !COUNTRIES.has(country))) refuse("codes");
    if (![u1, u2].every((u) => /^[ A-Za-z0-9]*$/.test(u))) refuse("units");
    if (year !== null && y !== year) refuse("two years");
    year = y;
    const cells = f.slice(k).map((v) => (WHOLE.test(v) ? BigInt(v) : refuse(`amount ${v}`)));
    for (let m = 0; m < 3; m++) {
      let sum = 0n;
      for (let month = 0; month < 12; month++) sum += cells[3 + month * 3 + m]!;
      if (sum !== cells[m]) refuse("year total");
    }
    for (let month = 0; month < 12; month++) if ([0, 1, 2].some((m) => cells[3 + month * 3 + m]! > 0n)) lastWithData = Math.max(lastWithData, month + 1);
    const key = `${flow}|${custom}|${hs}|${country}`;
    if (keys.has(key)) refuse("key twice");
    keys.add(key);
    parsed.push({ flow, custom, hs, country, u1: u1.trim(), u2: u2.trim(), cells });
  }
  if (year === null) refuse("no rows");
  const named = /(?:^|[^\d])(\d{4})-?(0[1-9]|1[0-2])(?:[^\d]|$)/.exec(path.basename(name));
  const through = named ? (named[1] === year ? Number(named[2]) : refuse("name's year")) : lastWithData === 12 ? 12 : refuse("through unknown");
  if (lastWithData > through) refuse("figures after the month named");
  const rows: Part["rows"] = [];
  for (const l of parsed) {
    for (let month = 1; month <= through; month++) {
      const period = `${year}-${String(month).padStart(2, "0")}`;
      const base = { period, flow: l.flow === "1" ? "export" : "import", partner: l.country || "world", commodity: `hs:${l.hs}`, custom: l.custom };
      const at = 3 + (month - 1) * 3;
      if (l.u1) rows.push({ ...base, measure: "quantity1", value: Number(l.cells[at]), unit: l.u1 });
      if (l.u2) rows.push({ ...base, measure: "quantity2", value: Number(l.cells[at + 1]), unit: l.u2 });
      rows.push({ ...base, measure: "value", value: Number(l.cells[at + 2]), unit: "JPY_thousand" });
    }
  }
  return [{ effective: today, rows }];
}

// ---- the press release XML
const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const GROUPED = /^[-△▲]?(0|[1-9]\d{0,2}(,\d{3})*)$/;
const PCT = /^[-△▲]?(0|[1-9]\d*)\.\d$/;
const xmlTrim = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
function pressXml(bytes: Uint8Array): Part[] {
  const text = utf8(bytes);
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({ parseTagValue: false, trimValues: false, ignoreAttributes: false }).parse(text, true);
  } catch {
    return refuse("XML");
  }
  type El = Record<string, unknown>;
  /** The one text element `name`, XML white space around it dropped; labels (titles, months, dates) are trimmed further. */
  const one = (el: unknown, name: string): string => {
    const v = (el as El | undefined)?.[name];
    return typeof v === "string" ? xmlTrim(v) : refuse(`<${name}>`);
  };
  const label = (el: unknown, name: string) => one(el, name).trim();
  const many = (el: unknown, name: string): El[] => {
    const v = (el as El | undefined)?.[name];
    return v === undefined ? [] : ((Array.isArray(v) ? v : [v]) as El[]);
  };
  const root = (doc.hodoxml as El) ?? refuse("root");
  const head = (root.sogakutsuki && typeof root.sogakutsuki === "object" && !Array.isArray(root.sogakutsuki) ? root.sogakutsuki : refuse("sogakutsuki")) as El;
  const month = (s: string) => {
    const m = /^([A-Z][a-z]+)\s+(\d{4})$/.exec(s);
    const n = m ? EN_MONTHS.indexOf(m[1]!) + 1 : 0;
    return n ? `${m![2]}-${String(n).padStart(2, "0")}` : refuse("month");
  };
  const dm = /^([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(label(head, "kohyoymd"));
  const dmonth = dm ? EN_MONTHS.indexOf(dm[1]!) + 1 : 0;
  if (!dm || !dmonth || !realDay(+dm[3]!, dmonth, +dm[2]!)) refuse("release date");
  const released = `${dm![3]}-${String(dmonth).padStart(2, "0")}-${dm![2]!.padStart(2, "0")}`;
  one(head, "title");
  const [period, yearAgo] = [month(label(head, "taishoymtonen")), month(label(head, "taishoymzennen"))];
  const rows: Part["rows"] = [];
  const put = (el: unknown, name: string, p: string, flow: string, partner: string, commodity: string, measure: string, unit: string) => {
    const s = one(el, name);
    if (s === "" || s === "-") return;
    let v: number;
    if (measure === "yoy_pct" && (s === "ZENZO" || /^\*(0|[1-9]\d{0,2}(,\d{3})*)(\.\d+)?$/.test(s))) return;
    if (measure === "yoy_pct" && s === "ZENGEN") v = -100;
    else if ((measure === "value" || measure === "quantity1" ? GROUPED : PCT).test(s)) v = Number(s.replaceAll(",", "").replace(/^[△▲]/, "-"));
    else return refuse(`number ${s}`);
    if (measure === "value") v *= 1000;
    v += 0;
    if (!inBounds(measure, v)) refuse(`bounds ${s}`);
    rows.push({ period: p, flow, partner, commodity, measure, value: v, unit: measure === "value" ? "JPY_thousand" : unit, custom: "" });
  };
  for (const flow of ["export", "import"]) {
    const b = head[flow];
    if (!b || typeof b !== "object" || Array.isArray(b)) refuse(flow);
    put(b, "sogakutonen", period, flow, "world", "total", "value", "");
    put(b, "sogakuzennen", yearAgo, flow, "world", "total", "value", "");
    put(b, "nobiritsu", period, flow, "world", "total", "yoy_pct", "pct");
  }
  if (Array.isArray(root.chiikikunisogaku)) refuse("two area tables");
  for (const table of many(root, "chiikikunisogaku")) {
    for (const r of many(table, "chiikikunisogakuinfo")) {
      const partner = pressPartner(one(r, "chiikikuni")) ?? refuse("area");
      put(r, "exportkagakue", period, "export", partner, "total", "value", "");
      put(r, "exportnobiritsu", period, "export", partner, "total", "yoy_pct", "pct");
      put(r, "importkagakue", period, "import", partner, "total", "value", "");
      put(r, "importnobiritsu", period, "import", partner, "total", "yoy_pct", "pct");
      put(r, "sashihikinobiritsu", period, "balance", partner, "total", "yoy_pct", "pct");
    }
  }
  for (const block of many(root, "shuyochiikikunihin")) {
    const t = /^(Exports|Imports) by Principal Commodity(?: by Area\(Country\))?\((.+)\)$/.exec(label(block, "title")) ?? refuse("block title");
    const flow = t[1] === "Exports" ? "export" : "import";
    const partner = t[2] === "WORLD" ? "world" : pressPartner(t[2]!) ?? refuse("block partner");
    for (const r of many(block, "shuyochiikikunihininfo")) {
      const commodity = pressCommodity(flow as "export", one(r, "shuyoshohin")) ?? refuse("item");
      const unit = one(r, "tani");
      const quantity = one(r, "suryo");
      if (unit !== "" && !/^[A-Z]{2,3}$/.test(unit)) refuse("unit");
      if (unit === "" && quantity !== "" && quantity !== "-") refuse("quantity without unit");
      if (unit) put(r, "suryo", period, flow, partner, commodity, "quantity1", unit);
      put(r, "kagaku", period, flow, partner, commodity, "value", "");
      put(r, "kagakunobiritsu", period, flow, partner, commodity, "yoy_pct", "pct");
      if (commodity !== "total") {
        put(r, "koseihi", period, flow, partner, commodity, "share_pct", "pct");
        put(r, "zogenkiyodo", period, flow, partner, commodity, "contribution_pp", "pp");
      }
    }
  }
  return [{ effective: released, rows }];
}

// ---- the press tables (headline, principal commodity) and the area × commodity table, CSV as papaparse reads it
function csvTable(bytes: Uint8Array): string[][] {
  const rows = strictLines(utf8(bytes), true).map((l) => csvFields(l.text, "papa"));
  if (rows.some((r) => r.length !== rows[0]!.length)) refuse("row width");
  return rows;
}

const HEADLINE = ["yyyymm", "stage", "stage_name", "release_date", "exp_jpy_mn", "exp_prev_year_jpy_mn", "exp_yoy_pct", "imp_jpy_mn", "imp_prev_year_jpy_mn", "imp_yoy_pct", "bal_jpy_mn", "bal_prev_year_jpy_mn", "bal_yoy_pct"];
const COMMODITY = ["yyyymm", "stage", "imex", "area", "level", "item", "unit", "quantity", "qty_yoy_pct", "value_jpy_mn", "share_pct", "value_yoy_pct", "contribution_pt"];
function pressTable(bytes: Uint8Array): Part[] {
  const [header, ...body] = csvTable(bytes);
  const headline = header!.slice(0, 5).join(",") === HEADLINE.slice(0, 5).join(",");
  if (!headline && header!.slice(0, 13).join(",") !== COMMODITY.join(",")) refuse("header");
  const at = new Map(header!.map((h, i) => [h, i]));
  if (at.size !== header!.length || (headline ? HEADLINE : COMMODITY).some((c) => !at.has(c))) refuse("columns");
  const parts = new Map<string, Part>();
  for (const cells of body) {
    const get = (c: string) => cells[at.get(c)!]!;
    const period = isMonth(get("yyyymm")) ? get("yyyymm") : refuse("yyyymm");
    const stage = ({ "1": 1, "2": 2, "4": 4, "5": 5 } as Record<string, number>)[get("stage")] ?? refuse("stage");
    if (headline && !isDay(get("release_date"))) refuse("release date");
    const key = `${period} ${stage}`;
    const part = parts.get(key) ?? { effective: headline ? get("release_date") : today, rows: [] };
    parts.set(key, part);
    const put = (col: string, p: string, flow: string, partner: string, commodity: string, measure: string, unit: string) => {
      const s = get(col);
      if (s === "" || (flow === "balance" && s === "-")) return;
      if (measure === "yoy_pct" && (s === "ZENZO" || /^\*\d+(\.\d+)?$/.test(s))) return;
      let v: number;
      if (measure === "yoy_pct" && s === "ZENGEN") v = -100;
      else if ((measure === "value" || measure === "quantity1" ? /^-?(0|[1-9]\d*)$/ : /^-?(0|[1-9]\d*)\.\d$/).test(s)) v = Number(s);
      else return refuse(`number ${s}`);
      if (measure === "value") v *= 1000;
      v += 0;
      if (!inBounds(measure, v)) refuse("bounds");
      part.rows.push({ period: p, flow, partner, commodity, measure, value: v, unit: measure === "value" ? "JPY_thousand" : unit, custom: "" });
    };
    if (headline) {
      const before = `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
      for (const [flow, x] of [["export", "exp"], ["import", "imp"]]) {
        put(`${x}_jpy_mn`, period, flow!, "world", "total", "value", "");
        put(`${x}_prev_year_jpy_mn`, before, flow!, "world", "total", "value", "");
        put(`${x}_yoy_pct`, period, flow!, "world", "total", "yoy_pct", "pct");
      }
      // The balance's printed % change (flow balance); "-" where the balance changed sign.
      put("bal_yoy_pct", period, "balance", "world", "total", "yoy_pct", "pct");
      continue;
    }
    const flow = get("imex") === "E" ? "export" : get("imex") === "I" ? "import" : refuse("imex");
    const partner = get("area") === "WORLD" ? "world" : pressPartner(get("area")) ?? refuse("area");
    const commodity = pressCommodity(flow, get("item")) ?? refuse("item");
    const unit = get("unit");
    if (unit !== "" && !/^[A-Z]{2,3}$/.test(unit)) refuse("unit");
    if (unit === "" && get("quantity") !== "") refuse("quantity without unit");
    if (unit) put("quantity", period, flow, partner, commodity, "quantity1", unit);
    put("value_jpy_mn", period, flow, partner, commodity, "value", "");
    put("value_yoy_pct", period, flow, partner, commodity, "yoy_pct", "pct");
    if (commodity !== "total") {
      put("share_pct", period, flow, partner, commodity, "share_pct", "pct");
      put("contribution_pt", period, flow, partner, commodity, "contribution_pp", "pp");
    }
  }
  if (parts.size === 0) refuse("no rows");
  return [...parts.values()];
}

function areaCommodity(bytes: Uint8Array): Part[] {
  const [header, ...body] = csvTable(bytes);
  if (header!.join(",") !== "exp_imp,yyyymm,area,goods,value_jpy_k") refuse("header");
  const rows: Part["rows"] = [];
  for (const [e, period, area, goods, value] of body) {
    const flow = e === "1" ? "export" : e === "2" ? "import" : refuse("exp_imp");
    if (!isMonth(period!)) refuse("period");
    const partner = pressPartner(area!) ?? refuse("area");
    const commodity = pressCommodity(flow, goods!);
    if (!commodity) {
      if (RETIRED_PRESS_ITEMS.has(goods!)) continue;
      refuse("goods");
    }
    if (!WHOLE.test(value!)) refuse("value");
    rows.push({ period: period!, flow, partner, commodity: commodity!, measure: "value", value: Number(value), unit: "JPY_thousand", custom: "" });
  }
  return [{ effective: today, rows }];
}

// ---- tidy CSV, as DuckDB reads CSV
const TIDY = ["period", "flow", "partner", "commodity", "measure", "value", "unit", "stage", "released", "source"];
const STAGES = ["first_10_days", "first_20_days", "provisional", "detailed", "revised", "fixed", "unknown"];
const YEN: Record<string, number> = { JPY: 0.001, JPY_thousand: 1, JPY_million: 1000, JPY_billion: 1_000_000 };
function tidy(bytes: Uint8Array): Part[] {
  const [header, ...body] = strictLines(utf8(bytes), true).map((l) => csvFields(l.text, "duckdb"));
  if (header!.join(",") !== TIDY.join(",")) refuse("header");
  const parts = new Map<string, Part>();
  const keys = new Set<string>();
  for (const cells of body) {
    if (cells.length !== 10) refuse("width");
    const [period, flow, partner, commodity, measure, value, unit, stage, released, source] = cells as [string, string, string, string, string, string, string, string, string, string];
    // Flow balance: a balance printed without its parts (balance, balance_sa in yen) or its printed % change.
    const balance = flow === "balance";
    if (!isMonth(period) || (flow !== "export" && flow !== "import" && !balance) || !ALL_PARTNERS.has(partner)) refuse("keys");
    if (balance ? commodity !== "total" : !(commodity === "total" || /^hs:(\d{2}|\d{4}|\d{6}|\d{9})$/.test(commodity) || (commodity.startsWith("pc:") && PC.has(`${flow} ${commodity}`)))) refuse("commodity");
    if (balance !== (measure === "balance" || measure === "balance_sa") && !(balance && measure === "yoy_pct")) refuse("measure for the flow");
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) refuse("number");
    let v = Number(value);
    if (measure === "value" || measure === "balance" || measure === "balance_sa") v *= YEN[unit] ?? refuse("yen unit");
    else if (measure === "yoy_pct" || measure === "share_pct") unit === "pct" || refuse("pct");
    else if (measure === "contribution_pp") unit === "pp" || refuse("pp");
    else if (measure === "quantity1" || measure === "quantity2") /^[A-Za-z0-9_]{1,16}$/.test(unit) || refuse("quantity unit");
    else refuse("measure");
    v += 0;
    if (!inBounds(measure, v)) refuse("bounds");
    if (!STAGES.includes(stage) || (released !== "" && !isDay(released))) refuse("release");
    const key = [stage, released, source, period, flow, partner, commodity, measure].join("\u0000");
    if (keys.has(key)) refuse("a row twice in a release");
    keys.add(key);
    const part = parts.get(`${stage}\u0000${released}\u0000${source}`) ?? { effective: released || today, rows: [] };
    parts.set(`${stage}\u0000${released}\u0000${source}`, part);
    part.rows.push({ period, flow, partner, commodity, measure, value: v, unit: measure === "value" || measure === "balance" || measure === "balance_sa" ? "JPY_thousand" : unit, custom: "" });
  }
  if (parts.size === 0) refuse("no rows");
  return [...parts.values()];
}

const READERS: Record<FuzzFormat, (bytes: Uint8Array, name: string) => Part[]> = {
  timeseries: timeSeries,
  hs9,
  "press-xml": pressXml,
  "press-table": pressTable,
  "area-commodity": areaCommodity,
  tidy,
};

/** What the file must land, or that it must be refused. */
export function oracle(format: FuzzFormat, bytes: Uint8Array, name: string): Verdict {
  try {
    return { ok: true, landed: land(READERS[format](bytes, name)) };
  } catch (error) {
    if (error instanceof Refuse) return { ok: false, why: error.message };
    throw error;
  }
}
