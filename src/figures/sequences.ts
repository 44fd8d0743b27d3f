// Figures about a month's place in its series: streaks ("fifth straight deficit"), turning points ("the first
// rise since March"), extremes ("the fastest growth in nine months") and records ("highest November on record").
// Each looks only at the history the snapshot holds, and says so (`detail.atLeast`) when that history ran out.

import { addMonths, factId, monthsBetween, roundPct, type Fact, type Metric, type SourceRow } from "./fact.js";
import { vintageOf, yoySource, yoyValue } from "./measures.js";
import { normalizedQuantity } from "./quantity.js";
import type { Point, SeriesKey, Snapshot } from "./snapshot.js";

interface Step {
  period: string;
  value: number;
}

/** Earlier months of a sequence, newest first, until the first month without a figure. */
function history(period: string, valueAt: (month: string) => number | null, lookback: number): Step[] {
  const steps: Step[] = [];
  for (let k = 1; k <= lookback; k++) {
    const month = addMonths(period, -k);
    const value = valueAt(month);
    if (value === null) break;
    steps.push({ period: month, value });
  }
  return steps;
}

type Sign = "rise" | "fall" | "surplus" | "deficit";

interface Sequence {
  key: SeriesKey & { flow: SeriesKey["flow"] | "balance" };
  period: string;
  now: number;
  earlier: Step[];
  signs: [positive: Sign, negative: Sign];
  /** The fact the sequence rests on, for vintage and provenance. */
  anchor: Point;
  what: string;
  /** Names the sequence's facts apart from the y/y's and the balance's own (`volume_streak`, `balance_change_first_since`). */
  prefix?: "volume_" | "balance_change_";
}

function sequenceFact(seq: Sequence, metric: Fact["metric"], value: number, extra: Partial<Fact>): Fact {
  metric = (seq.prefix ? `${seq.prefix}${metric}` : metric) as Metric;
  const rows: SourceRow[] = [{ period: seq.period, flow: seq.anchor.flow, partner: seq.key.partner, commodity: seq.key.commodity, measure: seq.what, value: seq.now, releaseId: seq.anchor.releaseId }];
  return {
    id: factId(metric, seq.key.flow, seq.key.partner, seq.key.commodity, seq.period),
    metric, flow: seq.key.flow, partner: seq.key.partner, commodity: seq.key.commodity, period: seq.period, value, unit: "months",
    basis: null, vintage: vintageOf(seq.anchor),
    provenance: { dataset: seq.anchor.dataset, query: `${seq.what} of ${seq.key.flow}/${seq.key.partner}/${seq.key.commodity}, ${seq.earlier.at(-1)?.period ?? seq.period}…${seq.period}`, rows },
    ...extra,
  };
}

/** Streak or turning point, and how high or low the month stands among the months before it. */
function sequenceFacts(seq: Sequence): Fact[] {
  const { now, earlier, period } = seq;
  const facts: Fact[] = [];
  if (now !== 0) {
    const sign = now > 0 ? seq.signs[0] : seq.signs[1];
    const same = (v: number) => Math.sign(v) === Math.sign(now);
    const run = earlier.findIndex((step) => !same(step.value));
    const length = run < 0 ? earlier.length + 1 : run + 1;
    if (length >= 2) {
      facts.push(sequenceFact(seq, "streak", length, { detail: { sign, since: addMonths(period, -(length - 1)), atLeast: run < 0 } }));
    } else {
      const last = earlier.find((step) => same(step.value));
      facts.push(
        last
          ? sequenceFact(seq, "first_since", monthsBetween(last.period, period), { basis: { period: last.period, value: last.value }, detail: { sign, since: last.period } })
          : sequenceFact(seq, "first_since", earlier.length + 1, { detail: { sign, atLeast: true, since: earlier.at(-1)?.period } }),
      );
    }
  }
  const previous = earlier[0];
  for (const kind of ["highest", "lowest"] as const) {
    const beyond = kind === "highest" ? (v: number) => v >= now : (v: number) => v <= now;
    if (!previous || beyond(previous.value)) continue; // not even past last month
    const match = earlier.find((step) => beyond(step.value));
    const metric = kind === "highest" ? "highest_since" : "lowest_since";
    facts.push(
      match
        ? sequenceFact(seq, metric, monthsBetween(match.period, period), { basis: { period: match.period, value: match.value }, detail: { kind, since: match.period } })
        : sequenceFact(seq, metric, earlier.length + 1, { detail: { kind, atLeast: true, since: earlier.at(-1)?.period } }),
    );
  }
  return facts;
}

/** Streaks, turning points and extremes of a series' y/y change. */
export function yoySequenceFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const now = yoyValue(s, key, period);
  const anchor = yoySource(s, key, period);
  if (now === null || !anchor) return [];
  const earlier = history(period, (month) => yoyValue(s, key, month), s.lookback);
  return sequenceFacts({ key, period, now, earlier, signs: ["rise", "fall"], anchor, what: "y/y %" });
}

/** Streaks and turning points of a partner's balance: "the fifth straight monthly deficit". */
export function balanceSequenceFacts(s: Snapshot, partner: string, period: string): Fact[] {
  const balanceAt = (month: string) => balanceAtOrPrinted(s, partner, month);
  const now = balanceAt(period);
  const anchor = s.get({ flow: "export", partner, commodity: "total" }, "value", period) ?? s.printedBalance(partner, "balance", period);
  if (now === null || !anchor) return [];
  const facts = sequenceFacts({
    key: { flow: "balance" as never, partner, commodity: "total" }, period, now, earlier: history(period, balanceAt, s.lookback), signs: ["surplus", "deficit"], anchor, what: "balance",
  });
  // "Highest balance since" reads oddly; the balance's streak and turning point are its news.
  return facts.filter((f) => f.metric === "streak" || f.metric === "first_since");
}

/** The balance from the levels, or as printed where the levels are not held (the first prints of older months). */
function balanceAtOrPrinted(s: Snapshot, partner: string, month: string): number | null {
  return balanceAt(s, partner, month) ?? s.printedBalance(partner, "balance", month)?.value ?? null;
}

/** The balance with `partner` (exports − imports), or null when either is not held. */
function balanceAt(s: Snapshot, partner: string, month: string): number | null {
  const exports = s.get({ flow: "export", partner, commodity: "total" }, "value", month);
  const imports = s.get({ flow: "import", partner, commodity: "total" }, "value", month);
  return exports && imports ? exports.value - imports.value : null;
}

/**
 * Streaks and turning points of the balance's change on a year earlier: "the surplus with the U.S. grew for the
 * first time in seven months" (黒字幅が7カ月ぶりに拡大). `rise` is a balance higher than a year earlier: a wider
 * surplus or a narrower deficit. Facts `balance_change_streak`, `balance_change_first_since`.
 */
export function balanceChangeSequenceFacts(s: Snapshot, partner: string, period: string): Fact[] {
  const changeAt = (month: string) => {
    const [now, before] = [balanceAt(s, partner, month), balanceAt(s, partner, addMonths(month, -12))];
    return now === null || before === null ? null : now - before;
  };
  const now = changeAt(period);
  const anchor = s.get({ flow: "export", partner, commodity: "total" }, "value", period);
  if (now === null || !anchor) return [];
  const facts = sequenceFacts({
    key: { flow: "balance" as never, partner, commodity: "total" }, period, now, earlier: history(period, changeAt, s.lookback), signs: ["rise", "fall"], anchor,
    what: "balance change on a year earlier", prefix: "balance_change_",
  });
  return facts.filter((f) => f.metric === "balance_change_streak" || f.metric === "balance_change_first_since");
}

/** A quantity's change on a year earlier, %, where both months print it in the same unit; null otherwise. */
export function volumeYoy(s: Snapshot, key: SeriesKey, period: string): number | null {
  const [now, before] = [s.get(key, "quantity1", period), s.get(key, "quantity1", addMonths(period, -12))];
  if (!now || !before) return null;
  const [q, qBefore] = [normalizedQuantity(now.value, now.unit), normalizedQuantity(before.value, before.unit)];
  if (qBefore.value <= 0 || q.unit !== qBefore.unit) return null;
  return roundPct((q.value / qBefore.value - 1) * 100);
}

/** Streaks and turning points of a volume's y/y: "the import volume marking the first drop in two months". */
export function volumeSequenceFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const now = volumeYoy(s, key, period);
  const anchor = s.get(key, "quantity1", period);
  if (now === null || !anchor) return [];
  const facts = sequenceFacts({ key, period, now, earlier: history(period, (m) => volumeYoy(s, key, m), s.lookback), signs: ["rise", "fall"], anchor, what: "volume y/y %", prefix: "volume_" });
  return facts.filter((f) => f.metric === "volume_streak" || f.metric === "volume_first_since");
}

/** Record highs of a level over the whole history held, overall and for the calendar month. */
export function recordFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const current = s.get(key, "value", period);
  if (!current) return [];
  const earlier = s.periods(key, "value").filter((p) => p < period);
  if (earlier.length < 12) return []; // a record over less than a year of history says nothing
  const value = (p: string) => s.get(key, "value", p)!.value;
  const rows = (periods: string[]): SourceRow[] => [period, ...periods].map((p) => {
    const point = s.get(key, "value", p)!;
    return { period: p, flow: point.flow, partner: point.partner, commodity: point.commodity, measure: "value", value: point.value, releaseId: point.releaseId };
  });
  const make = (metric: "record_high" | "record_month", compared: string[], kind: "highest" | "lowest", basis: string): Fact => ({
    id: factId(metric, key.flow, key.partner, key.commodity, period),
    metric, flow: key.flow, partner: key.partner, commodity: key.commodity, period, value: current.value, unit: "JPY_thousand",
    basis: { period: basis, value: value(basis) }, vintage: vintageOf(current),
    provenance: { dataset: current.dataset, query: `level of ${key.flow}/${key.partner}/${key.commodity} against ${compared.length} earlier months (${compared[0]}…)`, rows: rows([basis]) },
    // A "record" over a few years of history is only the highest in the data held: say so.
    detail: { kind, since: compared[0], atLeast: monthsBetween(compared[0]!, period) < 120 },
  });
  const facts: Fact[] = [];
  const highest = earlier.reduce((a, b) => (value(b) > value(a) ? b : a));
  if (current.value > value(highest)) facts.push(make("record_high", earlier, "highest", highest));
  const sameMonth = earlier.filter((p) => p.slice(5) === period.slice(5));
  if (sameMonth.length >= 2) {
    const top = sameMonth.reduce((a, b) => (value(b) > value(a) ? b : a));
    const bottom = sameMonth.reduce((a, b) => (value(b) < value(a) ? b : a));
    if (current.value > value(top)) facts.push(make("record_month", sameMonth, "highest", top));
    else if (current.value < value(bottom)) facts.push(make("record_month", sameMonth, "lowest", bottom));
  }
  return facts;
}
