// Figures of one month from levels and the Ministry's printed percentages: level, y/y, m/m, year to date,
// share, contribution, balance, unit value and volume. Where a percentage was printed and the levels to
// compute it are also held, the later release wins, and a difference beyond rounding is said.

import type { Measure } from "../domain.js";
import { addMonths, factId, roundPct, type Fact, type FactUnit, type Metric, type SourceRow, type Vintage } from "./fact.js";
import { normalizedQuantity } from "./quantity.js";
import type { Point, SeriesKey, Snapshot } from "./snapshot.js";

export const vintageOf = (p: Point): Vintage => ({ releaseId: p.releaseId, dataset: p.dataset, stage: p.stage, released: p.released });
const sourceRow = (p: Point): SourceRow => ({ period: p.period, flow: p.flow, partner: p.partner, commodity: p.commodity, measure: p.measure, value: p.value, releaseId: p.releaseId });
const describe = (key: SeriesKey, measures: string, periods: string[], asOf: string | null) =>
  `series(flow=${key.flow}, partner=${key.partner}, commodity=${key.commodity}, measure=${measures}) at ${periods.join(", ")}${asOf ? ` as of ${asOf}` : ""}`;

/** A fact of `metric` for `key` in `period`, standing on the release of `from`, made from `rows`. */
export function fact(
  s: Snapshot,
  metric: Metric,
  key: SeriesKey,
  period: string,
  value: number,
  unit: FactUnit,
  from: Point,
  rows: Point[],
  extra: Partial<Fact> = {},
): Fact {
  const measures = [...new Set(rows.map((r) => r.measure))].join("+");
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  return {
    id: factId(metric, key.flow, key.partner, key.commodity, period),
    metric, flow: key.flow, partner: key.partner, commodity: key.commodity, period, value, unit,
    basis: null,
    vintage: vintageOf(from),
    provenance: { dataset: from.dataset, query: describe(key, measures, periods, s.asOf), rows: rows.map(sourceRow) },
    ...extra,
  };
}

/** Rounding covers ±0.05 of the printed figure; beyond that a computed percentage says something changed. */
const beyondRounding = (raw: number, printed: number) => Math.abs(raw - printed) > 0.05 + 1e-9;

interface Percent {
  value: number;
  /** The release the value stands on: the printed figure's, or the current level's when computed. */
  from: Point;
  rows: Point[];
  published?: number;
  computed?: number;
  note?: string;
}

/**
 * A percentage the Ministry may have printed (`printedMeasure`) and that can be computed from levels (`raw`).
 * The printed one stands unless the levels come from a later release (a revision); either way the other is kept.
 */
function reconcile(printed: Point | undefined, current: Point | undefined, raw: number | null, rows: Point[], asOf: string | null = null): Percent | null {
  const computed = raw === null ? undefined : roundPct(raw);
  // In a snapshot whose gaps were filled from later releases (a claim's check), what was printed by its day stands.
  const printedByTheDay = printed && current && asOf !== null && current.effective > asOf && printed.effective <= asOf;
  if (printed && (!current || printed.effective >= current.effective || printedByTheDay)) {
    const differs = raw !== null && beyondRounding(raw, printed.value);
    return {
      value: printed.value, from: printed, rows: [printed, ...rows], published: printed.value, computed,
      note: differs ? `as printed; the levels in force give ${computed} (a revised base)` : undefined,
    };
  }
  if (computed === undefined || !current) return null;
  const note = printed && beyondRounding(raw!, printed.value)
    ? `computed from revised levels; the release of ${printed.released ?? "an earlier day"} printed ${printed.value}`
    : undefined;
  return { value: computed, from: current, rows, published: printed?.value, computed, note };
}

export function levelFact(s: Snapshot, key: SeriesKey, period: string): Fact | null {
  const p = s.get(key, "value", period);
  return p ? fact(s, "level", key, period, p.value, "JPY_thousand", p, [p]) : null;
}

function yoyPercent(s: Snapshot, key: SeriesKey, period: string, measure: Measure = "value"): Percent | null {
  const current = s.get(key, measure, period);
  const base = s.get(key, measure, addMonths(period, -12));
  const raw = current && base && base.value > 0 ? (current.value / base.value - 1) * 100 : null;
  const printed = measure === "value" ? s.get(key, "yoy_pct", period) : undefined;
  return reconcile(printed, current, raw, [current, base].filter((p): p is Point => !!p), s.asOf);
}

/** y/y as the figures print it, for sequences (streaks, "highest since"); null when unknown. */
export function yoyValue(s: Snapshot, key: SeriesKey, period: string): number | null {
  return yoyPercent(s, key, period)?.value ?? null;
}

/** The observation a month's y/y stands on: the printed figure, or the level it was computed from. */
export function yoySource(s: Snapshot, key: SeriesKey, period: string): Point | null {
  return yoyPercent(s, key, period)?.from ?? null;
}

export function yoyFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const pct = yoyPercent(s, key, period);
  if (!pct) return [];
  const base = s.get(key, "value", addMonths(period, -12));
  const facts = [fact(s, "yoy_pct", key, period, pct.value, "pct", pct.from, pct.rows, {
    basis: base ? { period: base.period, value: base.value } : null,
    published: pct.published, computed: pct.computed, note: pct.note,
  })];
  const current = s.get(key, "value", period);
  if (current && base) {
    facts.push(fact(s, "yoy_diff", key, period, current.value - base.value, "JPY_thousand", current, [current, base], { basis: { period: base.period, value: base.value } }));
  }
  return facts;
}

export function momFact(s: Snapshot, key: SeriesKey, period: string): Fact | null {
  const current = s.get(key, "value", period);
  const previous = s.get(key, "value", addMonths(period, -1));
  if (!current || !previous || previous.value <= 0) return null;
  return fact(s, "mom_pct", key, period, roundPct((current.value / previous.value - 1) * 100), "pct", current, [current, previous], {
    basis: { period: previous.period, value: previous.value },
  });
}

export function ytdFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const month = Number(period.slice(5, 7));
  const months = Array.from({ length: month }, (_, i) => `${period.slice(0, 4)}-${String(i + 1).padStart(2, "0")}`);
  const current = months.map((m) => s.get(key, "value", m));
  if (current.some((p) => !p)) return [];
  const points = current as Point[];
  const total = points.reduce((sum, p) => sum + p.value, 0);
  const latest = points.reduce((a, b) => (a.effective >= b.effective ? a : b));
  const facts = [fact(s, "ytd", key, period, total, "JPY_thousand", latest, points)];
  const earlier = months.map((m) => s.get(key, "value", addMonths(m, -12)));
  if (earlier.every((p) => p)) {
    const base = (earlier as Point[]).reduce((sum, p) => sum + p.value, 0);
    facts.push(fact(s, "ytd_yoy_pct", key, period, roundPct((total / base - 1) * 100), "pct", latest, [...points, ...(earlier as Point[])], {
      basis: { period: addMonths(period, -12), value: base },
    }));
  }
  return facts;
}

/** Share of `total` (the world for a destination, the partner's total for a commodity), %. */
export function shareFact(s: Snapshot, key: SeriesKey, total: SeriesKey, period: string): Fact | null {
  const current = s.get(key, "value", period);
  const whole = s.get(total, "value", period);
  const raw = current && whole && whole.value > 0 ? (current.value / whole.value) * 100 : null;
  const pct = reconcile(s.get(key, "share_pct", period), current, raw, [current, whole].filter((p): p is Point => !!p), s.asOf);
  return pct ? fact(s, "share_pct", key, period, pct.value, "pct", pct.from, pct.rows, { published: pct.published, computed: pct.computed, note: pct.note }) : null;
}

/** Contribution to `total`'s y/y change, percentage points: (this − a year earlier) ÷ the total a year earlier. */
export function contributionFact(s: Snapshot, key: SeriesKey, total: SeriesKey, period: string): Fact | null {
  const yearAgo = addMonths(period, -12);
  const current = s.get(key, "value", period);
  const base = s.get(key, "value", yearAgo);
  const totalBase = s.get(total, "value", yearAgo);
  const raw = current && base && totalBase && totalBase.value > 0 ? ((current.value - base.value) / totalBase.value) * 100 : null;
  const rows = [current, base, totalBase].filter((p): p is Point => !!p);
  const pct = reconcile(s.get(key, "contribution_pp", period), current, raw, rows, s.asOf);
  return pct ? fact(s, "contribution_pp", key, period, pct.value, "pp", pct.from, pct.rows, { published: pct.published, computed: pct.computed, note: pct.note }) : null;
}

/** ¥100 million (億円), in thousand yen: the unit of the Ministry's Japanese release. */
export const OKU_JPY_THOUSAND = 100_000;
/** Thousand yen rounded to whole 億円 as the Japanese release prints them (half away from zero), in thousand yen. */
/** Thousand yen as the Japanese summary prints it, in 億円: 97,147億円. */
const oku = (jpyThousand: number) => `${(roundedToOku(jpyThousand) / OKU_JPY_THOUSAND).toLocaleString("en-US")}億円`;

export const roundedToOku = (jpyThousand: number) => Math.sign(jpyThousand) * Math.floor(Math.abs(jpyThousand) / OKU_JPY_THOUSAND + 0.5) * OKU_JPY_THOUSAND + 0;

/**
 * Exports − imports with `partner`, the year-earlier balance, the change, the % change (the Ministry's printed one
 * where held, computed where the signs agree), and the balance as the Japanese release prints it.
 */
export function balanceFacts(s: Snapshot, partner: string, period: string): Fact[] {
  const at = (flow: "export" | "import", month: string) => s.get({ flow, partner, commodity: "total" }, "value", month);
  const [exports, imports] = [at("export", period), at("import", period)];
  if (!exports || !imports) return [];
  const key = { flow: "balance" as never, partner, commodity: "total" };
  const latest = exports.effective >= imports.effective ? exports : imports;
  const balance = exports.value - imports.value;
  const yearAgo = addMonths(period, -12);
  const [exportsBefore, importsBefore] = [at("export", yearAgo), at("import", yearAgo)];
  const make = (metric: Metric, value: number, unit: FactUnit, rows: Point[], basis: Fact["basis"], extra: Partial<Fact> = {}, from: Point = latest): Fact => ({
    ...fact(s, metric, key, period, value, unit, from, rows, extra),
    id: factId(metric, "balance", partner, "total", period),
    flow: "balance",
    basis,
  });
  const facts = [make("balance", balance, "JPY_thousand", [exports, imports], null, { detail: { sign: balance >= 0 ? "surplus" : "deficit" } })];
  // The Japanese release prints exports and imports in 億円 and the balance as their difference: 9兆7147億円 −
  // 9兆3924億円 = 3223億円, where the English release's 322,226 million yen rounds to 3222.
  const rounded = roundedToOku(exports.value) - roundedToOku(imports.value);
  const roundedBefore = exportsBefore && importsBefore ? roundedToOku(exportsBefore.value) - roundedToOku(importsBefore.value) : null;
  const roundedFact = make("balance_rounded", rounded, "JPY_thousand", [exports, imports, ...(exportsBefore && importsBefore ? [exportsBefore, importsBefore] : [])],
    roundedBefore === null ? null : { period: yearAgo, value: roundedBefore },
    { detail: { sign: rounded >= 0 ? "surplus" : "deficit" }, note: `the difference of the exports and imports as the Japanese summary prints them (${oku(exports.value)} − ${oku(imports.value)})` });
  if (exportsBefore && importsBefore) {
    const before = exportsBefore.value - importsBefore.value;
    const rows = [exports, imports, exportsBefore, importsBefore];
    facts[0]!.basis = { period: yearAgo, value: before };
    facts.push(make("balance_change", balance - before, "JPY_thousand", rows, { period: yearAgo, value: before }));
  }
  // The Ministry prints "-" when the balance changed sign: a percentage would mean nothing. (Its printed figure,
  // measured against a year-earlier balance the store may not hold, stands beside this one: printed.ts.)
  const before = exportsBefore && importsBefore ? exportsBefore.value - importsBefore.value : null;
  const raw = before !== null && before !== 0 && Math.sign(balance) === Math.sign(before) ? (balance / before - 1) * 100 : null;
  const pct = reconcile(undefined, latest, raw, exportsBefore && importsBefore ? [exports, imports, exportsBefore, importsBefore] : [exports, imports]);
  if (pct) {
    facts.push(make("balance_yoy_pct", pct.value, "pct", pct.rows, before === null ? null : { period: yearAgo, value: before },
      { published: pct.published, computed: pct.computed, note: pct.note }, pct.from));
  }
  facts.push(roundedFact);
  return facts;
}

/** Value per unit and the volume's change, where the quantity is printed in the same unit both years. */
export function unitValueFacts(s: Snapshot, key: SeriesKey, period: string): Fact[] {
  const [value, quantity] = [s.get(key, "value", period), s.get(key, "quantity1", period)];
  if (!value || !quantity || quantity.value <= 0) return [];
  const facts = [fact(s, "unit_value", key, period, value.value / quantity.value, "JPY_thousand", value, [value, quantity], { note: `thousand yen per ${quantity.unit}` })];
  const yearAgo = addMonths(period, -12);
  const [valueBefore, quantityBefore] = [s.get(key, "value", yearAgo), s.get(key, "quantity1", yearAgo)];
  // A press table's thousands (TKL) and the time series' units (KL) compare once both are in the unit itself.
  const [q, qBefore] = [normalizedQuantity(quantity.value, quantity.unit), quantityBefore && normalizedQuantity(quantityBefore.value, quantityBefore.unit)];
  if (valueBefore && quantityBefore && qBefore && qBefore.value > 0 && qBefore.unit === q.unit) {
    const rows = [value, quantity, valueBefore, quantityBefore];
    facts.push(fact(s, "volume_yoy_pct", key, period, roundPct((q.value / qBefore.value - 1) * 100), "pct", quantity, rows, { basis: { period: yearAgo, value: qBefore.value } }));
    const before = valueBefore.value / qBefore.value;
    facts.push(fact(s, "unit_value_yoy_pct", key, period, roundPct((value.value / q.value / before - 1) * 100), "pct", value, rows, { basis: { period: yearAgo, value: before } }));
  }
  return facts;
}
