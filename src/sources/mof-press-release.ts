// The Ministry's monthly press release as XML (`trade-st_e/YYYY/YYYYMM{stage}e.xml`): the headline totals with
// their year-ago values, the table by area and country, and the tables by principal commodity (world, and by
// area where printed). Printed percentages, shares and contributions are kept as published beside the levels.

import { XMLParser } from "fast-xml-parser";
import type { Flow, Measure, Observation, Stage, ObservationFlow } from "../domain.js";
import { InputError } from "../errors.js";
import { pressCommodity, pressPartner } from "./codes/press-names.js";
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
  if (!m || month === 0) throw new InputError({ file, column: "sogakutsuki/kohyoymd" }, `expected a release date such as "December 17, 2025", found "${text}"`);
  return `${m[3]}-${String(month).padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
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

/**
 * A printed number: `9,714,672`, `△120,809` (negative), `-` or blank (none), `ZENGEN` (全減: fell to zero,
 * i.e. −100%), `ZENZO` (全増: up from zero, no percentage), `*914` (a ratio printed where the change is too large
 * for the column: not a percentage, skipped).
 */
function printed(text: unknown): number | null {
  const s = String(text ?? "").trim();
  if (s === "" || s === "-" || s === "ZENZO" || s.startsWith("*")) return null;
  if (s === "ZENGEN") return -100;
  const n = Number(s.replace(/,/g, "").replace(/^[△▲]/, "-"));
  return Number.isFinite(n) ? n : Number.NaN;
}

type Element = Record<string, unknown>;
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
  const headline = root.sogakutsuki as Element;
  const title = String(headline.title ?? "");
  const period = monthOf(String(headline.taishoymtonen), file, "sogakutsuki/taishoymtonen");
  const yearAgo = monthOf(String(headline.taishoymzennen), file, "sogakutsuki/taishoymzennen");
  const observations: Observation[] = [];
  const add = (at: string, month: string, flow: ObservationFlow, partner: string, commodity: string, measure: Measure, raw: unknown, unit: string) => {
    const value = printed(raw);
    if (value === null) return;
    if (Number.isNaN(value)) throw new InputError({ file, column: at }, `expected a number, △number, -, ZENGEN or ZENZO, found "${String(raw)}"`);
    const stored = measure === "value" ? value * 1000 : value + 0; // printed in million yen, stored in thousand; +0 turns -0 into 0
    observations.push({ period: month, flow, partner, commodity, measure, value: stored, unit: measure === "value" ? "JPY_thousand" : unit, line: 1, column: at });
  };

  for (const flow of ["export", "import"] as const) {
    const block = headline[flow] as Element;
    add(`sogakutsuki/${flow}/sogakutonen`, period, flow, "world", "total", "value", block?.sogakutonen, "");
    add(`sogakutsuki/${flow}/sogakuzennen`, yearAgo, flow, "world", "total", "value", block?.sogakuzennen, "");
    add(`sogakutsuki/${flow}/nobiritsu`, period, flow, "world", "total", "yoy_pct", block?.nobiritsu, "pct");
  }

  list((root.chiikikunisogaku as Element)?.chiikikunisogakuinfo).forEach((row, i) => {
    const at = `chiikikunisogaku/chiikikunisogakuinfo[${i + 1}]`;
    const partner = pressPartner(String(row.chiikikuni));
    if (!partner) throw new InputError({ file, column: `${at}/chiikikuni` }, `unknown area or country "${row.chiikikuni}" (add it to src/sources/codes/press-names.ts)`);
    add(`${at}/exportkagakue`, period, "export", partner, "total", "value", row.exportkagakue, "");
    add(`${at}/exportnobiritsu`, period, "export", partner, "total", "yoy_pct", row.exportnobiritsu, "pct");
    add(`${at}/importkagakue`, period, "import", partner, "total", "value", row.importkagakue, "");
    add(`${at}/importnobiritsu`, period, "import", partner, "total", "yoy_pct", row.importnobiritsu, "pct");
    // The balance's % change as the Ministry prints it (against its own year-earlier figure; "-" where the sign changed).
    add(`${at}/sashihikinobiritsu`, period, "balance", partner, "total", "yoy_pct", row.sashihikinobiritsu, "pct");
  });

  list(root.shuyochiikikunihin).forEach((block, b) => {
    const blockTitle = String(block.title ?? "");
    const m = /^(Exports|Imports) by Principal Commodity(?: by Area\(Country\))?\((.+)\)$/.exec(blockTitle.trim());
    if (!m) throw new InputError({ file, column: `shuyochiikikunihin[${b + 1}]/title` }, `expected "Exports|Imports by Principal Commodity(AREA)", found "${blockTitle}"`);
    const flow: Flow = m[1] === "Exports" ? "export" : "import";
    const partner = m[2] === "WORLD" ? "world" : pressPartner(m[2]!);
    if (!partner) throw new InputError({ file, column: `shuyochiikikunihin[${b + 1}]/title` }, `unknown area or country "${m[2]}"`);
    list(block.shuyochiikikunihininfo).forEach((row, i) => {
      const at = `shuyochiikikunihin[${b + 1}]/shuyochiikikunihininfo[${i + 1}]`;
      const commodity = pressCommodity(flow, String(row.shuyoshohin));
      if (!commodity) throw new InputError({ file, column: `${at}/shuyoshohin` }, `unknown ${flow} item "${String(row.shuyoshohin).trim()}" (add it to src/sources/codes/press-names.ts)`);
      const unit = String(row.tani ?? "").trim();
      if (unit) add(`${at}/suryo`, period, flow, partner, commodity, "quantity1", row.suryo, unit);
      add(`${at}/kagaku`, period, flow, partner, commodity, "value", row.kagaku, "");
      add(`${at}/kagakunobiritsu`, period, flow, partner, commodity, "yoy_pct", row.kagakunobiritsu, "pct");
      // The block's own total prints a share of 100 and a contribution equal to its change: of itself, not of
      // the world's total, so they are not kept where they would read as the partner's share of Japan's trade.
      if (commodity === "total") return;
      add(`${at}/koseihi`, period, flow, partner, commodity, "share_pct", row.koseihi, "pct");
      add(`${at}/zogenkiyodo`, period, flow, partner, commodity, "contribution_pp", row.zogenkiyodo, "pp");
    });
  });

  return { period, stage: stageOfTitle(title), released: dateOf(String(headline.kohyoymd), file), title, observations };
}
