// What a release's story says, chosen from its facts by news value: the headline move and what makes it
// news, the surprise, the month before, imports, the balance, then the destinations and goods that moved
// the total most. Both languages are written from one Story, so they cannot disagree.

import type { Flow } from "../domain.js";
import { addMonths } from "../figures/fact.js";
import type { Fact, Figures } from "../figures/index.js";
import { principalCommodity } from "../sources/codes/index.js";

export interface Mover {
  yoy: Fact;
  level?: Fact;
  contribution?: Fact;
  /** The turning point or streak that makes it news ("the first rise since March"). */
  turn?: Fact;
  score: number;
}

export interface Story {
  month: string;
  asOf: string | null;
  exports: { level: Fact; yoy: Fact; highlight?: Fact; record?: Fact };
  forecasts: Array<{ forecast: Fact; surprise: Fact }>;
  previous?: Fact;
  imports?: { level: Fact; yoy: Fact; highlight?: Fact };
  balance?: { level: Fact; highlight?: Fact; change?: Fact; yoy?: Fact };
  destinations: Mover[];
  exportGoods: Mover[];
  importGoods: Mover[];
}

/** Partners a desk reports every month whatever they did: the largest markets and blocs. */
const MAJOR_PARTNERS = new Set(["304", "105", "group:eu", "area:western_europe"]);
/** Overlapping aggregates: once one of a pair is told, the other adds little. */
const OVERLAPS: Array<[string, string]> = [["group:eu", "area:western_europe"], ["area:north_america", "304"]];

const HIGHLIGHTS: Record<string, number> = { record_month: 4, first_since: 3, highest_since: 2, lowest_since: 2, streak: 1 };

/** The most newsworthy of a series' sequence facts: a turn beats a streak; longer spans beat shorter. */
function highlight(facts: Fact[], flow: string, partner: string, commodity: string, minimumMonths = 3): Fact | undefined {
  return facts
    .filter((f) => f.flow === flow && f.partner === partner && f.commodity === commodity && f.metric in HIGHLIGHTS)
    .filter((f) => f.metric === "record_month" ? !f.detail?.atLeast : f.metric === "first_since" || f.value >= minimumMonths)
    .sort((a, b) => HIGHLIGHTS[b.metric]! - HIGHLIGHTS[a.metric]! || b.value - a.value)[0];
}

export function selectStory(result: Figures): Story | null {
  const month = result.month;
  const facts = result.facts;
  const byId = new Map(facts.map((f) => [f.id, f]));
  const one = (id: string) => byId.get(id);
  const at = (metric: string, flow: string, partner: string, commodity: string, period = month) => one(`${metric}/${flow}/${partner}/${commodity}/${period}`);
  const streakIds = new Set(result.sections.streaks);
  const sequences = facts.filter((f) => streakIds.has(f.id));

  const exportsLevel = at("level", "export", "world", "total");
  const exportsYoy = at("yoy_pct", "export", "world", "total");
  if (!exportsLevel || !exportsYoy) return null;
  const record = sequences.find((f) => f.metric === "record_month" && f.flow === "export" && f.partner === "world" && !f.detail?.atLeast && f.detail?.kind === "highest");
  const story: Story = {
    month,
    asOf: result.asOf,
    exports: { level: exportsLevel, yoy: exportsYoy, highlight: highlight(sequences, "export", "world", "total", 4), record },
    forecasts: facts
      .filter((f) => f.metric === "surprise")
      .map((surprise) => ({ surprise, forecast: one(surprise.id.replace(/^surprise/, "consensus"))! })),
    previous: at("yoy_pct", "export", "world", "total", addMonths(month, -1)),
    destinations: [],
    exportGoods: [],
    importGoods: [],
  };
  const importsLevel = at("level", "import", "world", "total");
  const importsYoy = at("yoy_pct", "import", "world", "total");
  if (importsLevel && importsYoy) story.imports = { level: importsLevel, yoy: importsYoy, highlight: highlight(sequences, "import", "world", "total", 6) };
  const balance = at("balance", "balance", "world", "total");
  if (balance) {
    story.balance = {
      level: balance,
      highlight: highlight(sequences, "balance", "world", "total", 2),
      change: at("balance_change", "balance", "world", "total"),
      yoy: at("balance_yoy_pct", "balance", "world", "total"),
    };
  }

  const movers = (flow: string, partnerOf: (f: Fact) => boolean, commodityOf: (f: Fact) => boolean, major: (f: Fact) => boolean): Mover[] =>
    facts
      .filter((f) => f.metric === "yoy_pct" && f.period === month && f.flow === flow && partnerOf(f) && commodityOf(f))
      .map((yoy) => {
        const contribution = at("contribution_pp", flow, yoy.partner, yoy.commodity);
        const turn = highlight(sequences, flow, yoy.partner, yoy.commodity);
        // A turn or a big swing matters in proportion to the size of the market or good: 5% of the total counts fully.
        const size = Math.min(1, (at("share_pct", flow, yoy.partner, yoy.commodity)?.value ?? 0) / 5);
        const score = Math.abs(contribution?.value ?? 0) * 2 + size * ((turn?.metric === "first_since" ? 3 : turn ? 0.5 : 0) + Math.min(Math.abs(yoy.value), 30) / 30) + (major(yoy) ? 3 : 0);
        return { yoy, level: at("level", flow, yoy.partner, yoy.commodity), contribution, turn, score };
      })
      .sort((a, b) => b.score - a.score);

  const destinations = movers("export", (f) => f.partner !== "world", (f) => f.commodity === "total", (f) => MAJOR_PARTNERS.has(f.partner));
  for (const mover of destinations) {
    if (story.destinations.length >= 4) break;
    const told = story.destinations.map((m) => m.yoy.partner);
    if (OVERLAPS.some(([a, b]) => (mover.yoy.partner === a && told.includes(b)) || (mover.yoy.partner === b && told.includes(a)))) continue;
    story.destinations.push(mover);
  }
  // Goods: the items under the nine sections, which is where the news is ("chip-making equipment", not "machinery"),
  // but not their bracketed sub-items ("(CAR)" under motor vehicles), which would tell the same move twice.
  const isItem = (f: Fact) => {
    const item = principalCommodity(f.flow as Flow, f.commodity);
    return !!item && item.parent !== "total" && item.parent !== null && !/^\d\+\d$/.test(item.parent.slice(3)) && !/^[(（]/.test(item.nameJa);
  };
  story.exportGoods = movers("export", (f) => f.partner === "world", isItem, () => false).slice(0, 3);
  story.importGoods = movers("import", (f) => f.partner === "world", isItem, () => false).slice(0, 1);
  return story;
}
