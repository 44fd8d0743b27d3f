// What a release's story says, chosen from its facts the way a wire desk files it: the headline move and what
// makes it news, the forecast, the month before as revised, imports, the balance and its run; the United States
// and China always (exports, the goods that moved them, imports, the bilateral balance); other markets when they
// moved; the goods that contributed most; in December (March) what the calendar (fiscal) year did. Both languages
// are written from one Story, so they cannot disagree.

import type { Flow } from "../domain.js";
import { addMonths } from "../figures/fact.js";
import { yearClosedBy, type Fact, type Figures } from "../figures/index.js";
import { principalCommodity } from "../sources/codes/index.js";

export interface Mover {
  yoy: Fact;
  level?: Fact;
  contribution?: Fact;
  /** The turning point or streak that makes it news ("the first rise since March"). */
  turn?: Fact;
  score: number;
}

/** A partner's balance: the level (English release), as the Japanese release prints it, its change and run. */
export interface BalanceStory {
  level: Fact;
  /** Exports and imports rounded to 億円, then subtracted: what the Japanese release prints. */
  rounded?: Fact;
  change?: Fact;
  yoy?: Fact;
  /** The balance's own run: "the fifth straight deficit", "the first surplus in five months". */
  highlight?: Fact;
  /** The run of its change on a year earlier: "the surplus grew for the first time in seven months". */
  changeTurn?: Fact;
}

/** A trading partner told in a paragraph of its own: the United States and China, every month. */
export interface PartnerStory {
  partner: string;
  exports?: { level: Fact; yoy: Fact; turn?: Fact };
  imports?: { level: Fact; yoy: Fact; turn?: Fact };
  balance?: BalanceStory;
  /** Goods shipped to the partner that a desk names: cars to the U.S., and what moved the total most. */
  goods: Mover[];
}

export interface YearStory {
  /** `2025` or `FY2024`. */
  period: string;
  exports: { level: Fact; yoy?: Fact; record?: Fact };
  imports?: { level: Fact; yoy?: Fact; record?: Fact };
  balance?: BalanceStory;
}

export interface Story {
  month: string;
  asOf: string | null;
  exports: { level: Fact; yoy: Fact; highlight?: Fact; record?: Fact };
  forecasts: Array<{ forecast: Fact; surprise: Fact }>;
  previous?: Fact;
  imports?: { level: Fact; yoy: Fact; highlight?: Fact };
  balance?: BalanceStory;
  /** The United States and China, in that order, when held. */
  partners: PartnerStory[];
  /** Other destinations that moved: areas, blocs and countries. */
  destinations: Mover[];
  exportGoods: Mover[];
  importGoods: Mover[];
  /** In a December (March) release: the calendar (fiscal) year it closes. */
  year?: YearStory;
}

/** Partners with a paragraph of their own every month. */
export const STORY_PARTNERS = ["304", "105"];
/** Markets a desk reports whenever they move (the bonus of news value they get). */
const MAJOR_AREAS = new Set(["area:asia", "group:eu", "area:western_europe", "area:middle_east"]);
/** Overlapping aggregates: once one of a pair is told, the other adds little. */
const OVERLAPS: Array<[string, string]> = [["group:eu", "area:western_europe"], ["area:north_america", "304"]];
/** Goods to a partner a desk names whatever they did: cars to the United States. */
const STANDARD_PARTNER_GOODS: Record<string, string[]> = { "304": ["pc:70503"] };

const HIGHLIGHTS: Record<string, number> = { record_month: 4, first_since: 3, highest_since: 2, lowest_since: 2, streak: 1 };

/** The sequence facts of each series (`flow/partner/commodity`), read once: a story asks for hundreds of series. */
type Sequences = Map<string, Fact[]>;
function bySeries(facts: Fact[]): Sequences {
  const index: Sequences = new Map();
  for (const f of facts) {
    const key = `${f.flow}/${f.partner}/${f.commodity}`;
    index.set(key, [...(index.get(key) ?? []), f]);
  }
  return index;
}

/** The most newsworthy of a series' sequence facts: a turn beats a streak; longer spans beat shorter. */
function highlight(sequences: Sequences, flow: string, partner: string, commodity: string, minimumMonths = 3): Fact | undefined {
  return (sequences.get(`${flow}/${partner}/${commodity}`) ?? [])
    .filter((f) => f.metric in HIGHLIGHTS)
    // A turn is news unless the history held is too short to say more than "the first in at least two months".
    .filter((f) => f.metric === "record_month" ? !f.detail?.atLeast : f.metric === "first_since" ? !f.detail?.atLeast || f.value >= 3 : f.value >= minimumMonths)
    .sort((a, b) => HIGHLIGHTS[b.metric]! - HIGHLIGHTS[a.metric]! || b.value - a.value)[0];
}

/** Goods under the nine sections, which is where the news is ("chip-making equipment", not "machinery"), but not their bracketed sub-items ("(CAR)"), which would tell the same move twice. */
export function isItem(f: Pick<Fact, "flow" | "commodity">): boolean {
  const item = principalCommodity(f.flow as Flow, f.commodity);
  return !!item && item.parent !== "total" && item.parent !== null && !/^\d\+\d$/.test(item.parent.slice(3)) && !/^[(（]/.test(item.nameJa);
}

export function selectStory(result: Figures): Story | null {
  const month = result.month;
  const facts = result.facts;
  const byId = new Map(facts.map((f) => [f.id, f]));
  const one = (id: string) => byId.get(id);
  const at = (metric: string, flow: string, partner: string, commodity: string, period = month) => one(`${metric}/${flow}/${partner}/${commodity}/${period}`);
  const streakIds = new Set(result.sections.streaks);
  const sequenceFacts = facts.filter((f) => streakIds.has(f.id));
  const sequences = bySeries(sequenceFacts);

  const exportsLevel = at("level", "export", "world", "total");
  const exportsYoy = at("yoy_pct", "export", "world", "total");
  if (!exportsLevel || !exportsYoy) return null;
  const record = sequenceFacts.find((f) => f.metric === "record_month" && f.flow === "export" && f.partner === "world" && !f.detail?.atLeast && f.detail?.kind === "highest");
  const balanceOf = (partner: string, period = month): BalanceStory | undefined => {
    const level = at("balance", "balance", partner, "total", period);
    if (!level) return undefined;
    return {
      level,
      rounded: at("balance_rounded", "balance", partner, "total", period),
      change: at("balance_change", "balance", partner, "total", period),
      yoy: at("balance_yoy_pct", "balance", partner, "total", period),
      highlight: highlight(sequences, "balance", partner, "total", 2),
      changeTurn: at("balance_change_first_since", "balance", partner, "total", period),
    };
  };
  const story: Story = {
    month,
    asOf: result.asOf,
    exports: { level: exportsLevel, yoy: exportsYoy, highlight: highlight(sequences, "export", "world", "total", 4), record },
    forecasts: facts
      .filter((f) => f.metric === "surprise")
      .map((surprise) => ({ surprise, forecast: one(surprise.id.replace(/^surprise/, "consensus"))! })),
    previous: at("yoy_pct", "export", "world", "total", addMonths(month, -1)),
    balance: balanceOf("world"),
    partners: [],
    destinations: [],
    exportGoods: [],
    importGoods: [],
  };
  const importsLevel = at("level", "import", "world", "total");
  const importsYoy = at("yoy_pct", "import", "world", "total");
  if (importsLevel && importsYoy) story.imports = { level: importsLevel, yoy: importsYoy, highlight: highlight(sequences, "import", "world", "total", 6) };

  const movers = (flow: string, partnerOf: (f: Fact) => boolean, commodityOf: (f: Fact) => boolean, bonus: (f: Fact) => number): Mover[] =>
    facts
      .filter((f) => f.metric === "yoy_pct" && f.period === month && f.flow === flow && partnerOf(f) && commodityOf(f))
      .map((yoy) => {
        const contribution = at("contribution_pp", flow, yoy.partner, yoy.commodity);
        // "Jumped 28%, the slowest growth in three months" is true and no news: an extreme against the grain of a big move is left out.
        const found = highlight(sequences, flow, yoy.partner, yoy.commodity);
        const againstTheGrain = found && Math.abs(yoy.value) >= 20 && ((found.metric === "lowest_since" && yoy.value > 0) || (found.metric === "highest_since" && yoy.value < 0));
        const turn = againstTheGrain ? undefined : found;
        // A turn or a big swing matters in proportion to the size of the market or good: 5% of the total counts fully.
        const size = Math.min(1, (at("share_pct", flow, yoy.partner, yoy.commodity)?.value ?? 0) / 5);
        const score = Math.abs(contribution?.value ?? 0) * 2 + size * ((found?.metric === "first_since" ? 3 : found ? 0.5 : 0) + Math.min(Math.abs(yoy.value), 30) / 30) + bonus(yoy);
        return { yoy, level: at("level", flow, yoy.partner, yoy.commodity), contribution, turn, score };
      })
      .sort((a, b) => b.score - a.score);

  for (const partner of STORY_PARTNERS) {
    const side = (flow: "export" | "import") => {
      const [level, yoy] = [at("level", flow, partner, "total"), at("yoy_pct", flow, partner, "total")];
      return level && yoy ? { level, yoy, turn: highlight(sequences, flow, partner, "total") } : undefined;
    };
    const told: PartnerStory = { partner, exports: side("export"), imports: side("import"), balance: balanceOf(partner), goods: [] };
    if (!told.exports) continue;
    // Goods to the partner, from the press release's tables by area where it prints them: the standard ones, then
    // the item that moved the partner's total most, if it moved it by half a point or more.
    const goods = movers("export", (f) => f.partner === partner, isItem, (f) => (STANDARD_PARTNER_GOODS[partner]?.includes(f.commodity) ? 100 : 0));
    told.goods = [
      ...goods.filter((g) => STANDARD_PARTNER_GOODS[partner]?.includes(g.yoy.commodity)),
      ...goods.filter((g) => !STANDARD_PARTNER_GOODS[partner]?.includes(g.yoy.commodity) && Math.abs(g.contribution?.value ?? 0) >= 0.5).slice(0, 1),
    ];
    story.partners.push(told);
  }

  // Other destinations, when they moved: the big areas get a bonus, any market a turn or a swing that counts.
  const partnersTold = story.partners.map((p) => p.partner);
  const destinations = movers("export", (f) => f.partner !== "world" && !partnersTold.includes(f.partner), (f) => f.commodity === "total", (f) => (MAJOR_AREAS.has(f.partner) ? 1.5 : 0));
  for (const mover of destinations) {
    if (story.destinations.length >= 3 || mover.score < 1) break;
    const told = [...partnersTold, ...story.destinations.map((m) => m.yoy.partner)];
    if (OVERLAPS.some(([a, b]) => (mover.yoy.partner === a && told.includes(b)) || (mover.yoy.partner === b && told.includes(a)))) continue;
    story.destinations.push(mover);
  }
  story.exportGoods = movers("export", (f) => f.partner === "world", isItem, () => 0).slice(0, 3);
  story.importGoods = movers("import", (f) => f.partner === "world", isItem, () => 0).slice(0, 2).filter((m, i) => i === 0 || Math.abs(m.contribution?.value ?? 0) >= 0.5);

  const year = yearClosedBy(month);
  const yearExports = year ? at("level", "export", "world", "total", year) : undefined;
  if (year && yearExports) {
    const side = (flow: Flow) => {
      const level = at("level", flow, "world", "total", year);
      return level ? { level, yoy: at("yoy_pct", flow, "world", "total", year), record: at("record_high", flow, "world", "total", year) } : undefined;
    };
    story.year = { period: year, exports: side("export")!, imports: side("import"), balance: balanceOf("world", year) };
    if (story.year.balance) story.year.balance.highlight = story.year.balance.changeTurn = undefined;
  }
  return story;
}
