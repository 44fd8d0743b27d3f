// Balances as publishers print them, beside the ones computed from exports and imports (measures.ts, which also gives
// the balance of the Japanese summary's rounded parts): a balance printed without its parts (an economic calendar's
// first print), the Ministry's printed % change of a balance, and the seasonally adjusted balance.

import { addMonths, factId, roundPct, type Fact } from "./fact.js";
import { balanceFacts, vintageOf } from "./measures.js";
import type { Point, Snapshot } from "./snapshot.js";

/** A calendar prints the balance in ¥ billion to one decimal (±¥0.05 billion), the SA balance in ¥ trillion to two. */
const PRINTED_RESOLUTION = { balance: 50_000, balance_sa: 5_000_000 } as const;

function printedFact(p: Point, metric: "balance" | "balance_sa", partner: string, period: string, basis: Fact["basis"] = null): Fact {
  const step = PRINTED_RESOLUTION[metric];
  return {
    id: factId(metric, "balance", partner, "total", period), metric, flow: "balance", partner, commodity: "total", period, value: p.value, unit: "JPY_thousand",
    basis, vintage: vintageOf(p),
    provenance: { dataset: p.dataset, query: `${metric === "balance_sa" ? "seasonally adjusted balance" : "balance"} with ${partner} in ${period} as printed`, rows: [{ period, flow: "balance", partner, commodity: "total", measure: metric, value: p.value, releaseId: p.releaseId }] },
    detail: { sign: p.value >= 0 ? "surplus" : "deficit" },
    note: `as printed by ${p.dataset}, to ¥${(step * 2) / 1e6} billion`,
    resolution: step,
  };
}

/**
 * The balance with `partner` in `period`: from the levels (exports − imports) where they are held, unless a printed
 * balance stands on a later release and differs beyond its rounding (a revision the levels do not hold yet); the
 * printed balance alone where the levels are not held. The year-earlier balance and the Ministry's % come along.
 */
export function balanceOrPrintedFacts(s: Snapshot, partner: string, period: string): Fact[] {
  const computed = withPrintedPercent(s, partner, period, balanceFacts(s, partner, period));
  const printed = s.printedBalance(partner, "balance", period);
  if (!printed) return computed;
  const level = computed.find((f) => f.metric === "balance");
  const levels = (["export", "import"] as const).map((flow) => s.get({ flow, partner, commodity: "total" }, "value", period)?.effective ?? "").sort().at(-1)!;
  // The printed balance is the figure where the levels are not held, where it revises them, or where only it was
  // public on the snapshot's day (the levels come from a later release filled in for a claim).
  // A printed balance from after the snapshot's day (filled in for a claim's check) only fills a gap.
  const visible = s.asOf === null || printed.effective <= s.asOf;
  const printedIsNews = !level
    || (visible && printed.effective > levels && Math.abs(printed.value - level.value) > PRINTED_RESOLUTION.balance + 1)
    || (visible && s.asOf !== null && levels > s.asOf);
  if (!printedIsNews) return computed;
  const yearAgo = addMonths(period, -12);
  const before = balanceFacts(s, partner, yearAgo).find((f) => f.metric === "balance")?.value ?? s.printedBalance(partner, "balance", yearAgo)?.value;
  const fact = printedFact(printed, "balance", partner, period, before === undefined ? null : { period: yearAgo, value: before });
  const facts = [fact];
  if (before !== undefined && Math.sign(before) === Math.sign(printed.value) && before !== 0) {
    facts.push({ ...fact, id: factId("balance_yoy_pct", "balance", partner, "total", period), metric: "balance_yoy_pct", value: roundPct((printed.value / before - 1) * 100), unit: "pct", resolution: undefined, note: `from the balance ${fact.note}` });
  }
  return facts;
}

/**
 * The Ministry prints the balance's % change against its own year-earlier figure, which may stand on a revision the
 * store does not hold: where that printed % is as recent as the levels, it is the figure (the computed one beside it).
 */
function withPrintedPercent(s: Snapshot, partner: string, period: string, facts: Fact[]): Fact[] {
  const printed = s.printedBalance(partner, "yoy_pct", period);
  const balance = facts.find((f) => f.metric === "balance");
  if (!printed || !balance) return facts;
  const levels = (["export", "import"] as const).map((flow) => s.get({ flow, partner, commodity: "total" }, "value", period)?.effective ?? "").sort().at(-1)!;
  if (printed.effective < levels || (s.asOf !== null && printed.effective > s.asOf && levels <= s.asOf)) return facts;
  const computed = facts.find((f) => f.metric === "balance_yoy_pct");
  const fact: Fact = {
    ...balance, id: factId("balance_yoy_pct", "balance", partner, "total", period), metric: "balance_yoy_pct", value: printed.value, unit: "pct", vintage: vintageOf(printed),
    provenance: {
      dataset: printed.dataset,
      query: `series(flow=balance, partner=${partner}, commodity=total, measure=yoy_pct) at ${period}${s.asOf ? ` as of ${s.asOf}` : ""}: the balance's % change as printed`,
      rows: [{ period, flow: "balance", partner, commodity: "total", measure: "yoy_pct", value: printed.value, releaseId: printed.releaseId }, ...balance.provenance.rows],
    },
    published: printed.value, computed: computed?.value,
    note: computed && Math.abs(computed.value - printed.value) > 0.05 + 1e-9 ? `as printed; the levels in force give ${computed.value} (the Ministry compares with its own year-earlier figure)` : undefined,
  };
  return [...facts.filter((f) => f.metric !== "balance_yoy_pct"), fact];
}

/** The seasonally adjusted balance, where a source printed one (the Ministry's SA figures as a calendar shows them). */
export function saBalanceFact(s: Snapshot, partner: string, period: string): Fact | null {
  const p = s.printedBalance(partner, "balance_sa", period);
  return p ? printedFact(p, "balance_sa", partner, period) : null;
}
