// Balances as publishers print them, beside the ones computed from exports and imports: a balance printed without
// its parts (an economic calendar's first print), the seasonally adjusted balance, and the balance a release gets by
// subtracting its own rounded exports and imports (the Ministry's Japanese summary prints 億円: 9兆7147億円 −
// 9兆3924億円 = 3223億円, where the unrounded levels give ¥322.2 billion).

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
    provenance: { dataset: p.dataset, query: `${metric === "balance_sa" ? "seasonally adjusted balance" : "balance"} with ${partner} in ${period} as printed`, rows: [{ period, flow: "export", partner, commodity: "total", measure: metric, value: p.value, releaseId: p.releaseId }] },
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

/**
 * The balance as a release gets it from its own rounded figures: exports and imports each rounded to `step`
 * thousand yen (100,000: the 億円 of the Japanese summary), then subtracted. Both this and the unrounded balance are
 * the Ministry's figures; a story printing either is right.
 */
export function balanceOfRoundedPartsFact(s: Snapshot, partner: string, period: string, step = 100_000): Fact | null {
  const [exports, imports] = (["export", "import"] as const).map((flow) => s.get({ flow, partner, commodity: "total" }, "value", period));
  if (!exports || !imports) return null;
  const round = (v: number) => Math.round(v / step) * step;
  const value = round(exports.value) - round(imports.value);
  const latest = exports.effective >= imports.effective ? exports : imports;
  const oku = (v: number) => `${(round(v) / 100_000).toLocaleString("en-US")}億円`;
  return {
    id: factId("balance_of_rounded_parts", "balance", partner, "total", period), metric: "balance_of_rounded_parts", flow: "balance", partner, commodity: "total", period,
    value, unit: "JPY_thousand", basis: null, vintage: vintageOf(latest),
    provenance: { dataset: latest.dataset, query: `round(exports) − round(imports) with ${partner} in ${period}, to ${step} thousand yen`, rows: [exports, imports].map((p) => ({ period, flow: p.flow, partner, commodity: "total", measure: "value", value: p.value, releaseId: p.releaseId })) },
    detail: { sign: value >= 0 ? "surplus" : "deficit" },
    note: step === 100_000 ? `the difference of the exports and imports as the Japanese summary prints them (${oku(exports.value)} − ${oku(imports.value)})` : `the difference of exports and imports rounded to ${step} thousand yen`,
  };
}
