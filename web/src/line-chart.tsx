// A line chart drawn in the browser with ECharts (SVG, only the parts used), with a title and a text alternative.

import { LineChart as Lines } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "preact/hooks";

echarts.use([Lines, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export interface Line {
  name: string;
  /** One value per category; null where the month is not held. */
  values: Array<number | null>;
  dashed?: boolean;
  color: string;
}

export function LineChart({ title, description, categories, lines, unit }: { title: string; description: string; categories: string[]; lines: Line[]; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    chart.current = echarts.init(box.current!, null, { renderer: "svg" });
    const resize = () => chart.current?.resize();
    addEventListener("resize", resize);
    return () => {
      removeEventListener("resize", resize);
      chart.current?.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { description } },
        title: { text: title, left: "center", textStyle: { fontSize: 14, fontWeight: 600 } },
        tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })} ${unit}` : "—") },
        legend: { bottom: 0 },
        grid: { left: 8, right: 16, top: 40, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: categories, axisLabel: { hideOverlap: true } },
        yAxis: { type: "value", name: unit, nameTextStyle: { align: "left" }, scale: true },
        series: lines.map((l) => ({
          name: l.name, type: "line", data: l.values, showSymbol: categories.length <= 36, connectNulls: false,
          lineStyle: { type: l.dashed ? "dashed" : "solid", width: l.dashed ? 1.5 : 2.5, color: l.color }, itemStyle: { color: l.color },
        })),
      },
      { notMerge: true },
    );
  }, [title, description, categories, lines, unit]);

  return <div ref={box} class="line-chart" role="img" aria-label={`${title}. ${description}`} />;
}
