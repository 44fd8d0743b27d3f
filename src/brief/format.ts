// Numbers, months and names the way each desk writes them: ¥9.71 trillion and 6.1% in English,
// 9兆7,147億円 and 6.1%増 in Japanese.

import { commodityName, partnerName } from "../sources/codes/index.js";
import { principalCommodity } from "../sources/codes/index.js";
import type { Flow } from "../domain.js";

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "10th", "11th", "12th"];

/** `2025-11` → `November`, with the year when it is not the story's year (`March 2024`). */
export function monthEn(period: string, storyMonth?: string): string {
  const name = MONTHS_EN[Number(period.slice(5, 7)) - 1]!;
  return storyMonth && storyMonth.slice(0, 4) === period.slice(0, 4) ? name : `${name} ${period.slice(0, 4)}`;
}
export const monthNameEn = (period: string) => MONTHS_EN[Number(period.slice(5, 7)) - 1]!;
/** `2025` → `2025`; `FY2024` → `fiscal 2024` (April 2024 to March 2025, the Ministry's 年度). */
export const yearEn = (period: string) => (period.startsWith("FY") ? `fiscal ${period.slice(2)}` : period);

/** Wire style: numbers under ten in words. */
export const countEn = (n: number) => (n < 10 ? NUMBER_WORDS[n]! : String(n));
export const ordinalEn = (n: number) => ORDINALS[n] ?? `${n}th`;

export const pctEn = (value: number) => `${Math.abs(value).toFixed(1)}%`;
export const ppEn = (value: number) => `${Math.abs(value).toFixed(1)} percentage point${Math.abs(value) === 1 ? "" : "s"}`;

/** Thousand yen → `¥9.71 trillion`, `¥322.2 billion`, `¥850 million` (no sign: the verb says which way). */
export function yenEn(jpyThousand: number): string {
  const yen = Math.abs(jpyThousand) * 1000;
  if (yen >= 1e12) return `¥${(yen / 1e12).toFixed(2)} trillion`;
  if (yen >= 1e9) return `¥${(yen / 1e9).toFixed(1)} billion`;
  return `¥${Math.round(yen / 1e6)} million`;
}

const PARTNERS_EN: Record<string, string> = {
  "304": "the United States", "105": "China", "108": "Hong Kong", "106": "Taiwan", "103": "South Korea", "112": "Singapore",
  "110": "Vietnam", "111": "Thailand", "123": "India", "205": "Britain", "213": "Germany", "224": "Russia", "147": "the United Arab Emirates",
  "137": "Saudi Arabia", "601": "Australia", "302": "Canada", "305": "Mexico", "410": "Brazil",
  "area:asia": "Asia", "area:western_europe": "Western Europe", "area:middle_east": "the Middle East", "area:north_america": "North America",
  "area:central_south_america": "Latin America", "area:central_eastern_europe_russia": "Central and Eastern Europe and Russia", "area:africa": "Africa",
  "area:oceania": "Oceania", "group:eu": "the European Union", "group:asean": "Southeast Asia (ASEAN)",
};
export const partnerEn = (code: string) => PARTNERS_EN[code] ?? partnerName(code);
/** The name a story uses once the partner has been named in full. */
export const partnerShortEn = (code: string) => ({ "304": "the U.S.", "group:eu": "the EU", "area:central_eastern_europe_russia": "Central and Eastern Europe" })[code] ?? partnerEn(code);
/** The name at the start of a table row: no article. */
export const partnerLabelEn = (code: string) => (code === "world" ? "World" : partnerEn(code).replace(/^the /, "").replace(/^./, (c) => c.toUpperCase()));

/** Desk names for goods; principal-commodity codes differ by flow, so each flow has its own list. */
const GOODS_EN: Record<Flow, Record<string, string>> = {
  export: {
    "pc:70503": "cars", "pc:70505": "car parts", "pc:70323": "semiconductors and other electronic components", "pc:70131": "chip-making equipment",
    "pc:7032305": "integrated circuits", "pc:611": "steel", "pc:613": "non-ferrous metals", "pc:507": "pharmaceuticals", "pc:70101": "engines and turbines",
    "pc:70511": "aircraft", "pc:7051301": "ships", "pc:81101": "scientific and optical instruments", "pc:70315": "telecommunications equipment",
    "pc:7010505": "computers", "pc:7010507": "computer parts", "pc:70301": "heavy electrical machinery", "pc:70319": "batteries", "pc:3": "mineral fuels",
  },
  import: {
    "pc:30301": "crude oil", "pc:3050103": "liquefied natural gas", "pc:30101": "coal", "pc:70501": "cars", "pc:70503": "car parts", "pc:507": "pharmaceuticals",
    "pc:70311": "semiconductors and other electronic components", "pc:7031103": "integrated circuits", "pc:7010505": "computers", "pc:70307": "telecommunications equipment",
    "pc:70505": "aircraft", "pc:807": "clothing", "pc:30303": "petroleum products", "pc:3": "mineral fuels", "pc:70101": "engines and turbines",
    "pc:3050101": "liquefied petroleum gas", "pc:21501": "iron ore", "pc:613": "steel", "pc:615": "non-ferrous metals", "pc:70313": "electrical measuring instruments",
  },
};
export const goodsEn = (flow: Flow, code: string): string => GOODS_EN[flow][code] ?? commodityName(flow, code).toLowerCase().replace(/^\((.*)\)$/, "$1");

// --- Japanese

/** Thousand yen → `9兆7147億円` or `3223億円`, rounded to 億円 as the Japanese release does, written as Jiji and NHK write them (no separators). */
export function yenJa(jpyThousand: number): string {
  const oku = Math.round(Math.abs(jpyThousand) / 100_000);
  const cho = Math.floor(oku / 10_000);
  const rest = oku % 10_000;
  if (cho === 0) return `${rest}億円`;
  return rest === 0 ? `${cho}兆円` : `${cho}兆${rest}億円`;
}

// --- Tables: signed figures a reporter copies, in one unit per column.

// One formatter per precision: toLocaleString builds a new one on every call, which made a table of 400 cells cost 10 ms.
const FORMATTERS = [0, 1].map((d) => new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));
const grouped = (x: number, decimals: 0 | 1) => FORMATTERS[decimals]!.format(x);
/** Thousand yen → ¥ billion with one decimal, signed: `1,816.9`, `-777.9`. */
export const billionsCell = (jpyThousand: number) => grouped(Math.round(jpyThousand / 100_000) / 10 + 0, 1);
/** Thousand yen → 億円, signed: `18,169`, `-7,779`. */
export const okuCell = (jpyThousand: number) => grouped(Math.sign(jpyThousand) * Math.round(Math.abs(jpyThousand) / 100_000) + 0, 0);
/** A percentage or points, signed: `+8.8`, `-2.4`, `0.0`. */
export const signedCell = (value: number) => `${value > 0 ? "+" : ""}${value.toFixed(1)}`;
export const pctJa = (value: number) => `${Math.abs(value).toFixed(1)}%`;
export const monthJa = (period: string, storyMonth?: string) =>
  storyMonth && storyMonth.slice(0, 4) === period.slice(0, 4) ? `${Number(period.slice(5, 7))}月` : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;

const PARTNERS_JA: Record<string, string> = {
  "304": "米国", "105": "中国", "108": "香港", "106": "台湾", "103": "韓国", "112": "シンガポール", "110": "ベトナム", "111": "タイ",
  "113": "マレーシア", "118": "インドネシア", "117": "フィリピン", "123": "インド", "205": "英国", "213": "ドイツ", "210": "フランス",
  "207": "オランダ", "220": "イタリア", "224": "ロシア", "147": "アラブ首長国連邦", "137": "サウジアラビア", "601": "オーストラリア",
  "302": "カナダ", "305": "メキシコ", "410": "ブラジル", "203": "スウェーデン", "606": "ニュージーランド", "215": "スイス", "218": "スペイン",
  "206": "アイルランド", "208": "ベルギー", "138": "クウェート", "140": "カタール", "141": "オマーン", "133": "イラン", "551": "南アフリカ", "409": "チリ", "area:asia": "アジア", "area:western_europe": "西欧", "area:middle_east": "中東",
  "area:north_america": "北米", "area:central_south_america": "中南米", "area:central_eastern_europe_russia": "中東欧・ロシア等",
  "area:africa": "アフリカ", "area:oceania": "大洋州", "group:eu": "EU", "group:asean": "ASEAN",
};
export const partnerJa = (code: string) => (code === "world" ? "世界" : PARTNERS_JA[code] ?? partnerName(code));
/** The prefix of a bilateral balance as Jiji and NHK write it: 対米, 対中, 対EU. */
export const bilateralJa = (code: string) => ({ "304": "対米", "105": "対中", "group:eu": "対EU", "area:asia": "対アジア" })[code] ?? `対${partnerJa(code)}`;
/** A calendar or fiscal year: `2025年`, `2024年度`. */
export const yearJa = (period: string) => (period.startsWith("FY") ? `${period.slice(2)}年度` : `${period}年`);

/** The Ministry's own Japanese item name (報道発表品目名). */
export const goodsJa = (flow: Flow, code: string) => (principalCommodity(flow, code)?.nameJa ?? code).replace(/^[０-９]．/, "").replace(/[（(](.*)[）)]/, "$1");
