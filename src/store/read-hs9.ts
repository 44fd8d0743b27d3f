// Series of the HS-9 lines and their roll-ups (hs:2, hs:4, hs:6 digits sum the 9-digit lines they hold), read
// from the files of the years asked only, filtered on the integer keys so that DuckDB skips what it cannot match.

import type { Flow, Measure } from "../domain.js";
import { GROUP_MEMBERSHIPS, PARTNERS } from "../sources/codes/index.js";
import { hs9Files, linesOf, oneKindPerYear, type Hs9File } from "./hs9-files.js";
import { HS9_CELL_COLUMNS } from "./schema.js";
import type { SeriesPoint } from "./read.js";
import type { Store } from "./store.js";

const pad = (n: number) => String(n).padStart(2, "0");
const MONTH_NUMBERS = Array.from({ length: 12 }, (_, i) => i + 1);

/** `hs:8703` → the 9-digit codes 870300000 … 870399999 it holds. */
export function hsRange(commodity: string): [number, number] | null {
  const digits = /^hs:(\d{2,9})$/.exec(commodity)?.[1];
  if (!digits) return null;
  return [Number(digits.padEnd(9, "0")), Number(digits.padEnd(9, "9"))];
}

/** The countries a partner code stands for, each with the months it counts in (a group's members change). */
function countriesOf(partner: string): { codes: number[]; counts: (code: number, period: string) => boolean } | null {
  if (/^\d{3}$/.test(partner)) return { codes: [Number(partner)], counts: () => true };
  if (partner.startsWith("area:")) {
    const codes = PARTNERS.filter((p) => p.kind === "country" && p.area === partner).map((p) => Number(p.code));
    return { codes, counts: () => true };
  }
  if (partner.startsWith("group:")) {
    const spells = GROUP_MEMBERSHIPS.filter((g) => g.group === partner);
    return {
      codes: [...new Set(spells.map((g) => Number(g.partner)))],
      counts: (code, period) => spells.some((g) => Number(g.partner) === code && g.from <= period && (g.to === null || period <= g.to)),
    };
  }
  return null;
}

export interface Hs9SeriesQuery {
  flow: Flow;
  partner: string;
  commodity: string;
  measures: Measure[];
  from?: string;
  to?: string;
  asOf?: string;
}

/**
 * The series of `commodity` (9 digits, or fewer to sum the lines under it) for `partner`, as it stood on `asOf`:
 * each line's cell from the latest release that printed it, summed over lines and customs offices. A month
 * published with no trade in the lines asked is 0; a year in which no line matches gives no points.
 */
export async function hs9Series(store: Store, q: Hs9SeriesQuery): Promise<SeriesPoint[]> {
  const range = hsRange(q.commodity);
  const measures = q.measures.filter((m): m is "value" | "quantity1" | "quantity2" => m === "value" || m === "quantity1" || m === "quantity2");
  if (!range || measures.length === 0) return [];
  const fromYear = q.from ? Number(q.from.slice(0, 4)) : undefined;
  const toYear = q.to ? Number(q.to.slice(0, 4)) : undefined;
  const all = await hs9Files(store, { fromYear, toYear, asOf: q.asOf });
  const countries = q.partner === "world" ? null : countriesOf(q.partner);
  if (q.partner !== "world" && !countries) return [];
  let files: Hs9File[];
  if (countries) files = oneKindPerYear(all, true);
  else {
    // The world: the world's tables of a year, else the sum of its tables by country.
    const world = oneKindPerYear(all, false);
    const worldYears = new Set(world.map((f) => f.year));
    files = [...world, ...oneKindPerYear(all.filter((f) => !worldYears.has(f.year)), true)];
  }
  if (files.length === 0) return [];

  const cells = HS9_CELL_COLUMNS;
  const where = [`flow = ${q.flow === "export" ? 1 : 2}`, `hs BETWEEN ${range[0]} AND ${range[1]}`];
  if (countries) where.push(countries.codes.length === 1 ? `partner = ${countries.codes[0]}` : `partner IN (${countries.codes.join(", ")})`);
  const touched = MONTH_NUMBERS.map((m) => `max(vintage) FILTER (WHERE ${["q1", "q2", "v"].map((k) => `${k}_${pad(m)} IS NOT NULL`).join(" OR ")}) AS t_${pad(m)}`);
  const rows = await store.rows<Record<string, number | string | null>>(`
    WITH line AS (
      SELECT year, custom, hs, partner, any_value(unit1) AS unit1, any_value(unit2) AS unit2,
             ${cells.map((c) => `arg_max(${c}, vintage) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`).join(", ")}, ${touched.join(", ")}
      FROM ${linesOf(files)} WHERE ${where.join(" AND ")}
      GROUP BY year, custom, hs, partner)
    SELECT year, ${countries && countries.codes.length > 1 ? "partner" : "0"} AS partner,
           ${cells.map((c) => `sum(${c})::BIGINT AS ${c}`).join(", ")}, ${MONTH_NUMBERS.map((m) => `max(t_${pad(m)}) AS t_${pad(m)}`).join(", ")},
           count(DISTINCT unit1) FILTER (WHERE unit1 <> '') AS units1, any_value(unit1) FILTER (WHERE unit1 <> '') AS unit1,
           count(DISTINCT unit2) FILTER (WHERE unit2 <> '') AS units2, any_value(unit2) FILTER (WHERE unit2 <> '') AS unit2
    FROM line GROUP BY ALL`);

  const release = new Map(all.map((f) => [f.releaseId, f]));
  const points = new Map<string, SeriesPoint & { vintage: number }>();
  for (const row of rows) {
    const year = Number(row.year);
    const ofYear = files.filter((f) => f.year === year);
    const through = Math.max(...ofYear.map((f) => f.through));
    for (const m of MONTH_NUMBERS) {
      const period = `${year}-${pad(m)}`;
      if (m > through || (q.from && period < q.from) || (q.to && period > q.to)) continue;
      if (countries && !countries.counts(Number(row.partner) || countries.codes[0]!, period)) continue;
      // The release of a month: the latest that printed one of its cells, else the latest that published the month.
      const touchedBy = row[`t_${pad(m)}`] as number | null;
      const vintage = touchedBy ?? Math.max(...ofYear.filter((f) => f.through >= m).map((f) => f.vintage));
      const from = release.get(vintage % 100_000_000)!;
      for (const measure of measures) {
        const [prefix, unit] = measure === "value" ? ["v", "JPY_thousand"] : measure === "quantity1" ? ["q1", row.unit1] : ["q2", row.unit2];
        if (measure !== "value" && Number(row[measure === "quantity1" ? "units1" : "units2"]) !== 1) continue; // none, or units that do not add up
        const key = `${period} ${measure}`;
        const value = Number(row[`${prefix}_${pad(m)}`] ?? 0);
        const point = points.get(key);
        if (point) {
          point.value += value;
          if (vintage > point.vintage) Object.assign(point, { vintage, releaseId: from.releaseId, stage: from.stage, released: from.released });
        } else {
          points.set(key, { period, measure, value, unit: String(unit), dataset: "mof.hs9", releaseId: from.releaseId, stage: from.stage, released: from.released, vintage });
        }
      }
    }
  }
  return [...points.values()]
    .map(({ vintage: _, ...p }) => p)
    .sort((a, b) => (a.period === b.period ? a.measure.localeCompare(b.measure) : a.period.localeCompare(b.period)));
}
