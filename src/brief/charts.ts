// The brief's charts, rendered to SVG on the server with ECharts (no browser), and to PNG with resvg for
// places that cannot show SVG. Each has a title and axis names that say what is plotted, in which unit.

import { createRequire } from "node:module";
import type * as ECharts from "echarts";
import type { Fact } from "../figures/index.js";
import { addMonths } from "../figures/fact.js";
import { yoyValue } from "../figures/measures.js";
import type { Snapshot } from "../figures/snapshot.js";
import { goodsEn, partnerEn } from "./format.js";

export interface Chart {
  id: string;
  title: string;
  /** What a reader who cannot see the chart should know. */
  description: string;
  svg: string;
}

const WIDTH = 720;
const HEIGHT = 360;
const FONT = "DejaVu Sans, Arial, sans-serif";

// Loaded on first use, and as ECharts' single-file CommonJS build: its ES modules are hundreds of files,
// which cost a cold CLI start 0.7 s against 0.2 s for the bundle.
const require = createRequire(import.meta.url);
let echarts: typeof ECharts | undefined;

function render(id: string, option: ECharts.EChartsOption, description: string): string {
  echarts ??= require("echarts") as typeof ECharts;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, aria: { enabled: true, label: { description } }, ...option });
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

function yoyChart(s: Snapshot, month: string): Chart {
  const periods = months(month, 24);
  const series = (["export", "import"] as const).map((flow) => ({
    name: flow === "export" ? "Exports" : "Imports",
    type: "line" as const,
    data: periods.map((p) => round1(yoyValue(s, { flow, partner: "world", commodity: "total" }, p))),
  }));
  const title = "Exports and imports, % change on a year earlier";
  const description = `${title}, ${periods[0]} to ${month}. ${series.map((x) => `${x.name} ${x.data.at(-1) ?? "n/a"}% in ${month}`).join("; ")}.`;
  return {
    id: "yoy", title, description,
    svg: render("yoy", {
      title: { text: title, left: "center" },
      legend: { bottom: 0 },
      xAxis: { type: "category", name: "Month", nameLocation: "middle", nameGap: 28, data: periods },
      yAxis: { type: "value", name: "% y/y" },
      series,
    }, description),
  };
}

function balanceChart(s: Snapshot, month: string): Chart {
  const periods = months(month, 24);
  const data = periods.map((p) => {
    const e = s.get({ flow: "export", partner: "world", commodity: "total" }, "value", p);
    const i = s.get({ flow: "import", partner: "world", commodity: "total" }, "value", p);
    return e && i ? round1((e.value - i.value) / 1e6) : null;
  });
  const title = "Trade balance, ¥ billion";
  const description = `${title}, ${periods[0]} to ${month}; ${data.at(-1) ?? "n/a"} in ${month} (positive: surplus).`;
  return {
    id: "balance", title, description,
    svg: render("balance", {
      title: { text: title, left: "center" },
      xAxis: { type: "category", name: "Month", nameLocation: "middle", nameGap: 28, data: periods },
      yAxis: { type: "value", name: "¥ billion" },
      series: [{ type: "bar", name: "Balance", data: data.map((v) => ({ value: v, itemStyle: { color: (v ?? 0) >= 0 ? "#2f6f4f" : "#b0413e" } })) }],
    }, description),
  };
}

function contributionChart(id: string, title: string, facts: Fact[], label: (f: Fact) => string): Chart | null {
  if (facts.length === 0) return null;
  const sorted = [...facts].sort((a, b) => a.value - b.value);
  const description = `${title}: ${sorted.map((f) => `${label(f)} ${f.value}`).join(", ")} percentage points.`;
  return {
    id, title, description,
    svg: render(id, {
      title: { text: title, left: "center" },
      grid: { left: 200 },
      xAxis: { type: "value", name: "percentage points", nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "category", data: sorted.map(label) },
      series: [{ type: "bar", name: "Contribution", data: sorted.map((f) => ({ value: f.value, itemStyle: { color: f.value >= 0 ? "#2f6f4f" : "#b0413e" } })) }],
    }, description),
  };
}

/** Axis labels have a fifth of the width: "Central and Eastern Europe and Russia" → "C. & E. Europe, Russia". */
const shortLabel = (name: string) => name.replace(/^the /, "").replace("Central and Eastern Europe and Russia", "C. & E. Europe, Russia");

const SECTIONS = ["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"];

export function briefCharts(s: Snapshot, month: string, facts: Fact[]): Chart[] {
  const contributions = facts.filter((f) => f.metric === "contribution_pp" && f.flow === "export" && f.period === month);
  const byArea = contributions.filter((f) => f.commodity === "total" && f.partner.startsWith("area:"));
  const bySection = contributions.filter((f) => f.partner === "world" && SECTIONS.includes(f.commodity));
  return [
    yoyChart(s, month),
    balanceChart(s, month),
    contributionChart("destinations", "Contributions to export growth by destination, percentage points", byArea, (f) => shortLabel(partnerEn(f.partner))),
    contributionChart("commodities", "Contributions to export growth by commodity, percentage points", bySection, (f) => goodsEn("export", f.commodity).replace(/^\d\s*/, "")),
  ].filter((c): c is Chart => c !== null);
}

export function chartPng(chart: Chart): Uint8Array {
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  return new Resvg(chart.svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "width", value: WIDTH * 2 } }).render().asPng();
}
