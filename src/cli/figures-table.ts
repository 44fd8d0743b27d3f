// How `boeki figures` prints facts for a person: the main figures in about a screen, or one line a fact grouped by
// section (--all), numbers in the desk's units; and a fact as a flat row for CSV and Parquet.

import { monthEn, monthNameEn, yearEn } from "../brief/format.js";
import { addMonths } from "../domain.js";
import { commodityName, partnerName, PRINCIPAL_COMMODITIES } from "../sources/codes/index.js";
import { isYearPeriod, SECTIONS, type Fact, type Figures } from "../figures/index.js";
import { formatTable, thousands, yen } from "./output.js";

const SECTION_TITLES: Record<(typeof SECTIONS)[number], string> = {
  headline: "Headline",
  destinations: "Destinations (by area and country)",
  commodities: "Commodities (world)",
  commodityByArea: "Commodities by area",
  streaks: "Streaks, turning points and records",
  consensus: "Consensus",
  year: "The year the release closes (sum of its months)",
};


function formatValue(f: Fact): string {
  switch (f.unit) {
    case "pct":
      return `${f.value > 0 && f.metric !== "share_pct" ? "+" : ""}${f.value.toFixed(1)}%`;
    case "pp":
      return `${f.value > 0 ? "+" : ""}${f.value.toFixed(1)} pp`;
    case "JPY_thousand":
      return f.metric === "unit_value" ? `${f.value.toFixed(1)} k¥` : yen(f.value);
    case "JPY_billion":
      return `¥${f.value.toFixed(1)} billion`;
    case "months":
      return `${f.value} months`;
  }
}

function what(f: Fact): string {
  const d = f.detail;
  switch (f.metric) {
    case "streak":
      return `${d?.sign} streak${d?.atLeast ? " (at least)" : ""}`;
    case "first_since":
      return `first ${d?.sign} since ${d?.since ? monthEn(d.since) : "?"}${d?.atLeast ? " (at least; history held starts there)" : ""}`;
    case "balance_change_streak":
      return `balance ${d?.sign === "rise" ? "up" : "down"} on a year earlier, streak${d?.atLeast ? " (at least)" : ""}`;
    case "balance_change_first_since":
      return `balance first ${d?.sign === "rise" ? "up" : "down"} on a year earlier since ${d?.since ? monthEn(d.since) : "?"}`;
    case "highest_since":
    case "lowest_since":
      return `${d?.kind} y/y since ${d?.since ? monthEn(d.since) : "?"}${d?.atLeast ? " (all history held)" : ""}`;
    case "record_high":
      return `record high (history from ${d?.since}${d?.atLeast ? ", short" : ""})`;
    case "record_month":
      return `${d?.kind} ${isYearPeriod(f.period) ? "year" : monthNameEn(f.period)} ${d?.atLeast ? "in the data held" : "on record"} (from ${d?.since?.slice(0, 4)})`;
    case "consensus":
    case "surprise":
      return `${f.metric} (${d?.source})${d?.outcome ? `: ${d.outcome}` : ""}`;
    default:
      return f.metric.replaceAll("_", " ");
  }
}

/** The basis is a level for changes and balances, a percentage for "highest since", a forecast for surprises. */
function formatBasis(f: Fact): string {
  const value = f.basis!.value;
  if (["highest_since", "lowest_since", "first_since"].includes(f.metric)) return f.flow === "balance" ? yen(value) : `${value.toFixed(1)}%`;
  if (f.metric === "surprise") return f.unit === "pp" ? `${value.toFixed(1)}%` : `¥${value.toFixed(1)} billion`;
  if (f.metric === "volume_yoy_pct") return value.toLocaleString("en-US");
  if (f.metric === "unit_value_yoy_pct") return `${value.toFixed(1)} k¥`;
  return yen(value);
}

/** Every fact of the result, grouped by section, a line each: what `--all` (or a filter, or a year) prints. */
export function formatFigures(result: Figures): string {
  const out = [`Figures for ${isYearPeriod(result.month) ? yearEn(result.month) : monthEn(result.month)}${result.asOf ? `, as of ${result.asOf}` : ", as now held"}\n`];
  const byId = new Map(result.facts.map((f) => [f.id, f]));
  for (const section of SECTIONS) {
    const facts = result.sections[section].map((id) => byId.get(id)!);
    if (facts.length === 0) continue;
    out.push(`\n${SECTION_TITLES[section]}\n`);
    out.push(
      formatTable(
        facts.map((f) => ({
          period: f.period,
          flow: f.flow,
          partner: partnerName(f.partner),
          commodity: commodityName(f.flow, f.commodity),
          figure: what(f),
          value: formatValue(f),
          basis: f.basis ? `${f.basis.period}: ${formatBasis(f)}` : "",
          release: release(f),
          note: f.note ?? "",
        })),
      ),
    );
  }
  return out.join("");
}

const release = (f: Fact) => `${f.vintage.dataset} ${f.vintage.stage} ${f.vintage.released ?? ""}`.trim();

/** The partners a wire story names first, in the order the Ministry's press release lists them. */
const MAIN_PARTNERS = ["area:asia", "105", "group:asean", "103", "106", "108", "304", "area:north_america", "group:eu", "area:western_europe", "area:middle_east"];

/**
 * About a screen: the headline (exports, imports, balance, and the month before), the main partners, the Ministry's
 * nine sections of goods and the goods that moved the totals most, and the streaks and records of the totals.
 */
export function formatFiguresSummary(result: Figures): string {
  const m = result.month;
  const facts = result.facts;
  const find = (metric: string, flow: string, partner: string, commodity: string, period = m) =>
    facts.find((f) => f.metric === metric && f.flow === flow && f.partner === partner && f.commodity === commodity && f.period === period);
  const shown = (f: Fact | undefined) => (f ? formatValue(f) : "");
  const out = [`Japan's trade in ${monthEn(m)}${result.asOf ? `, as of ${result.asOf}` : ", as now held"}: the main figures\n`];

  const headline = [];
  const notes: string[] = [];
  for (const period of [m, addMonths(m, -1)]) {
    for (const flow of ["export", "import"] as const) {
      const level = find("level", flow, "world", "total", period);
      const yoy = find("yoy_pct", flow, "world", "total", period);
      if (!level && !yoy) continue;
      headline.push({
        period, flow: `${flow}s`, value: shown(level), "y/y": shown(yoy), "m/m": shown(find("mom_pct", flow, "world", "total", period)),
        "year to date": shown(find("ytd", flow, "world", "total", period)), "ytd y/y": shown(find("ytd_yoy_pct", flow, "world", "total", period)),
        release: level ? release(level) : yoy ? release(yoy) : "",
      });
      for (const f of [level, yoy]) if (f?.note) notes.push(`${period} ${flow}s ${what(f)}: ${f.note}`);
    }
    const balance = find("balance", "balance", "world", "total", period);
    if (balance) {
      const change = find("balance_change", "balance", "world", "total", period);
      headline.push({ period, flow: "balance", value: shown(balance), "y/y": change ? `${change.value > 0 ? "+" : ""}${formatValue(change)}` : "", "m/m": "", "year to date": "", "ytd y/y": "", release: release(balance) });
    }
  }
  out.push("\nHeadline (world)\n", formatTable(headline), ...notes.map((n) => `  note: ${n}\n`));

  const partners = MAIN_PARTNERS.filter((p) => find("level", "export", p, "total") || find("level", "import", p, "total")).map((p) => ({
    period: m, partner: partnerName(p),
    exports: shown(find("level", "export", p, "total")), "exports y/y": shown(find("yoy_pct", "export", p, "total")), contribution: shown(find("contribution_pp", "export", p, "total")),
    imports: shown(find("level", "import", p, "total")), "imports y/y": shown(find("yoy_pct", "import", p, "total")), balance: shown(find("balance", "balance", p, "total")),
  }));
  if (partners.length) out.push("\nMain partners (contribution: to the world's exports y/y)\n", formatTable(partners));

  const sections = PRINCIPAL_COMMODITIES.filter((c) => c.flow === "export" && c.parent === "total").map((c) => c.code);
  const goods = sections.filter((c) => find("level", "export", "world", c) || find("level", "import", "world", c)).map((c) => ({
    period: m, goods: commodityName("export", c),
    exports: shown(find("level", "export", "world", c)), "exports y/y": shown(find("yoy_pct", "export", "world", c)), "exp. contribution": shown(find("contribution_pp", "export", "world", c)),
    imports: shown(find("level", "import", "world", c)), "imports y/y": shown(find("yoy_pct", "import", "world", c)), "imp. contribution": shown(find("contribution_pp", "import", "world", c)),
  }));
  if (goods.length) out.push("\nGoods: the Ministry's nine sections (world)\n", formatTable(goods));

  const movers = (["export", "import"] as const).flatMap((flow) =>
    facts
      .filter((f) => f.metric === "contribution_pp" && f.flow === flow && f.partner === "world" && f.period === m && f.commodity !== "total" && !sections.includes(f.commodity))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
      .slice(0, 3)
      .map((f) => ({ period: m, flow: `${flow}s`, goods: commodityName(flow, f.commodity), value: shown(find("level", flow, "world", f.commodity)), "y/y": shown(find("yoy_pct", flow, "world", f.commodity)), contribution: formatValue(f) })),
  );
  if (movers.length) out.push("\nGoods that moved the totals most\n", formatTable(movers));

  const byId = new Map(facts.map((f) => [f.id, f]));
  const streaks = result.sections.streaks.map((id) => byId.get(id)!).filter((f) => f.partner === "world" && f.commodity === "total");
  if (streaks.length) out.push("\nStreaks and records (world totals)\n", formatTable(streaks.map((f) => ({ period: f.period, flow: f.flow, figure: what(f), value: formatValue(f), basis: f.basis ? `${f.basis.period}: ${formatBasis(f)}` : "" }))));
  const consensus = result.sections.consensus.map((id) => byId.get(id)!);
  if (consensus.length) out.push("\nConsensus\n", formatTable(consensus.map((f) => ({ period: f.period, flow: f.flow, figure: what(f), value: formatValue(f), basis: f.basis ? `${f.basis.period}: ${formatBasis(f)}` : "" }))));
  out.push(`\n${thousands(facts.length)} figures in all: --all prints every one; --section, --partner and --commodity choose some; --format csv|json|parquet writes them.\n`);
  return out.join("");
}

/** A fact as one flat row, for CSV and Parquet: its keys, value, basis, release and note. */
export function factRow(f: Fact): Record<string, unknown> {
  return {
    id: f.id, period: f.period, metric: f.metric, flow: f.flow, partner: f.partner, commodity: f.commodity, value: f.value, unit: f.unit,
    basis_period: f.basis?.period ?? null, basis_value: f.basis?.value ?? null, dataset: f.vintage.dataset, stage: f.vintage.stage,
    released: f.vintage.released, release_id: f.vintage.releaseId, published: f.published ?? null, computed: f.computed ?? null, note: f.note ?? null,
  };
}

export const FACT_COLUMNS = ["id", "period", "metric", "flow", "partner", "commodity", "value", "unit", "basis_period", "basis_value", "dataset", "stage", "released", "release_id", "published", "computed", "note"];
