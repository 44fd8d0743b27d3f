// How `boeki figures` prints facts for a person: one line a fact, grouped by section, numbers in the
// desk's units. `--json` prints the facts themselves.

import { monthEn, monthNameEn, yearEn } from "../brief/format.js";
import { commodityName, partnerName } from "../sources/codes/index.js";
import { isYearPeriod, SECTIONS, type Fact, type Figures } from "../figures/index.js";
import { printTable, yen } from "./output.js";

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

export function printFigures(result: Figures): void {
  console.log(`Figures for ${isYearPeriod(result.month) ? yearEn(result.month) : monthEn(result.month)}${result.asOf ? `, as of ${result.asOf}` : ", as now held"}`);
  const byId = new Map(result.facts.map((f) => [f.id, f]));
  for (const section of SECTIONS) {
    const facts = result.sections[section].map((id) => byId.get(id)!);
    if (facts.length === 0) continue;
    console.log(`\n${SECTION_TITLES[section]}`);
    printTable(
      facts.map((f) => ({
        flow: f.flow,
        partner: partnerName(f.partner),
        commodity: commodityName(f.flow, f.commodity),
        figure: what(f),
        value: formatValue(f),
        basis: f.basis ? `${f.basis.period}: ${formatBasis(f)}` : "",
        release: `${f.vintage.dataset} ${f.vintage.stage} ${f.vintage.released ?? ""}`.trim(),
        note: f.note ?? "",
      })),
    );
  }
}
