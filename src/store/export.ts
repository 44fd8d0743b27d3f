// Writes the store's observations in the tidy layout (DESIGN §1), CSV or Parquet, through one DuckDB COPY that
// streams: one row per (period, flow, partner, commodity, measure) with the value in force, or every vintage.
// The file is written beside its final name and renamed when whole, so a killed export leaves nothing to misread.

import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Flow } from "../domain.js";
import { UsageError } from "../errors.js";
import { hs9Files, oneKindPerYear, type Hs9File } from "./hs9-files.js";
import { sqlString } from "./sql-text.js";
import { VINTAGE_ORDER } from "./ingest.js";
import { parseDate, parseMonth } from "./months.js";
import { hsRange } from "./read-hs9.js";
import { HS9_CELL_COLUMNS } from "./schema.js";
import type { Store } from "./store.js";

export const PARTITION_COLUMNS = ["year", "flow"] as const;

export interface ExportOptions {
  format: "csv" | "parquet";
  out: string;
  asOf?: string;
  /** Every vintage of every observation (each row with its release's stage, date and source), not only the one in force. */
  allVintages?: boolean;
  /** Hive-partitioned output (`out/year=2025/flow=export/…`): `out` is a folder. */
  partition?: (typeof PARTITION_COLUMNS)[number][];
  flow?: Flow;
  /** Codes, as `resolvePartner` gives them; rows of exactly these partners. */
  partners?: string[];
  /** Codes; `hs:87` selects every HS line under chapter 87. */
  commodities?: string[];
  /** `YYYY-MM` */
  from?: string;
  to?: string;
  dataset?: string;
}

const TIDY = "period, flow, partner, commodity, measure, value, unit, stage, released, source";

export async function exportTidy(store: Store, options: ExportOptions): Promise<{ out: string; format: string; rows: number; partitioned?: string[] }> {
  if (options.asOf !== undefined) parseDate(options.asOf, "--as-of");
  if (options.from !== undefined) parseMonth(options.from, "--from");
  if (options.to !== undefined) parseMonth(options.to, "--to");
  const bad = options.partition?.find((p) => !(PARTITION_COLUMNS as readonly string[]).includes(p));
  if (bad) throw new UsageError(`--partition: expected columns among ${PARTITION_COLUMNS.join(", ")}, found "${bad}"`);
  const files = options.dataset && options.dataset !== "mof.hs9" ? [] : await hs9Files(store, {
    fromYear: options.from ? Number(options.from.slice(0, 4)) : undefined,
    toYear: options.to ? Number(options.to.slice(0, 4)) : undefined,
    asOf: options.asOf,
  });
  const parts = [longPart(options), ...hs9Parts(files, options)].filter((p): p is string => p !== null);
  const partition = options.partition?.length ? options.partition : null;
  const select = `SELECT ${TIDY}${partition?.includes("year") ? ", left(period, 4)::INTEGER AS year" : ""} FROM (${parts.join("\nUNION ALL\n")})`;

  const out = path.resolve(options.out);
  await mkdir(path.dirname(out), { recursive: true });
  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
  // What an export of the same name killed earlier left behind.
  for (const name of await readdir(path.dirname(out))) {
    if (name.startsWith(`.${path.basename(out)}.`) && name.endsWith(".partial")) await rm(path.join(path.dirname(out), name), { recursive: true, force: true });
  }
  const how = [options.format === "csv" ? "FORMAT csv, HEADER true" : "FORMAT parquet, COMPRESSION zstd", ...(partition ? [`PARTITION_BY (${partition.join(", ")})`] : [])];
  // Streams: no ordering kept, the memory capped (Store.open sets DuckDB's memory_limit), the count from COPY itself.
  await store.run(`SET preserve_insertion_order = false`);
  let rows: number;
  try {
    const [row] = await store.rows<{ Count: number }>(`COPY (${select}) TO ${sqlString(temporary)} (${how.join(", ")})`);
    rows = Number(row?.Count ?? 0);
    if (existsSync(out) && partition) await rm(out, { recursive: true, force: true });
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  return { out: options.out, format: options.format, rows, ...(partition ? { partitioned: partition } : {}) };
}

/** Conditions on the tidy columns of the long table, from the filters. */
function longWhere(options: ExportOptions): string[] {
  const where: string[] = [];
  if (options.asOf) where.push(`r.effective <= DATE ${sqlString(options.asOf)}`);
  if (options.flow) where.push(`o.flow = ${sqlString(options.flow)}`);
  if (options.partners?.length) where.push(`o.partner IN (${options.partners.map(sqlString).join(", ")})`);
  if (options.commodities?.length) {
    where.push(`(${options.commodities.map((c) => (hsRange(c) ? `o.commodity LIKE ${sqlString(`${c}%`)}` : `o.commodity = ${sqlString(c)}`)).join(" OR ")})`);
  }
  if (options.from) where.push(`o.period >= DATE ${sqlString(`${options.from}-01`)}`);
  if (options.to) where.push(`o.period <= DATE ${sqlString(`${options.to}-01`)}`);
  if (options.dataset) where.push(`o.dataset = ${sqlString(options.dataset)}`);
  return where;
}

/** The long table: the value in force for each key across datasets (the latest effective release wins), or every vintage. */
function longPart(options: ExportOptions): string | null {
  if (options.dataset === "mof.hs9") return null;
  const where = longWhere(options);
  const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const released = `coalesce(strftime(r.released, '%Y-%m-%d'), '')`;
  if (options.allVintages) {
    return `SELECT strftime(o.period, '%Y-%m') AS period, o.flow, o.partner, o.commodity, o.measure, round(o.value, 3) AS value, o.unit,
                   r.stage, ${released} AS released, r.source
            FROM observations o JOIN releases r USING (release_id) ${filter}`;
  }
  return `SELECT strftime(k.period, '%Y-%m') AS period, k.flow, k.partner, k.commodity, k.measure, round(k.value, 3) AS value, k.unit,
                 r.stage, ${released} AS released, r.source
          FROM (SELECT o.period, o.flow, o.partner, o.commodity, o.measure, arg_max(o.value, ${VINTAGE_ORDER}) AS value,
                       arg_max(o.unit, ${VINTAGE_ORDER}) AS unit, arg_max(o.release_id, ${VINTAGE_ORDER}) AS release_id
                FROM observations o JOIN releases r USING (release_id) ${filter}
                GROUP BY o.period, o.flow, o.partner, o.commodity, o.measure) k
          JOIN releases r USING (release_id)`;
}

const MEASURE_OF = { q1: "quantity1", q2: "quantity2", v: "value" } as const;
const list = (f: (cell: string) => string) => `[${HS9_CELL_COLUMNS.map(f).join(", ")}]`;

/** Conditions on the lines' integer keys, from the filters (applied before anything is computed). */
function linesWhere(options: ExportOptions): string[] | null {
  const where: string[] = [];
  if (options.flow) where.push(`flow = ${options.flow === "export" ? 1 : 2}`);
  if (options.partners?.length) {
    const codes = options.partners.flatMap((p) => (p === "world" ? [0] : /^\d{3}$/.test(p) ? [Number(p)] : []));
    if (codes.length === 0) return null; // areas and groups are rows of their own, never made up from the lines
    where.push(`partner IN (${codes.join(", ")})`);
  }
  if (options.commodities?.length) {
    const ranges = options.commodities.map(hsRange).filter((r): r is [number, number] => r !== null);
    if (ranges.length === 0) return null;
    where.push(`(${ranges.map(([lo, hi]) => `hs BETWEEN ${lo} AND ${hi}`).join(" OR ")})`);
  }
  return where;
}

/**
 * The HS-9 lines, long, zeros left out: per year and kind of table, the cells in force (arg_max over the
 * releases by vintage where a year has several, none where it has one), summed over customs offices, then
 * unnested. With `allVintages`, each release's cells as they stood after it (the offices summed as of that release).
 */
function hs9Parts(all: Hs9File[], options: ExportOptions): string[] {
  const where = linesWhere(options);
  if (where === null || all.length === 0) return [];
  const chosen = [...oneKindPerYear(all, false), ...oneKindPerYear(all, true)];
  const chains = new Map<string, Hs9File[]>();
  for (const f of chosen) chains.set(`${f.year} ${f.byCustom} ${f.byCountry}`, [...(chains.get(`${f.year} ${f.byCustom} ${f.byCountry}`) ?? []), f]);
  const months = [options.from && `period >= ${sqlString(options.from)}`, options.to && `period <= ${sqlString(options.to)}`].filter(Boolean);
  const releases = `(VALUES ${all.map((f) => `(${f.releaseId}, ${sqlString(f.stage)}, ${sqlString(f.released ?? "")}, ${sqlString(f.source)})`).join(", ")}) AS r(release_id, stage, released, source)`;
  // The text of a line's keys is made once per line, before its cells are unnested; a year's periods are constants.
  // `single`: the one release all cells come from; else each cell carries the vintage it was printed in (t_…).
  const tidy = (cells: string, keep: string, year: number, single: Hs9File | null) => `
    SELECT period, flow, partner, commodity, measure, value::DOUBLE AS value, unit,
           ${single ? `${sqlString(single.stage)} AS stage, ${sqlString(single.released ?? "")} AS released, ${sqlString(single.source)} AS source` : "r.stage, r.released, r.source"}
    FROM (SELECT CASE flow WHEN 1 THEN 'export' ELSE 'import' END AS flow,
                 CASE partner WHEN 0 THEN 'world' ELSE lpad(partner::VARCHAR, 3, '0') END AS partner,
                 'hs:' || lpad(hs::VARCHAR, 9, '0') AS commodity,
                 unnest(${list((c) => `'${year}-${c.slice(-2)}'`)}) AS period,
                 unnest(${list((c) => `'${MEASURE_OF[c.split("_")[0] as keyof typeof MEASURE_OF]}'`)}) AS measure,
                 unnest(${list((c) => c)}) AS value,
                 unnest(${list((c) => (c.startsWith("v_") ? "'JPY_thousand'" : c.startsWith("q1") ? "unit1" : "unit2"))}) AS unit
                 ${single ? "" : `, unnest(${list((c) => `t_${c}`)}) AS vintage`}
          FROM (${cells}))
    ${single ? "" : `JOIN ${releases} ON r.release_id = vintage % 100000000`}
    WHERE ${[keep, "unit <> ''", ...months].join(" AND ")}`;
  const lineWhere = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const parts: string[] = [];
  for (const chain of chains.values()) {
    const { byCustom } = chain[0]!;
    const read = (f: Hs9File) => `SELECT *, ${f.vintage}::BIGINT AS vintage FROM read_parquet(${sqlString(f.path)}) ${lineWhere}`;
    const lines = chain.map(read).join(" UNION ALL ");
    if (options.allVintages) {
      parts.push(tidy(allVintagesCells(lines), "value IS NOT NULL", chain[0]!.year, null));
      continue;
    }
    // The line's cells in force: the file's own where the year has one release (one vintage: nothing to carry).
    const single = chain.length === 1 ? chain[0]! : null;
    const inForce = single
      ? `SELECT year, flow, custom, hs, partner, unit1, unit2, ${HS9_CELL_COLUMNS.join(", ")} FROM (${lines})`
      : `SELECT year, flow, custom, hs, partner, any_value(unit1) AS unit1, any_value(unit2) AS unit2,
                ${HS9_CELL_COLUMNS.map((c) => `arg_max(${c}, vintage) FILTER (WHERE ${c} IS NOT NULL) AS ${c}, max(vintage) FILTER (WHERE ${c} IS NOT NULL) AS t_${c}`).join(", ")}
         FROM (${lines}) GROUP BY year, flow, custom, hs, partner`;
    const summed = byCustom
      ? `SELECT year, flow, hs, partner, any_value(unit1) AS unit1, any_value(unit2) AS unit2,
                ${HS9_CELL_COLUMNS.map((c) => `sum(${c})::BIGINT AS ${c}${single ? "" : `, max(t_${c}) AS t_${c}`}`).join(", ")}
         FROM (${inForce}) GROUP BY year, flow, hs, partner`
      : inForce;
    parts.push(tidy(summed, "value IS NOT NULL AND value <> 0", chain[0]!.year, single));
  }
  return parts;
}

/**
 * Every release's cells as they stood after it: a release stores only what changed, so each stored cell is the
 * change from the line's previous value, and the key's value as of a release is the running sum of its changes.
 */
function allVintagesCells(lines: string): string {
  const long = `SELECT year, flow, custom, hs, partner, vintage, unit1, unit2,
                       unnest(${list((c) => `'${c}'`)}) AS cell, unnest(${list((c) => c)}) AS stored
                FROM (${lines})`;
  const change = `SELECT *, stored - coalesce(lag(stored) OVER (PARTITION BY year, flow, custom, hs, partner, cell ORDER BY vintage), 0) AS change
                  FROM (${long}) WHERE stored IS NOT NULL`;
  const perRelease = `SELECT year, flow, hs, partner, cell, vintage, any_value(unit1) AS unit1, any_value(unit2) AS unit2, sum(change) AS change
                      FROM (${change}) GROUP BY ALL`;
  const asOf = `SELECT *, sum(change) OVER (PARTITION BY year, flow, hs, partner, cell ORDER BY vintage)::BIGINT AS value FROM (${perRelease})`;
  // Back to one row per release and key with a column per cell, the shape the unnesting reads.
  return `SELECT year, flow, hs, partner, vintage, any_value(unit1) AS unit1, any_value(unit2) AS unit2,
                 ${HS9_CELL_COLUMNS.map((c) => `any_value(value) FILTER (WHERE cell = '${c}') AS ${c}, CASE WHEN bool_or(cell = '${c}') THEN vintage END AS t_${c}`).join(", ")}
          FROM (${asOf}) GROUP BY year, flow, hs, partner, vintage`;
}
