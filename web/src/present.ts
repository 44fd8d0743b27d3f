// How the page names and prints a fact: the desk's names for partners and goods and its way with yen and
// percentages, taken from the brief's own formatting (src/brief/format.ts) so the page and the story agree.

import { goodsEn, goodsJa, partnerEn, partnerJa, yenEn, yenJa } from "../../src/brief/format.js";
import type { Fact } from "./api.js";
import type { Lang } from "./i18n.js";

const METRICS: Record<string, [en: string, ja: string]> = {
  level: ["value", "金額"],
  yoy_pct: ["change on a year earlier", "前年同月比"],
  yoy_diff: ["change on a year earlier, in yen", "前年同月差"],
  mom_pct: ["change on the month before", "前月比"],
  ytd: ["year to date", "年初来累計"],
  ytd_yoy_pct: ["year to date, change on a year earlier", "年初来累計の前年比"],
  balance: ["balance", "収支"],
  balance_change: ["change in the balance on a year earlier", "収支の前年同月差"],
  balance_yoy_pct: ["balance, % change on a year earlier", "収支の前年同月比"],
  share_pct: ["share", "構成比"],
  contribution_pp: ["contribution to growth", "寄与度"],
  streak: ["months in a row", "連続月数"],
  first_since: ["first since", "以来初"],
  highest_since: ["highest growth since", "以来の高い伸び"],
  lowest_since: ["lowest growth since", "以来の低い伸び"],
  record_high: ["record high", "過去最高"],
  record_month: ["record for the calendar month", "同月として過去最高"],
  unit_value: ["unit value", "単価"],
  unit_value_yoy_pct: ["unit value, change on a year earlier", "単価の前年同月比"],
  volume_yoy_pct: ["volume, change on a year earlier", "数量の前年同月比"],
  consensus: ["forecast", "市場予想"],
  surprise: ["surprise against the forecast", "予想との差"],
};

const FLOWS: Record<string, [string, string]> = { export: ["Exports", "輸出"], import: ["Imports", "輸入"], balance: ["Trade balance", "貿易収支"] };

export const partnerLabel = (code: string, lang: Lang) => (lang === "ja" ? partnerJa(code) : partnerEn(code).replace(/^the /, ""));
export const goodsLabel = (flow: string, code: string, lang: Lang) =>
  flow === "balance" || code === "total" ? "" : lang === "ja" ? goodsJa(flow as "export", code) : goodsEn(flow as "export", code);

/** "Exports · United States · cars", "輸出・米国・自動車". */
export function subject(fact: Pick<Fact, "flow" | "partner" | "commodity">, lang: Lang): string {
  const i = lang === "ja" ? 1 : 0;
  const parts = [FLOWS[fact.flow]?.[i] ?? fact.flow, fact.partner === "world" ? "" : partnerLabel(fact.partner, lang), goodsLabel(fact.flow, fact.commodity, lang)];
  return parts.filter(Boolean).join(lang === "ja" ? "・" : " · ");
}

export const metricLabel = (metric: string, lang: Lang) => METRICS[metric]?.[lang === "ja" ? 1 : 0] ?? metric;

const signed = (x: number, digits = 1) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(digits)}`;

/** Thousand yen in the desk's style, with a sign when negative. */
export const yen = (jpyThousand: number, lang: Lang) => `${jpyThousand < 0 ? "−" : ""}${lang === "ja" ? yenJa(jpyThousand) : yenEn(jpyThousand)}`;

/** A fact's value as a reporter would print it: +6.1%, ¥9.71 trillion, 5 months, +1.3 pt. */
export function valueText(value: number, unit: string, lang: Lang): string {
  switch (unit) {
    case "pct":
      return `${signed(value)}%`;
    case "pp":
      return `${signed(value)} ${lang === "ja" ? "ポイント" : "pt"}`;
    case "JPY_thousand":
      return yen(value, lang);
    case "JPY_billion":
      return lang === "ja" ? `${value < 0 ? "−" : ""}${Math.round(Math.abs(value) * 10).toLocaleString("en-US")}億円` : `${value < 0 ? "−" : ""}¥${Math.abs(value).toFixed(1)} billion`;
    case "months":
      return lang === "ja" ? `${value}か月` : `${value} months`;
    default:
      return `${value} ${unit}`;
  }
}

export const factValue = (fact: Fact, lang: Lang) => valueText(fact.value, fact.unit, lang);

/** The Ministry's names for release stages (速報, 確速, 確報, 確々報). */
const STAGES_JA: Record<string, string> = {
  first_10_days: "上旬速報", first_20_days: "中旬速報", provisional: "速報", detailed: "確速", revised: "確報", fixed: "確々報", unknown: "不明", forecast: "予想",
};
export const stageText = (stage: string, lang: Lang) => (lang === "ja" ? STAGES_JA[stage] ?? stage : stage.replace(/_/g, " "));

/** The release a fact comes from, in one line. */
export function releaseText(v: { releaseId: number; dataset: string; stage: string; released: string | null }, lang: Lang): string {
  const day = v.released ? (lang === "ja" ? `${v.released} 公表` : `released ${v.released}`) : lang === "ja" ? "公表日不明" : "release date unknown";
  return `${v.dataset}, ${stageText(v.stage, lang)}, ${day} (#${v.releaseId})`;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** `2025-11` → `Nov 2025` / `2025年11月`. */
export const monthText = (period: string, lang: Lang) =>
  lang === "ja" ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月` : `${MONTHS_EN[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
