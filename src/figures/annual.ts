// Figures of a whole year, summed from the months in force: a calendar year (`2025`, January–December) or a
// fiscal year (`FY2024`, April 2024–March 2025, the Ministry's 年度): totals, y/y, balance, partners, goods, records.

import type { Flow } from "../domain.js";
import { UsageError } from "../errors.js";
import { addMonths, factId, roundPct, type Fact, type FactUnit, type Metric } from "./fact.js";
import { fact, roundedToOku } from "./measures.js";
import { loadSnapshot, type Point, type SeriesKey, type Snapshot } from "./snapshot.js";
import type { Figures } from "./index.js";

/** A year as figures name it, and its months. */
export interface YearSpan {
  /** `2025` (calendar) or `FY2024` (April 2024–March 2025). */
  period: string;
  fiscal: boolean;
  /** The twelve `YYYY-MM` months, oldest first. */
  months: string[];
  /** The same kind of year, a year earlier (`2024`, `FY2023`). */
  previous: string;
}

export const isYearPeriod = (period: string) => /^(FY)?\d{4}$/.test(period);

/** `2025` → January–December 2025; `FY2024` → April 2024–March 2025; null for anything else. */
export function yearSpan(period: string): YearSpan | null {
  const m = /^(FY)?(\d{4})$/.exec(period);
  if (!m) return null;
  const fiscal = m[1] === "FY";
  const year = Number(m[2]);
  const first = `${year}-${fiscal ? "04" : "01"}`;
  return { period, fiscal, months: Array.from({ length: 12 }, (_, i) => addMonths(first, i)), previous: `${fiscal ? "FY" : ""}${year - 1}` };
}

/** The year a release month closes, if any: December closes its calendar year, March the fiscal year before. */
export function yearClosedBy(month: string): string | null {
  const [year, m] = [Number(month.slice(0, 4)), month.slice(5, 7)];
  return m === "12" ? String(year) : m === "03" ? `FY${year - 1}` : null;
}

interface YearSum {
  total: number;
  points: Point[];
  /** The newest release among the months: the vintage the sum stands on. */
  latest: Point;
}

/** The sum of a series over a year's months; null unless every month is held. */
function yearSum(s: Snapshot, key: SeriesKey, span: YearSpan): YearSum | null {
  const points = span.months.map((m) => s.get(key, "value", m));
  if (points.some((p) => !p)) return null;
  const held = points as Point[];
  return { total: held.reduce((sum, p) => sum + p.value, 0), points: held, latest: held.reduce((a, b) => (a.effective >= b.effective ? a : b)) };
}

const annual = (s: Snapshot, metric: Metric, key: SeriesKey | { flow: "balance"; partner: string; commodity: string }, span: YearSpan, value: number, unit: FactUnit, from: Point, rows: Point[], extra: Partial<Fact> = {}): Fact => ({
  ...fact(s, metric, key as SeriesKey, span.period, value, unit, from, rows, extra),
  id: factId(metric, key.flow, key.partner, key.commodity, span.period),
  flow: key.flow,
});

/** The year's level, its change on the year before in % and in yen. */
export function annualLevelFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const span = yearSpan(period);
  const now = span && yearSum(s, key, span);
  if (!span || !now) return [];
  const facts = [annual(s, "level", key, span, now.total, "JPY_thousand", now.latest, now.points, { note: `sum of ${span.months[0]}…${span.months[11]}` })];
  const before = yearSum(s, key, yearSpan(span.previous)!);
  if (before && before.total > 0) {
    const rows = [...now.points, ...before.points];
    const basis = { period: span.previous, value: before.total };
    facts.push(annual(s, "yoy_pct", key, span, roundPct((now.total / before.total - 1) * 100), "pct", now.latest, rows, { basis }));
    facts.push(annual(s, "yoy_diff", key, span, now.total - before.total, "JPY_thousand", now.latest, rows, { basis }));
  }
  return facts;
}

/** Share of `total` over the year (%), and the contribution to its change on the year before (points). */
export function annualShareFacts(s: Snapshot, key: SeriesKey, total: SeriesKey, period: string): Fact[] {
  const span = yearSpan(period);
  const [now, whole] = span ? [yearSum(s, key, span), yearSum(s, total, span)] : [null, null];
  if (!span || !now || !whole || whole.total <= 0) return [];
  const facts = [annual(s, "share_pct", key, span, roundPct((now.total / whole.total) * 100), "pct", now.latest, [...now.points, ...whole.points])];
  const previous = yearSpan(span.previous)!;
  const [before, wholeBefore] = [yearSum(s, key, previous), yearSum(s, total, previous)];
  if (before && wholeBefore && wholeBefore.total > 0) {
    facts.push(annual(s, "contribution_pp", key, span, roundPct(((now.total - before.total) / wholeBefore.total) * 100), "pp", now.latest, [...now.points, ...before.points, ...wholeBefore.points]));
  }
  return facts;
}

/** The year's balance with `partner`, the year before's, the change, the % change where the signs agree, and the 億円 balance. */
export function annualBalanceFacts(s: Snapshot, partner: string, period: string): Fact[] {
  const span = yearSpan(period);
  if (!span) return [];
  const sums = (y: YearSpan) => [yearSum(s, { flow: "export", partner, commodity: "total" }, y), yearSum(s, { flow: "import", partner, commodity: "total" }, y)] as const;
  const [exports, imports] = sums(span);
  if (!exports || !imports) return [];
  const key = { flow: "balance" as const, partner, commodity: "total" };
  const latest = exports.latest.effective >= imports.latest.effective ? exports.latest : imports.latest;
  const balance = exports.total - imports.total;
  const rows = [...exports.points, ...imports.points];
  const [exportsBefore, importsBefore] = sums(yearSpan(span.previous)!);
  const before = exportsBefore && importsBefore ? exportsBefore.total - importsBefore.total : null;
  const basis = before === null ? null : { period: span.previous, value: before };
  const allRows = exportsBefore && importsBefore ? [...rows, ...exportsBefore.points, ...importsBefore.points] : rows;
  const sign = (v: number) => ({ sign: v >= 0 ? ("surplus" as const) : ("deficit" as const) });
  const facts = [annual(s, "balance", key, span, balance, "JPY_thousand", latest, rows, { basis, detail: sign(balance) })];
  if (before !== null) {
    facts.push(annual(s, "balance_change", key, span, balance - before, "JPY_thousand", latest, allRows, { basis }));
    if (before !== 0 && Math.sign(before) === Math.sign(balance)) {
      facts.push(annual(s, "balance_yoy_pct", key, span, roundPct((balance / before - 1) * 100), "pct", latest, allRows, { basis }));
    }
  }
  const rounded = roundedToOku(exports.total) - roundedToOku(imports.total);
  const roundedBefore = exportsBefore && importsBefore ? roundedToOku(exportsBefore.total) - roundedToOku(importsBefore.total) : null;
  facts.push(annual(s, "balance_rounded", key, span, rounded, "JPY_thousand", latest, allRows, {
    basis: roundedBefore === null ? null : { period: span.previous, value: roundedBefore }, detail: sign(rounded),
    note: "the year's exports and imports each rounded to ¥100 million (億円), then subtracted, as the Japanese release prints the balance",
  }));
  return facts;
}

/** The highest year in the history held ("exports hit a record ¥107.1 trillion"), against every earlier year of the same kind. */
export function annualRecordFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const span = yearSpan(period);
  const now = span && yearSum(s, key, span);
  if (!span || !now) return [];
  const earlier: Array<{ span: YearSpan; sum: YearSum }> = [];
  for (let y = yearSpan(span.previous)!; ; y = yearSpan(y.previous)!) {
    const sum = yearSum(s, key, y);
    if (!sum) break;
    earlier.push({ span: y, sum });
  }
  if (earlier.length < 2) return []; // a record against one earlier year says nothing
  const top = earlier.reduce((a, b) => (b.sum.total > a.sum.total ? b : a));
  if (now.total <= top.sum.total) return [];
  const first = earlier.at(-1)!.span;
  return [annual(s, "record_high", key, span, now.total, "JPY_thousand", now.latest, [...now.points, ...top.sum.points], {
    basis: { period: top.span.period, value: top.sum.total },
    // A "record" over less than ten years of history held is only the highest in the data held: say so.
    detail: { kind: "highest", since: first.period, atLeast: earlier.length < 10 },
    note: `against ${earlier.length} earlier years held, from ${first.period}`,
  })];
}

/** The year's headline: world exports and imports (level, y/y, records) and the balance. */
export function annualHeadlineFacts(s: Snapshot, period: string): Fact[] {
  const facts: Fact[] = [];
  for (const flow of ["export", "import"] as const) {
    const key = { flow, partner: "world", commodity: "total" };
    facts.push(...annualLevelFacts(s, key, period), ...annualRecordFacts(s, key, period));
  }
  return [...facts, ...annualBalanceFacts(s, "world", period)];
}

/** Every figure of a year: the headline, each partner (exports, imports, balance, shares) and each good of the world. */
export function computeAnnualFigures(s: Snapshot, period: string): Figures {
  const span = yearSpan(period);
  if (!span) throw new UsageError(`expected a year (2025) or a fiscal year (FY2024), found "${period}"`);
  const sections: Figures["sections"] = { headline: [], destinations: [], commodities: [], commodityByArea: [], streaks: [], consensus: [], year: [] };
  const facts: Fact[] = [];
  const add = (section: keyof Figures["sections"], more: Fact[]) => {
    facts.push(...more);
    sections[section].push(...more.map((f) => f.id));
  };
  const headline = annualHeadlineFacts(s, period);
  add("headline", headline.filter((f) => f.metric !== "record_high"));
  add("streaks", headline.filter((f) => f.metric === "record_high"));
  const keys = s.keysAt(span.months[11]!, "value")
    .filter((k) => (k.partner === "world") !== (k.commodity === "total"))
    .sort((a, b) => `${a.flow}${a.partner}${a.commodity}`.localeCompare(`${b.flow}${b.partner}${b.commodity}`));
  for (const key of keys) {
    const total: SeriesKey = { flow: key.flow, partner: "world", commodity: "total" };
    const more = [...annualLevelFacts(s, key, period), ...annualShareFacts(s, key, total, period)];
    add(key.commodity === "total" ? "destinations" : "commodities", more);
  }
  for (const partner of new Set(keys.filter((k) => k.commodity === "total").map((k) => k.partner))) add("destinations", annualBalanceFacts(s, partner, period));
  return { month: period, asOf: s.asOf, facts, sections };
}

/** The observations a year's facts need, as they stood on `asOf`: its months and the year before's (and the world's whole history, for records). */
export async function loadYearSnapshot(store: Parameters<typeof loadSnapshot>[0], period: string, asOf?: string): Promise<Snapshot> {
  const span = yearSpan(period);
  if (!span) throw new UsageError(`expected a year (2025) or a fiscal year (FY2024), found "${period}"`);
  return loadSnapshot(store, span.months[11]!, asOf, addMonths(span.months[0]!, -12), { commoditiesByPartner: false });
}

/** The figures of a calendar or fiscal year, as they could be computed on `asOf`. A year not yet whole is a usage error. */
export async function annualFigures(store: Parameters<typeof loadSnapshot>[0], query: { period: string; asOf?: string }): Promise<Figures> {
  const snapshot = await loadYearSnapshot(store, query.period, query.asOf);
  const span = yearSpan(query.period)!;
  const missing = span.months.filter((m) => !snapshot.get({ flow: "export", partner: "world", commodity: "total" }, "value", m));
  if (missing.length > 0) {
    throw new UsageError(`${describeYear(span)} is not whole in the store${query.asOf ? ` as of ${query.asOf}` : ""}: no exports for ${missing.length === 12 ? "any of its months" : missing.join(", ")}`);
  }
  return computeAnnualFigures(snapshot, query.period);
}

const describeYear = (span: YearSpan) =>
  span.fiscal ? `fiscal year ${span.period.slice(2)} (${span.months[0]}…${span.months[11]})` : `${span.period}`;

/** One annual fact by its id, computed alone from a snapshot that holds the year and the year before. */
export function annualFactById(s: Snapshot, id: string): Fact | undefined {
  const [metric, flow, partner, commodity, period] = id.split("/") as [string, Flow | "balance", string, string, string];
  const key: SeriesKey = { flow: flow as Flow, partner, commodity };
  // As for a month: a partner's share of the world, goods' share of their partner's total.
  const total: SeriesKey = { flow: flow as Flow, partner: commodity === "total" ? "world" : partner, commodity: "total" };
  const pick = (facts: Fact[]) => facts.find((f) => f.id === id);
  if (flow === "balance") return pick(annualBalanceFacts(s, partner, period));
  switch (metric) {
    case "level":
    case "yoy_pct":
    case "yoy_diff":
      return pick(annualLevelFacts(s, key, period));
    case "share_pct":
    case "contribution_pp":
      return pick(annualShareFacts(s, key, total, period));
    case "record_high":
      return pick(annualRecordFacts(s, key, period));
    default:
      return undefined;
  }
}
