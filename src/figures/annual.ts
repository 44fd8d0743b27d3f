// Calendar-year figures a story about December's release prints ("for the full year, exports totaled ¥107.1
// trillion, up 6.2%"): sums of the twelve months held, their change on the year before, the balance and shares.
// Facts carry the year (`YYYY`) as their period; a year with a month not held gives no figure.

import { factId, roundPct, type Fact, type Metric, type SourceRow } from "./fact.js";
import { vintageOf } from "./measures.js";
import type { Point, SeriesKey, Snapshot } from "./snapshot.js";

const monthsOf = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/** The twelve months of a series in `year`, or null when one is not held. */
function yearPoints(s: Snapshot, key: SeriesKey, year: string): Point[] | null {
  const points = monthsOf(year).map((m) => s.get(key, "value", m));
  return points.every(Boolean) ? (points as Point[]) : null;
}

const sum = (points: Point[]) => points.reduce((n, p) => n + p.value, 0);
const latestOf = (points: Point[]) => points.reduce((a, b) => (a.effective >= b.effective ? a : b));
const rowsOf = (points: Point[]): SourceRow[] => points.map((p) => ({ period: p.period, flow: p.flow, partner: p.partner, commodity: p.commodity, measure: "value", value: p.value, releaseId: p.releaseId }));

function annualFact(metric: Metric, key: { flow: Fact["flow"]; partner: string; commodity: string }, year: string, value: number, unit: Fact["unit"], points: Point[], basis: Fact["basis"], what: string): Fact {
  const latest = latestOf(points);
  return {
    id: factId(metric, key.flow, key.partner, key.commodity, year), metric, flow: key.flow, partner: key.partner, commodity: key.commodity, period: year,
    value, unit, basis, vintage: vintageOf(latest),
    provenance: { dataset: latest.dataset, query: `${what}, ${year}-01…${year}-12${basis ? ` against ${basis.period}` : ""}`, rows: rowsOf(points) },
  };
}

/** A series' calendar-year total (thousand yen) and its change on the year before (%). */
export function annualFacts(s: Snapshot, key: SeriesKey, year: string): Fact[] {
  const points = yearPoints(s, key, year);
  if (!points) return [];
  const total = sum(points);
  const facts = [annualFact("level", key, year, total, "JPY_thousand", points, null, `sum of ${key.flow}/${key.partner}/${key.commodity}`)];
  const before = yearPoints(s, key, String(Number(year) - 1));
  if (before && sum(before) > 0) {
    facts.push(annualFact("yoy_pct", key, year, roundPct((total / sum(before) - 1) * 100), "pct", [...points, ...before], { period: String(Number(year) - 1), value: sum(before) }, `change of the sum of ${key.flow}/${key.partner}/${key.commodity}`));
  }
  return facts;
}

/** The calendar-year balance with `partner` and the Ministry's % change on the year before (where the sign holds). */
export function annualBalanceFacts(s: Snapshot, partner: string, year: string): Fact[] {
  const key = { flow: "balance" as const, partner, commodity: "total" };
  const parts = (y: string) => {
    const [exports, imports] = (["export", "import"] as const).map((flow) => yearPoints(s, { flow, partner, commodity: "total" }, y));
    return exports && imports ? { balance: sum(exports) - sum(imports), points: [...exports, ...imports] } : null;
  };
  const now = parts(year);
  if (!now) return [];
  const before = parts(String(Number(year) - 1));
  const basis = before ? { period: String(Number(year) - 1), value: before.balance } : null;
  const facts = [annualFact("balance", key, year, now.balance, "JPY_thousand", now.points, basis, `exports − imports with ${partner}`)];
  if (before && Math.sign(before.balance) === Math.sign(now.balance) && before.balance !== 0) {
    facts.push(annualFact("balance_yoy_pct", key, year, roundPct((now.balance / before.balance - 1) * 100), "pct", [...now.points, ...before.points], basis, `change of the balance with ${partner}`));
  }
  return facts;
}

/** A series' share of `total` over the calendar year (%): "autos, 28.3% of all shipments to the U.S. in 2024". */
export function annualShareFact(s: Snapshot, key: SeriesKey, total: SeriesKey, year: string): Fact | null {
  const [part, whole] = [yearPoints(s, key, year), yearPoints(s, total, year)];
  if (!part || !whole || sum(whole) <= 0) return null;
  return annualFact("share_pct", key, year, roundPct((sum(part) / sum(whole)) * 100), "pct", [...part, ...whole], null, `share of ${key.flow}/${key.partner}/${key.commodity} in ${total.partner}/${total.commodity}`);
}
