// Where the HS-9 lines live: one Parquet file per HS-9 release beside the store file (`<store>.files/hs9/`),
// written at DuckDB's COPY speed on ingest and read in place; the table `hs9_files` lists them inside the store's transactions.
//
// Why files and not a table: writing 21 M cells into DuckDB's own compressed format costs four times the CSV
// parse, writing them as Parquet about twice; and a query for one year opens only that year's files, so it stays
// as fast however many years the store holds. A file is referenced once its release commits; a file no release
// references (an ingest killed before its commit) is removed the next time the store is opened for writing.

import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { HS9_CELL_COLUMNS } from "./schema.js";
import { sqlString } from "./sql-text.js";
import type { Store } from "./store.js";

/** Columns of every HS-9 file, in order. NULL cell: nothing new in that release (unchanged, zero, or not yet published). */
export const HS9_FILE_COLUMNS = ["release_id", "flow", "year", "custom", "hs", "partner", "unit1", "unit2", ...HS9_CELL_COLUMNS] as const;

/** Orders vintages, as `VINTAGE_ORDER` does: the later effective date wins, and of one day the later release. */
export const vintageOf = (effectiveDays: number, releaseId: number) => effectiveDays * 100_000_000 + releaseId;

export interface Hs9File {
  releaseId: number;
  year: number;
  /** Relative to the store's directory (DuckDB's `file_search_path`). */
  path: string;
  byCustom: boolean;
  byCountry: boolean;
  through: number;
  vintage: number;
  stage: string;
  released: string | null;
  source: string;
}

/** The folder of a store's files, relative to the store's directory. */
export const filesFolder = (store: Store) => `${path.basename(store.path)}.files`;

export function hs9FilePath(store: Store, releaseId: number, sha256: string, suffix = ""): { relative: string; absolute: string } {
  const relative = `${filesFolder(store)}/hs9/${releaseId}-${sha256.slice(0, 16)}${suffix}.parquet`;
  const absolute = path.join(store.directory, relative);
  mkdirSync(path.dirname(absolute), { recursive: true });
  return { relative, absolute };
}


/** The HS-9 files in force for a query: of `years`, effective by `asOf`, with their release's vintage. */
export async function hs9Files(store: Store, filter: { fromYear?: number; toYear?: number; asOf?: string } = {}): Promise<Hs9File[]> {
  const where = ["true"];
  const params: Record<string, string | number> = {};
  if (filter.fromYear !== undefined) (where.push(`f.year >= $fromYear`), (params.fromYear = filter.fromYear));
  if (filter.toYear !== undefined) (where.push(`f.year <= $toYear`), (params.toYear = filter.toYear));
  if (filter.asOf) (where.push(`r.effective <= $asOf::DATE`), (params.asOf = filter.asOf));
  return store.rows<Hs9File>(
    `SELECT f.release_id AS releaseId, f.year, f.path, f.by_custom AS byCustom, f.by_country AS byCountry,
            CAST(right(r.through, 2) AS INTEGER) AS through,
            date_diff('day', DATE '1970-01-01', r.effective)::BIGINT * 100000000 + r.release_id AS vintage,
            r.stage, strftime(r.released, '%Y-%m-%d') AS released, r.source
     FROM hs9_files f JOIN releases r USING (release_id) WHERE ${where.join(" AND ")} ORDER BY f.year, vintage`,
    params,
  );
}

/**
 * The files of one kind per year, so that nothing is counted twice: a year held both as a national table and
 * as a table by customs office is read from the national one; a table by country is never mixed with the
 * world's. `countries`: the tables by country (else the world tables, without a Country column).
 */
export function oneKindPerYear(files: Hs9File[], countries: boolean): Hs9File[] {
  const kept: Hs9File[] = [];
  for (const year of new Set(files.map((f) => f.year))) {
    const ofYear = files.filter((f) => f.year === year && f.byCountry === countries);
    const national = ofYear.filter((f) => !f.byCustom);
    kept.push(...(national.length > 0 ? national : ofYear));
  }
  return kept;
}

/** A relation of the lines in `files`, each with its release's `vintage`; an empty relation of the same columns when none. */
export function linesOf(files: Hs9File[]): string {
  if (files.length === 0) {
    return `(SELECT ${HS9_FILE_COLUMNS.map((c) => `NULL::${c === "release_id" ? "INTEGER" : c === "flow" ? "UTINYINT" : c === "year" ? "SMALLINT" : c === "hs" ? "UINTEGER" : c === "partner" ? "USMALLINT" : c.startsWith("unit") || c === "custom" ? "VARCHAR" : "BIGINT"} AS ${c}`).join(", ")}, NULL::BIGINT AS vintage WHERE false)`;
  }
  const vintages = files.map((f) => `(${f.releaseId}, ${f.vintage}::BIGINT)`).join(", ");
  return `(SELECT ${HS9_FILE_COLUMNS.map((c) => `l.${c}`).join(", ")}, v.vintage
           FROM read_parquet([${files.map((f) => sqlString(f.path)).join(", ")}]) l JOIN (VALUES ${vintages}) v(release_id, vintage) USING (release_id))`;
}

/**
 * The views `hs9_lines` (every stored line of every release) and `hs9_observations` (the same, long) for
 * `boeki sql` and for people reading the store with DuckDB; boeki's own queries read only the files they need.
 */
export async function refreshHs9Views(store: Store, options: { temporary?: boolean } = {}): Promise<void> {
  const files = await hs9Files(store);
  // Temporary views (of a store opened for `boeki sql`) name the files by their whole path: DuckDB's sandbox lets a
  // query read the store's own folder of files, and checks a path as written, not as the search path finds it.
  const where = (f: Hs9File) => (options.temporary ? path.resolve(store.directory, f.path) : f.path);
  const lines = files.length === 0 ? linesOf([]) : `(SELECT ${HS9_FILE_COLUMNS.join(", ")} FROM read_parquet([${files.map((f) => sqlString(where(f))).join(", ")}]))`;
  const create = options.temporary ? "CREATE OR REPLACE TEMP VIEW" : "CREATE OR REPLACE VIEW";
  await store.run(`${create} hs9_lines AS SELECT ${HS9_FILE_COLUMNS.join(", ")} FROM ${lines}`);
  const measure = { q1: "quantity1", q2: "quantity2", v: "value" } as const;
  await store.run(`${create} hs9_observations AS
    SELECT release_id, CASE flow WHEN 1 THEN 'export' ELSE 'import' END AS flow, custom,
           CASE partner WHEN 0 THEN 'world' ELSE lpad(partner::VARCHAR, 3, '0') END AS partner,
           'hs:' || lpad(hs::VARCHAR, 9, '0') AS commodity, make_date(year, month, 1) AS period, measure, value::DOUBLE AS value, unit
    FROM (SELECT release_id, flow, custom, partner, hs, year,
                 unnest([${HS9_CELL_COLUMNS.map((c) => Number(c.slice(-2))).join(", ")}]) AS month,
                 unnest([${HS9_CELL_COLUMNS.map((c) => `'${measure[c.split("_")[0] as keyof typeof measure]}'`).join(", ")}]) AS measure,
                 unnest([${HS9_CELL_COLUMNS.join(", ")}]) AS value,
                 unnest([${HS9_CELL_COLUMNS.map((c) => (c.startsWith("v_") ? "'JPY_thousand'" : c.startsWith("q1") ? "unit1" : "unit2")).join(", ")}]) AS unit
          FROM hs9_lines)
    WHERE value IS NOT NULL AND unit <> ''`);
}

/** Removes files no committed release references: what an ingest killed before its commit left behind. */
export async function removeOrphanFiles(store: Store): Promise<void> {
  const folder = path.join(store.directory, filesFolder(store), "hs9");
  if (!existsSync(folder)) return;
  const referenced = new Set((await store.rows<{ path: string }>(`SELECT path FROM hs9_files`)).map((r) => path.basename(r.path)));
  for (const name of readdirSync(folder)) if (!referenced.has(name)) rmSync(path.join(folder, name), { force: true });
}

/**
 * Schema 3: the lines of older stores (the table `hs9_lines`) move into one file per release, as they were
 * stored; the table and its view make way for the views over the files.
 */
export async function moveHs9LinesToFiles(store: Store): Promise<void> {
  const releases = await store.rows<{ release_id: number; sha256: string; year: number; by_custom: boolean; by_country: boolean }>(
    `SELECT l.release_id, any_value(r.sha256) AS sha256, min(l.year) AS year, bool_or(l.custom <> '') AS by_custom, bool_or(l.partner <> 0) AS by_country
     FROM hs9_lines l JOIN releases r USING (release_id) GROUP BY l.release_id ORDER BY l.release_id`,
  );
  for (const r of releases) {
    const file = hs9FilePath(store, r.release_id, r.sha256);
    await store.run(`COPY (SELECT ${HS9_FILE_COLUMNS.join(", ")}, 0::UTINYINT AS bad, 0::UTINYINT AS after_through, 0::UTINYINT AS nonzero FROM hs9_lines WHERE release_id = ${r.release_id}) TO ${sqlString(file.absolute)} (FORMAT parquet, PARQUET_VERSION V2, COMPRESSION uncompressed)`);
    await store.run(`INSERT INTO hs9_files VALUES (?, ?, ?, ?, ?)`, [r.release_id, r.year, file.relative, r.by_custom, r.by_country]);
  }
  await store.run(`DROP VIEW hs9_observations`);
  await store.run(`DROP TABLE hs9_lines`);
}
