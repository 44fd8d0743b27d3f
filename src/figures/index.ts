// figures(store, query): every figure a wire story about one month's release would print, as facts,
// grouped the way an analyst reads them. The store is read once (a snapshot as of the day asked); the rest is pure.

import type { Flow } from "../domain.js";
import { UsageError } from "../errors.js";
import { consensusFor, CONSENSUS_METRICS, type Consensus } from "../store/consensus.js";
import { parseDate } from "../store/months.js";
import type { Store } from "../store/store.js";
import { addMonths, factId, roundPct, type Fact } from "./fact.js";
import { contributionFact, levelFact, momFact, shareFact, unitValueFacts, yoyFacts, ytdFacts } from "./measures.js";
import { annualFactById, annualHeadlineFacts, isYearPeriod, yearClosedBy } from "./annual.js";
import { balanceOrPrintedFacts, saBalanceFact } from "./printed.js";
import { balanceChangeSequenceFacts, balanceSequenceFacts, recordFacts, volumeSequenceFacts, yoySequenceFacts } from "./sequences.js";
import { loadSnapshot, type SeriesKey, type Snapshot } from "./snapshot.js";

export type { Fact, Metric, Vintage } from "./fact.js";
export { roundPct } from "./fact.js";
export { annualFigures, computeAnnualFigures, isYearPeriod, loadYearSnapshot, yearClosedBy, yearSpan, type YearSpan } from "./annual.js";

export interface FiguresQuery {
  /** `YYYY-MM` */
  month: string;
  /** `YYYY-MM-DD`: the figures as they could be computed that day. */
  asOf?: string;
  /** Only this partner among destinations and commodity-by-area figures. */
  partner?: string;
  /** Only this commodity among commodity figures; by flow where the codes differ (`{ export: "pc:70503", import: "pc:70501" }`). */
  commodity?: string | Partial<Record<Flow, string>>;
  /** Leave out the commodities-by-area section and unit values (a brief does not tell them): a third of the work. */
  headlineOnly?: boolean;
  /** With `headlineOnly`: the partners whose exported goods are still wanted (a brief tells cars to the U.S.). */
  goodsOf?: string[];
}

/** `year`: in a December (March) release, the calendar (fiscal) year it closes, summed from the months. */
export const SECTIONS = ["headline", "destinations", "commodities", "commodityByArea", "streaks", "consensus", "year"] as const;
export type Section = (typeof SECTIONS)[number];

export interface Figures {
  month: string;
  asOf: string | null;
  facts: Fact[];
  /** Fact ids by section, in reading order. */
  sections: Record<Section, string[]>;
}

const FLOWS: Flow[] = ["export", "import"];
const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

export async function figures(store: Store, query: FiguresQuery): Promise<Figures> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(query.month)) throw new UsageError(`--month: expected YYYY-MM, found "${query.month}"`);
  if (query.asOf !== undefined) parseDate(query.asOf, "--as-of");
  const snapshot = await loadSnapshot(store, query.month, query.asOf, undefined, { commoditiesByPartner: !query.headlineOnly });
  return computeFigures(snapshot, query, await consensusFor(store, query.month, query.asOf));
}

/** The pure part: facts from a snapshot and the forecasts on record. */
export function computeFigures(s: Snapshot, query: FiguresQuery, forecasts: Consensus[]): Figures {
  const period = query.month;
  const sections = Object.fromEntries(SECTIONS.map((name) => [name, [] as Fact[]])) as Record<Section, Fact[]>;
  const world = (flow: Flow): SeriesKey => ({ flow, partner: "world", commodity: "total" });

  for (const flow of FLOWS) {
    const key = world(flow);
    sections.headline.push(...[levelFact(s, key, period), ...yoyFacts(s, key, period), momFact(s, key, period), ...ytdFacts(s, key, period)].filter(present));
    // The month before, as a story compares with it ("accelerating from 3.6% in October").
    sections.headline.push(...yoyFacts(s, key, addMonths(period, -1)).filter((f) => f.metric === "yoy_pct"));
    sections.streaks.push(...yoySequenceFacts(s, key, period), ...recordFacts(s, key, period));
  }
  sections.headline.push(...balanceOrPrintedFacts(s, "world", period));
  sections.streaks.push(...balanceSequenceFacts(s, "world", period), ...balanceChangeSequenceFacts(s, "world", period));

  const goodsWanted = (key: SeriesKey) => !query.headlineOnly || (key.flow === "export" && !!query.goodsOf?.includes(key.partner));
  const keys = s.keysAt(period, "value").filter((k) => k.partner === "world" || k.commodity === "total" || goodsWanted(k)).sort((a, b) => `${a.flow}${a.partner}${a.commodity}`.localeCompare(`${b.flow}${b.partner}${b.commodity}`));
  const wanted = (key: SeriesKey) => (!query.partner || key.partner === query.partner || key.partner === "world") && (!query.commodity || key.commodity === (typeof query.commodity === "string" ? query.commodity : query.commodity[key.flow]) || key.commodity === "total");
  for (const key of keys.filter(wanted)) {
    if (key.partner === "world" && key.commodity === "total") continue;
    const total = key.commodity === "total" ? world(key.flow) : { ...key, commodity: "total" };
    const facts = [levelFact(s, key, period), ...yoyFacts(s, key, period), shareFact(s, key, total, period), contributionFact(s, key, total, period)].filter(present);
    if (key.commodity === "total") {
      sections.destinations.push(...facts);
      sections.streaks.push(...yoySequenceFacts(s, key, period));
    } else if (key.partner === "world") {
      sections.commodities.push(...facts, ...(query.headlineOnly ? [] : [momFact(s, key, period), ...unitValueFacts(s, key, period)].filter(present)));
      sections.streaks.push(...yoySequenceFacts(s, key, period));
    } else if (goodsWanted(key)) {
      sections.commodityByArea.push(...facts);
    }
  }
  for (const partner of new Set(keys.filter((k) => k.commodity === "total" && k.partner !== "world" && wanted(k)).map((k) => k.partner))) {
    sections.destinations.push(...balanceOrPrintedFacts(s, partner, period));
    sections.streaks.push(...balanceSequenceFacts(s, partner, period), ...balanceChangeSequenceFacts(s, partner, period));
  }
  const year = yearClosedBy(period);
  if (year) sections.year.push(...annualHeadlineFacts(s, year));

  sections.consensus.push(...surpriseFacts(forecasts, [...sections.headline]));
  const facts = SECTIONS.flatMap((name) => sections[name]);
  return {
    month: period,
    asOf: s.asOf,
    facts,
    sections: Object.fromEntries(SECTIONS.map((name) => [name, sections[name].map((f) => f.id)])) as Record<Section, string[]>,
  };
}

/** Each forecast as a fact, and the surprise against it: actual − forecast, a beat or a miss. */
function surpriseFacts(forecasts: Consensus[], headline: Fact[]): Fact[] {
  const facts: Fact[] = [];
  for (const c of forecasts) {
    const spec = CONSENSUS_METRICS[c.metric];
    const actual = spec.flow === "balance"
      ? headline.find((f) => f.metric === "balance" && f.period === c.period)
      : headline.find((f) => f.metric === "yoy_pct" && f.flow === spec.flow && f.period === c.period);
    const unit = spec.unit === "pct" ? "pct" : "JPY_billion";
    const base = { flow: spec.flow, partner: "world", commodity: "total", period: c.period, unit, basis: null } as const;
    const provenance = { dataset: "consensus", query: `consensus ${c.metric} for ${c.period} from ${c.source}, published ${c.published}`, rows: [] };
    const vintage = { releaseId: 0, dataset: "consensus", stage: "forecast", released: c.published };
    facts.push({ ...base, id: factId("consensus", spec.flow, "world", "total", c.period, c.source), metric: "consensus", value: c.value, vintage, provenance, detail: { source: c.source } });
    if (!actual) continue;
    const actualValue = spec.flow === "balance" ? Math.round(actual.value / 100_000) / 10 : actual.value; // thousand yen → ¥ billion, one decimal
    const surprise = roundPct(actualValue - c.value);
    facts.push({
      ...base, id: factId("surprise", spec.flow, "world", "total", c.period, c.source), metric: "surprise", value: surprise,
      unit: spec.unit === "pct" ? "pp" : "JPY_billion", basis: { period: c.period, value: c.value }, vintage: actual.vintage,
      provenance: { ...provenance, query: `${actual.id} − ${provenance.query}`, rows: actual.provenance.rows },
      detail: { source: c.source, outcome: surprise > 0 ? "beat" : surprise < 0 ? "miss" : "in line" },
    });
  }
  return facts;
}

/**
 * One fact by its id, computed alone from a snapshot: what a claim checker needs, without the few thousand
 * other facts of the month. Undefined when the data do not give it.
 */
export function factById(s: Snapshot, id: string): Fact | undefined {
  const [metric, flow, partner, commodity, period] = id.split("/") as [string, Flow | "balance", string, string, string];
  if (!period) return undefined;
  const key: SeriesKey = { flow: flow as Flow, partner, commodity };
  const total = commodity === "total" ? { flow: flow as Flow, partner: "world", commodity: "total" } : { flow: flow as Flow, partner, commodity: "total" };
  const pick = (facts: Array<Fact | null>) => facts.find((f) => f?.id === id) ?? undefined;
  // A calendar year (`2024`) or a fiscal year (`FY2024`): the sums of its months.
  if (isYearPeriod(period)) return annualFactById(s, id);
  if (flow === "balance") {
    if (["streak", "first_since"].includes(metric)) return pick(balanceSequenceFacts(s, partner, period));
    if (metric.startsWith("balance_change_")) return pick(balanceChangeSequenceFacts(s, partner, period));
    if (metric === "balance_sa") return pick([saBalanceFact(s, partner, period)]);
    return pick(balanceOrPrintedFacts(s, partner, period));
  }
  switch (metric) {
    case "level":
      return pick([levelFact(s, key, period)]);
    case "yoy_pct":
    case "yoy_diff":
      return pick(yoyFacts(s, key, period));
    case "mom_pct":
      return pick([momFact(s, key, period)]);
    case "share_pct":
      return pick([shareFact(s, key, total, period)]);
    case "contribution_pp":
      return pick([contributionFact(s, key, total, period)]);
    case "ytd":
    case "ytd_yoy_pct":
      return pick(ytdFacts(s, key, period));
    case "unit_value":
    case "unit_value_yoy_pct":
    case "volume_yoy_pct":
      return pick(unitValueFacts(s, key, period));
    case "streak":
    case "first_since":
    case "highest_since":
    case "lowest_since":
      return pick(yoySequenceFacts(s, key, period));
    case "record_high":
    case "record_month":
      return pick(recordFacts(s, key, period));
    case "volume_streak":
    case "volume_first_since":
      return pick(volumeSequenceFacts(s, key, period));
    default:
      return undefined;
  }
}
