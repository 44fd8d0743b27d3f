// The brief's charts, rendered to SVG on the server with ECharts (no browser), and to PNG with resvg for
// places that cannot show SVG. Each has a title and axis names that say what is plotted, in which unit.

import { readdirSync, type Dirent } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import type * as ECharts from "echarts";
import type { Fact } from "../figures/index.js";
import { addMonths } from "../figures/fact.js";
import { yoyValue } from "../figures/measures.js";
import type { Snapshot } from "../figures/snapshot.js";
import { goodsEn, goodsJa, partnerEn, partnerJa } from "./format.js";

export interface Chart {
  id: string;
  lang: "en" | "ja";
  title: string;
  /** What a reader who cannot see the chart should know. */
  description: string;
  svg: string;
}

const WIDTH = 720;
const HEIGHT = 360;
const FONT = "DejaVu Sans, Arial, sans-serif";
/** Japanese text needs a font with its glyphs: the usual ones on Linux, macOS and Windows, in order. */
const FONT_JA = "IPAGothic, IPAexGothic, Noto Sans CJK JP, Source Han Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif";

type Lang = "en" | "ja";
/** Each chart's words in each language. */
const WORDS = {
  en: {
    yoyTitle: "Exports and imports, % change on a year earlier", exports: "Exports", imports: "Imports", month: "Month", yoyAxis: "% y/y",
    balanceTitle: "Trade balance, ¥ billion", balanceAxis: "¥ billion", balance: "Balance", surplusNote: "positive: surplus",
    destinationsTitle: "Contributions to export growth by destination, percentage points", commoditiesTitle: "Contributions to export growth by commodity, percentage points",
    points: "percentage points", contribution: "Contribution",
  },
  ja: {
    yoyTitle: "輸出・輸入の前年同月比（%）", exports: "輸出", imports: "輸入", month: "月", yoyAxis: "前年同月比（%）",
    balanceTitle: "貿易収支（億円）", balanceAxis: "億円", balance: "貿易収支", surplusNote: "プラスは黒字",
    destinationsTitle: "輸出の増減への地域別寄与度（ポイント）", commoditiesTitle: "輸出の増減への品目別寄与度（ポイント）",
    points: "ポイント", contribution: "寄与度",
  },
} as const;

// Loaded on first use, and as ECharts' single-file CommonJS build: its ES modules are hundreds of files,
// which cost a cold CLI start 0.7 s against 0.2 s for the bundle.
const require = createRequire(import.meta.url);
let echarts: typeof ECharts | undefined;

function render(id: string, option: ECharts.EChartsOption, description: string, lang: Lang = "en"): string {
  echarts ??= require("echarts") as typeof ECharts;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({ animation: false, textStyle: { fontFamily: lang === "ja" ? FONT_JA : FONT }, aria: { enabled: true, label: { description } }, ...option });
  // ECharts names its CSS classes after a per-process counter (zr7-cls-3): name them after the chart instead,
  // so that the SVG is the same in every run and two charts in one page cannot share a class.
  const names = new Map<string, string>();
  const svg = chart.renderToSVGString().replace(/zr\d+-[a-z]+-?\d*/g, (name) => {
    if (!names.has(name)) names.set(name, `boeki-${id}-${names.size}`);
    return names.get(name)!;
  });
  chart.dispose();
  return svg;
}

const months = (month: string, count: number) => Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function yoyChart(s: Snapshot, month: string, lang: Lang): Chart {
  const w = WORDS[lang];
  const periods = months(month, 24);
  const series = (["export", "import"] as const).map((flow) => ({
    name: flow === "export" ? w.exports : w.imports,
    type: "line" as const,
    data: periods.map((p) => round1(yoyValue(s, { flow, partner: "world", commodity: "total" }, p))),
  }));
  const title = w.yoyTitle;
  const description = lang === "ja"
    ? `${title}、${periods[0]}〜${month}。${month}は${series.map((x) => `${x.name}${x.data.at(-1) ?? "不明"}%`).join("、")}。`
    : `${title}, ${periods[0]} to ${month}. ${series.map((x) => `${x.name} ${x.data.at(-1) ?? "n/a"}% in ${month}`).join("; ")}.`;
  return {
    id: "yoy", lang, title, description,
    svg: render("yoy", {
      title: { text: title, left: "center" },
      legend: { bottom: 0 },
      xAxis: { type: "category", name: w.month, nameLocation: "middle", nameGap: 28, data: periods },
      yAxis: { type: "value", name: w.yoyAxis },
      series,
    }, description, lang),
  };
}

function balanceChart(s: Snapshot, month: string, lang: Lang): Chart {
  const w = WORDS[lang];
  const periods = months(month, 24);
  // ¥ billion in English, 億円 (¥100 million) in Japanese, as each desk prints the balance.
  const perUnit = lang === "ja" ? 1e5 : 1e6;
  const data = periods.map((p) => {
    const e = s.get({ flow: "export", partner: "world", commodity: "total" }, "value", p);
    const i = s.get({ flow: "import", partner: "world", commodity: "total" }, "value", p);
    return e && i ? (lang === "ja" ? Math.round((e.value - i.value) / perUnit) : round1((e.value - i.value) / perUnit)) : null;
  });
  const title = w.balanceTitle;
  const description = lang === "ja"
    ? `${title}、${periods[0]}〜${month}。${month}は${data.at(-1) ?? "不明"}（${w.surplusNote}）。`
    : `${title}, ${periods[0]} to ${month}; ${data.at(-1) ?? "n/a"} in ${month} (${w.surplusNote}).`;
  return {
    id: "balance", lang, title, description,
    svg: render("balance", {
      title: { text: title, left: "center" },
      xAxis: { type: "category", name: w.month, nameLocation: "middle", nameGap: 28, data: periods },
      yAxis: { type: "value", name: w.balanceAxis },
      series: [{ type: "bar", name: w.balance, data: data.map((v) => ({ value: v, itemStyle: { color: (v ?? 0) >= 0 ? "#2f6f4f" : "#b0413e" } })) }],
    }, description, lang),
  };
}

function contributionChart(id: string, title: string, facts: Fact[], label: (f: Fact) => string, lang: Lang): Chart | null {
  if (facts.length === 0) return null;
  const w = WORDS[lang];
  const sorted = [...facts].sort((a, b) => a.value - b.value);
  const description = lang === "ja"
    ? `${title}：${sorted.map((f) => `${label(f)} ${f.value}`).join("、")}。`
    : `${title}: ${sorted.map((f) => `${label(f)} ${f.value}`).join(", ")} percentage points.`;
  return {
    id, lang, title, description,
    svg: render(id, {
      title: { text: title, left: "center" },
      grid: { left: lang === "ja" ? 150 : 200 },
      xAxis: { type: "value", name: w.points, nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "category", data: sorted.map(label) },
      series: [{ type: "bar", name: w.contribution, data: sorted.map((f) => ({ value: f.value, itemStyle: { color: f.value >= 0 ? "#2f6f4f" : "#b0413e" } })) }],
    }, description, lang),
  };
}

/** Axis labels have a fifth of the width: "Central and Eastern Europe and Russia" → "C. & E. Europe, Russia". */
const shortLabel = (name: string) => name.replace(/^the /, "").replace("Central and Eastern Europe and Russia", "C. & E. Europe, Russia");

const SECTIONS = ["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"];

export function briefCharts(s: Snapshot, month: string, facts: Fact[], lang: Lang = "en"): Chart[] {
  const w = WORDS[lang];
  const contributions = facts.filter((f) => f.metric === "contribution_pp" && f.flow === "export" && f.period === month);
  const byArea = contributions.filter((f) => f.commodity === "total" && f.partner.startsWith("area:"));
  const bySection = contributions.filter((f) => f.partner === "world" && SECTIONS.includes(f.commodity));
  const area = (f: Fact) => (lang === "ja" ? partnerJa(f.partner) : shortLabel(partnerEn(f.partner)));
  const goods = (f: Fact) => (lang === "ja" ? goodsJa("export", f.commodity) : goodsEn("export", f.commodity).replace(/^\d\s*/, ""));
  return [
    yoyChart(s, month, lang),
    balanceChart(s, month, lang),
    contributionChart("destinations", w.destinationsTitle, byArea, area, lang),
    contributionChart("commodities", w.commoditiesTitle, bySection, goods, lang),
  ].filter((c): c is Chart => c !== null);
}

/** Where the Japanese glyphs come from: the first font file of a known Japanese family on this machine, if any. */
let japaneseFontFile: string | null | undefined;
const JAPANESE_FONT = /^(ipag|ipaexg|NotoSansCJK|NotoSansJP|SourceHanSans|Hiragino|YuGoth|meiryo|msgothic|TakaoP?Gothic|VL-P?Gothic)/i;

export function japaneseFont(): string | null {
  if (japaneseFontFile !== undefined) return japaneseFontFile;
  const dirs = ["/usr/share/fonts", "/usr/local/share/fonts", path.join(homedir(), ".fonts"), path.join(homedir(), ".local", "share", "fonts"), "/System/Library/Fonts", "/Library/Fonts", "C:\\Windows\\Fonts"];
  const find = (dir: string, depth: number): string | null => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    for (const e of entries) if (e.isFile() && JAPANESE_FONT.test(e.name) && /\.(ttf|otf|ttc)$/i.test(e.name)) return path.join(dir, e.name);
    for (const e of entries) {
      const found = e.isDirectory() && depth > 0 ? find(path.join(dir, e.name), depth - 1) : null;
      if (found) return found;
    }
    return null;
  };
  japaneseFontFile = dirs.map((d) => find(d, 3)).find((f) => f) ?? null;
  return japaneseFontFile;
}

/** The chart as PNG (twice the width, for print). A Japanese chart needs a Japanese font: without one its text would be boxes, so it is refused. */
export function chartPng(chart: Chart): Uint8Array {
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const font = chart.lang === "ja" ? japaneseFont() : null;
  if (chart.lang === "ja" && !font) {
    throw new Error("no Japanese font found for the PNG of a Japanese chart (its text would show as boxes): install one, e.g. Debian's fonts-ipafont-gothic or fonts-noto-cjk; the SVG is unaffected");
  }
  return new Resvg(chart.svg, {
    font: { loadSystemFonts: true, ...(font ? { fontFiles: [font] } : {}), defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "width", value: WIDTH * 2 },
  }).render().asPng();
}
