// The Ministry's monthly press release as XML (`trade-st_e/YYYY/YYYYMM{stage}e.xml`): the headline totals with
// their year-ago values, the table by area and country, and the tables by principal commodity (world, and by
// area where printed). Printed percentages, shares and contributions are kept as published beside the levels.

import { XMLParser } from "fast-xml-parser";
import type { Flow, Measure, Observation, Stage, ObservationFlow } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner } from "./codes/press-names.js";
import { isCalendarDay, measureProblem } from "./numbers.js";
import { decodeText } from "./text.js";

export interface PressRelease {
  period: string;
  stage: Stage;
  /** `YYYY-MM-DD`, from the release's own date line. */
  released: string;
  title: string;
  observations: Observation[];
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const isPressXml = (head: string) => head.includes("<hodoxml");

/** `November 2025` → `2025-11`. */
function monthOf(text: string, file: string, where: string): string {
  const m = /^([A-Z][a-z]+)\s+(\d{4})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]!) + 1 : 0;
  if (!m || month === 0) throw new InputError({ file, column: where }, `expected a month such as "November 2025", found "${text}"`);
  return `${m[2]}-${String(month).padStart(2, "0")}`;
}

/** `December 17, 2025` → `2025-12-17`. */
function dateOf(text: string, file: string): string {
  const m = /^([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]!) + 1 : 0;
  const date = m && month > 0 ? `${m[3]}-${String(month).padStart(2, "0")}-${m[2]!.padStart(2, "0")}` : "";
  if (!isCalendarDay(date)) throw new InputError({ file, column: "sogakutsuki/kohyoymd" }, `expected a release date such as "December 17, 2025", found "${text}"`);
  return date;
}

/** The stage a release's title announces. */
export function stageOfTitle(title: string): Stage {
  if (/first\s*10\s*days|1st\s*10/i.test(title)) return "first_10_days";
  if (/first\s*20\s*days|1st\s*20/i.test(title)) return "first_20_days";
  if (/detailed/i.test(title)) return "detailed";
  if (/provisional/i.test(title)) return "provisional";
  if (/fixed|final/i.test(title)) return "fixed";
  return "unknown";
}

/** What a cell holds: an amount (million yen, or a quantity), a y/y change, or a share or contribution. */
type CellKind = "amount" | "yoy" | "percent";

// As the release prints them: amounts in groups of three (`9,714,672`), percentages with one decimal (`-2.4`, `2588.9`),
// a minus as `-` or △. Anything else — `0x10`, `1e3`, `1_000`, `Infinity`, full-width digits — is refused.
const GROUPED = "(?:0|[1-9]\\d{0,2}(?:,\\d{3})*)";
const AMOUNT = new RegExp(`^[-△▲]?${GROUPED}$`);
const PERCENT = /^[-△▲]?(?:0|[1-9]\d*)\.\d$/;
const RATIO = new RegExp(`^\\*${GROUPED}(?:\\.\\d+)?$`);

/**
 * A printed number: `9,714,672`, `△120,809` (negative), `-` or blank (none), `ZENGEN` (全減: fell to zero,
 * i.e. −100%), `ZENZO` (全増: up from zero, no percentage), `*914` (a ratio printed where the change is too large
 * for the column: not a percentage, skipped). Undefined when the text is none of these.
 */
function printed(s: string, kind: CellKind): number | null | undefined {
  if (s === "" || s === "-") return null;
  if (kind === "yoy" && (s === "ZENZO" || RATIO.test(s))) return null;
  if (kind === "yoy" && s === "ZENGEN") return -100;
  if (!(kind === "amount" ? AMOUNT : PERCENT).test(s)) return undefined;
  return Number(s.replace(/,/g, "").replace(/^[△▲]/, "-")) + 0; // +0 turns -0 into 0
}

const EXPECTED: Record<CellKind, string> = {
  amount: "a number as the release prints it (9,714,672), - or nothing",
  yoy: "a percentage with one decimal (6.1, -2.4, △2.4), ZENGEN, ZENZO, *ratio, - or nothing",
  percent: "a percentage with one decimal (6.1, -0.3), - or nothing",
};

type Element = Record<string, unknown>;
/** XML's own white space (space, tab, CR, LF) around a text; other characters are the text's. */
const trimXml = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
const list = (value: unknown): Element[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Element[];

export function parsePressRelease(bytes: Uint8Array, file: string): PressRelease {
  const text = decodeText(bytes, file, "utf8");
  let root: Element;
  try {
    const doc = new XMLParser({ parseTagValue: false, trimValues: false, ignoreAttributes: false, isArray: (name) => ["chiikikunisogakuinfo", "shuyochiikikunihininfo", "shuyochiikikunihin"].includes(name) }).parse(text, true);
    root = doc.hodoxml as Element;
  } catch (error) {
    throw new InputError({ file }, `is not well-formed XML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!root?.sogakutsuki) throw new InputError({ file, line: 1 }, "expected a MoF press release (<hodoxml> with <sogakutsuki>)");
  /**
   * The text of the one element `name` under `parent`: missing, repeated (`<tani>` twice would read "MT, MT") or
   * holding elements of its own, it is an error, never an observation dropped or a number made up.
   */
  const textOf = (parent: unknown, name: string, at: string): string => {
    const value = (parent as Element | undefined)?.[name];
    if (value === undefined) throw new InputError({ file, column: `${at}/${name}` }, `<${name}> is missing; every row of the release prints it`);
    if (Array.isArray(value)) throw new InputError({ file, column: `${at}/${name}` }, `<${name}> appears ${value.length} times; expected it once`);
    if (typeof value !== "string") throw new InputError({ file, column: `${at}/${name}` }, `<${name}> holds elements or attributes; expected text`);
    return value;
  };
  const headline = root.sogakutsuki as Element;
  const title = textOf(headline, "title", "sogakutsuki");
  const period = monthOf(textOf(headline, "taishoymtonen", "sogakutsuki"), file, "sogakutsuki/taishoymtonen");
  const yearAgo = monthOf(textOf(headline, "taishoymzennen", "sogakutsuki"), file, "sogakutsuki/taishoymzennen");
  const observations: Observation[] = [];
  const add = (parent: unknown, at: string, name: string, month: string, flow: ObservationFlow, partner: string, commodity: string, measure: Measure, unit: string) => {
    const where = `${at}/${name}`;
    const raw = trimXml(textOf(parent, name, at));
    const kind: CellKind = measure === "yoy_pct" ? "yoy" : measure === "value" || measure === "quantity1" ? "amount" : "percent";
    const value = printed(raw, kind);
    if (value === null) return;
    if (value === undefined) throw new InputError({ file, column: where }, `expected ${EXPECTED[kind]}, found "${raw}"`);
    const stored = measure === "value" ? value * 1000 : value; // printed in million yen, stored in thousand
    const problem = measureProblem(measure, stored, raw);
    if (problem) throw new InputError({ file, column: where }, problem);
    observations.push({ period: month, flow, partner, commodity, measure, value: stored, unit: measure === "value" ? "JPY_thousand" : unit, line: 1, column: where });
  };

  for (const flow of ["export", "import"] as const) {
    const at = `sogakutsuki/${flow}`;
    const block = headline[flow];
    if (block === undefined || Array.isArray(block) || typeof block !== "object") throw new InputError({ file, column: at }, `expected one <${flow}> block with the month's total`);
    add(block, at, "sogakutonen", period, flow, "world", "total", "value", "");
    add(block, at, "sogakuzennen", yearAgo, flow, "world", "total", "value", "");
    add(block, at, "nobiritsu", period, flow, "world", "total", "yoy_pct", "pct");
  }

  if (Array.isArray(root.chiikikunisogaku)) throw new InputError({ file, column: "chiikikunisogaku" }, `<chiikikunisogaku> appears ${root.chiikikunisogaku.length} times; expected one table by area and country`);
  list((root.chiikikunisogaku as Element)?.chiikikunisogakuinfo).forEach((row, i) => {
    const at = `chiikikunisogaku/chiikikunisogakuinfo[${i + 1}]`;
    const name = textOf(row, "chiikikuni", at);
    const partner = pressPartner(name);
    if (!partner) throw new InputError({ file, column: `${at}/chiikikuni` }, `unknown area or country "${name}" (add it to src/sources/codes/press-names.ts)`);
    add(row, at, "exportkagakue", period, "export", partner, "total", "value", "");
    add(row, at, "exportnobiritsu", period, "export", partner, "total", "yoy_pct", "pct");
    add(row, at, "importkagakue", period, "import", partner, "total", "value", "");
    add(row, at, "importnobiritsu", period, "import", partner, "total", "yoy_pct", "pct");
    // The balance's % change as the Ministry prints it (against its own year-earlier figure; "-" where the sign changed).
    add(row, at, "sashihikinobiritsu", period, "balance", partner, "total", "yoy_pct", "pct");
  });

  list(root.shuyochiikikunihin).forEach((block, b) => {
    const blockTitle = textOf(block, "title", `shuyochiikikunihin[${b + 1}]`);
    const m = /^(Exports|Imports) by Principal Commodity(?: by Area\(Country\))?\((.+)\)$/.exec(blockTitle.trim());
    if (!m) throw new InputError({ file, column: `shuyochiikikunihin[${b + 1}]/title` }, `expected "Exports|Imports by Principal Commodity(AREA)", found "${blockTitle}"`);
    const flow: Flow = m[1] === "Exports" ? "export" : "import";
    const partner = m[2] === "WORLD" ? "world" : pressPartner(m[2]!);
    if (!partner) throw new InputError({ file, column: `shuyochiikikunihin[${b + 1}]/title` }, `unknown area or country "${m[2]}"`);
    list(block.shuyochiikikunihininfo).forEach((row, i) => {
      const at = `shuyochiikikunihin[${b + 1}]/shuyochiikikunihininfo[${i + 1}]`;
      const item = textOf(row, "shuyoshohin", at);
      const commodity = pressCommodity(flow, item);
      if (!commodity) throw new InputError({ file, column: `${at}/shuyoshohin` }, `unknown ${flow} item "${item.trim()}" (add it to src/sources/codes/press-names.ts)`);
      // Units are the Ministry's two- or three-letter codes (NO, KG, MT, TMT, MNO …), blank where no quantity is given.
      const unit = trimXml(textOf(row, "tani", at));
      if (unit !== "" && !/^[A-Z]{2,3}$/.test(unit)) throw new InputError({ file, column: `${at}/tani` }, `expected a unit such as NO, KG, MT, TMT or nothing, found "${unit}"`);
      const quantity = trimXml(textOf(row, "suryo", at));
      if (!unit && quantity !== "" && quantity !== "-") throw new InputError({ file, column: `${at}/suryo` }, `a quantity (${quantity}) with no unit in <tani>`);
      if (unit) add(row, at, "suryo", period, flow, partner, commodity, "quantity1", unit);
      add(row, at, "kagaku", period, flow, partner, commodity, "value", "");
      add(row, at, "kagakunobiritsu", period, flow, partner, commodity, "yoy_pct", "pct");
      // The block's own total prints a share of 100 and a contribution equal to its change: of itself, not of
      // the world's total, so they are not kept where they would read as the partner's share of Japan's trade.
      if (commodity === "total") return;
      add(row, at, "koseihi", period, flow, partner, commodity, "share_pct", "pct");
      add(row, at, "zogenkiyodo", period, flow, partner, commodity, "contribution_pp", "pp");
    });
  });

  return { period, stage: stageOfTitle(title), released: dateOf(textOf(headline, "kohyoymd", "sogakutsuki"), file), title, observations };
}
