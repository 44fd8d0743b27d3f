// `boeki figures --lang ja`: the same facts in the Ministry's Japanese terms — 前年同月比, 寄与度, 億円, か月連続 —
// with partner and goods names as the Japanese release prints them.

import { goodsJa, monthJa, partnerJa, pctJa, yearJa, yenJa } from "../brief/format.js";
import { isYearPeriod, SECTIONS, type Fact, type Figures } from "../figures/index.js";
import { formatTable } from "./output.js";

const SECTION_TITLES_JA: Record<(typeof SECTIONS)[number], string> = {
  headline: "概況",
  destinations: "地域（国）別",
  commodities: "品目別（世界）",
  commodityByArea: "地域（国）別・品目別",
  streaks: "連続・転換・記録",
  consensus: "市場予想",
  year: "年間（各月の合計）",
};

const FLOWS_JA = { export: "輸出", import: "輸入", balance: "差引" } as const;
const SIGNS_JA: Record<string, string> = { rise: "増加", fall: "減少", surplus: "黒字", deficit: "赤字" };

/** Thousand yen → 9兆7147億円, signed. */
const yenSigned = (jpyThousand: number) => `${jpyThousand < 0 ? "-" : ""}${yenJa(jpyThousand)}`;
const periodJa = (period: string) => (isYearPeriod(period) ? yearJa(period) : monthJa(period));

/** What the figure is, in the Ministry's words; a year compares with the year before (前年比), a month with the same month (前年同月比). */
function what(f: Fact): string {
  const base = isYearPeriod(f.period) ? (f.period.startsWith("FY") ? "前年度比" : "前年比") : "前年同月比";
  const sign = SIGNS_JA[f.detail?.sign ?? ""] ?? "";
  switch (f.metric) {
    case "level": return "金額";
    case "yoy_pct": return base;
    case "yoy_diff": return base.replace(/比$/, "差");
    case "mom_pct": return "前月比";
    case "ytd": return "年初来累計";
    case "ytd_yoy_pct": return "年初来累計の前年同期比";
    case "balance": return "差引（貿易収支）";
    case "balance_change": return `差引の${base.replace(/比$/, "差")}`;
    case "balance_yoy_pct": return `差引の${base}`;
    case "balance_rounded": return "差引（輸出入を億円単位に四捨五入した差、日本語発表）";
    case "share_pct": return "構成比";
    case "contribution_pp": return "寄与度";
    case "streak": return `${sign}の連続`;
    case "first_since": return `${sign}への転換`;
    case "highest_since": return "伸び率の高さ";
    case "lowest_since": return "伸び率の低さ";
    case "balance_change_streak": return `差引の${base.replace(/比$/, "差")}：${f.detail?.sign === "rise" ? "改善" : "悪化"}の連続`;
    case "balance_change_first_since": return `差引の${base.replace(/比$/, "差")}：${f.detail?.sign === "rise" ? "改善" : "悪化"}への転換`;
    case "record_high": return `過去最高${f.detail?.atLeast ? "（保有データの範囲）" : ""}`;
    case "record_month": return `${isYearPeriod(f.period) ? "年" : monthJa(f.period).replace(/^\d+年/, "")}として過去${f.detail?.kind === "lowest" ? "最低" : "最高"}`;
    case "unit_value": return "単価";
    case "unit_value_yoy_pct": return `単価の${base}`;
    case "volume_yoy_pct": return `数量の${base}`;
    case "volume_streak": return `数量：${sign}の連続`;
    case "volume_first_since": return `数量：${sign}への転換`;
    case "balance_sa": return "差引（季節調整値）";
    case "consensus": return `市場予想（${f.detail?.source}）`;
    case "surprise": return `予想との差（${f.detail?.source}）`;
  }
}

function value(f: Fact): string {
  const atLeast = f.detail?.atLeast ? "少なくとも" : "";
  switch (f.unit) {
    case "pct": return `${f.value < 0 ? "-" : f.value > 0 && f.metric !== "share_pct" ? "+" : ""}${pctJa(f.value)}`;
    case "pp": return `${f.value > 0 ? "+" : ""}${f.value.toFixed(1)}ポイント`;
    case "JPY_thousand": return f.metric === "unit_value" ? `${f.value.toFixed(1)}千円` : yenSigned(f.value);
    case "JPY_billion": return yenSigned(f.value * 1e6);
    case "months": return f.metric.endsWith("streak") ? `${atLeast}${f.value}か月連続` : `${atLeast}${f.value}か月ぶり`;
  }
}

/** What the figure compares with: a level, a month's y/y for turns and extremes, a forecast, a quantity. */
function basis(f: Fact): string {
  const b = f.basis!;
  const shown = (() => {
    if (["highest_since", "lowest_since", "first_since"].includes(f.metric)) return f.flow === "balance" ? yenSigned(b.value) : `${b.value.toFixed(1)}%`;
    if (f.metric === "surprise") return f.unit === "pp" ? `${b.value.toFixed(1)}%` : yenSigned(b.value * 1e6);
    if (f.metric === "volume_yoy_pct") return b.value.toLocaleString("en-US");
    if (f.metric === "unit_value_yoy_pct") return `${b.value.toFixed(1)}千円`;
    return yenSigned(b.value);
  })();
  return `${periodJa(b.period)}: ${shown}`;
}

/** Every fact in the Ministry's Japanese terms, grouped by section, a line each. */
export function formatFiguresJa(result: Figures): string {
  const out = [`${periodJa(result.month)}の貿易統計${result.asOf ? `（${result.asOf}時点）` : "（現在の保有データ）"}\n`];
  const byId = new Map(result.facts.map((f) => [f.id, f]));
  for (const section of SECTIONS) {
    const facts = result.sections[section].map((id) => byId.get(id)!);
    if (facts.length === 0) continue;
    out.push(`\n${SECTION_TITLES_JA[section]}\n`);
    out.push(formatTable(facts.map((f) => ({
      区分: FLOWS_JA[f.flow],
      相手国・地域: partnerJa(f.partner),
      品目: f.commodity === "total" || f.flow === "balance" ? "総額" : goodsJa(f.flow, f.commodity),
      指標: what(f),
      値: value(f),
      比較: f.basis ? basis(f) : "",
      公表: `${f.vintage.dataset} ${f.vintage.stage} ${f.vintage.released ?? ""}`.trim(),
    }))));
  }
  return out.join("");
}
