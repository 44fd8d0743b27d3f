// Lands an HS-9 statistical table. DuckDB reads the file once, straight into the release's Parquet file
// (src/store/hs9-files.ts), and checks every line on the way: the checks are columns whose statistics the write
// returns (any bad line, the years, the last month with figures, the non-zero cells), so nothing is read twice.
// When DuckDB or the checks refuse the file, it is read again in JavaScript to say which line and column is wrong.

import { open as openFile, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileSystemProblem, InputError } from "../errors.js";
import { AMOUNT_COLUMNS, diagnoseHs9, hs9LinePattern, hs9Layout, MONTHS, throughMonth, type Hs9Layout } from "../sources/hs9-table.js";
import { isUtf8File } from "../sources/csv.js";
import { decodeText } from "../sources/text.js";
import { HS9_FILE_COLUMNS, hs9FilePath, hs9Files, linesOf, refreshHs9Views } from "./hs9-files.js";
import { sqlString } from "./sql-text.js";
import { insertRelease, type IngestOptions, type ReleaseReport } from "./ingest.js";
import { HS9_CELL_COLUMNS } from "./schema.js";
import type { Store } from "./store.js";

const MEASURE_PREFIX = { Quantity1: "q1", Quantity2: "q2", Value: "v" } as const;
const pad = (month: number) => String(month).padStart(2, "0");
const monthOf = (cell: string) => Number(cell.slice(-2));
/**
 * Parquet 2 (delta-encoded integers), not compressed further: the cheapest of DuckDB's Parquet writers for these
 * files, and a line looked up reads in a third of the time it takes from snappy pages (for a fifth more bytes).
 */
export const HS9_PARQUET = "FORMAT parquet, PARQUET_VERSION V2, COMPRESSION uncompressed";

/** `Quantity1-Jan` → `q1_01`; `Value-Year` → `v_year`. */
function cellName(column: string): string {
  const [measure, month] = column.split("-") as [keyof typeof MEASURE_PREFIX, string];
  const m = MEASURE_PREFIX[measure];
  return month === "Year" ? `${m}_year` : `${m}_${pad(MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1)}`;
}

function readCsv(file: string, layout: Hs9Layout): string {
  const types = layout.columns.map((c) => `'${c}': '${AMOUNT_COLUMNS.includes(c) ? "BIGINT" : c === "Year" ? "SMALLINT" : "VARCHAR"}'`);
  return `read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            strict_mode = true, null_padding = false, columns = {${types.join(", ")}})`;
}

/** The file's lines in the store's terms: integer keys, trimmed units, the amounts named as cells. */
function linesSql(file: string, layout: Hs9Layout): string {
  const columns = [
    `TRY_CAST("Exp or Imp" AS UTINYINT) AS flow`,
    `"Year" AS year`,
    layout.hasCustom ? `trim("Custom") AS custom` : `'' AS custom`,
    `trim(replace("HS", '''', '')) AS hs_text`,
    layout.hasCountry ? `trim("Country") AS partner_text` : `'' AS partner_text`,
    `coalesce(trim("Unit1"), '') AS unit1`,
    `coalesce(trim("Unit2"), '') AS unit2`,
    ...AMOUNT_COLUMNS.map((c) => `"${c}" AS ${cellName(c)}`),
  ];
  return `SELECT ${columns.join(", ")} FROM ${readCsv(file, layout)}`;
}

/** The header line from the first bytes, and about how many lines the file holds (from the length of the first ones), for progress. */
async function readHeader(file: string): Promise<{ header: string; estimatedLines: number }> {
  const handle = await openFile(file, "r");
  let head: string[];
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(65536, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = decodeText(new Uint8Array(buffer.subarray(0, bytesRead)), file, "utf8").split("\n");
  } finally {
    await handle.close();
  }
  const sample = head.slice(1, -1);
  const meanLength = sample.length ? sample.reduce((n, l) => n + l.length + 1, 0) / sample.length : size;
  return { header: head[0] ?? "", estimatedLines: Math.round((size - (head[0]?.length ?? 0)) / meanLength) };
}

/** Runs a statement task by task so that a progress bar can follow DuckDB's own progress through the file. */
async function runWithProgress(store: Store, sql: string, onProgress?: (fraction: number) => void) {
  const pending = await store.connection.start(sql);
  let last = 0;
  while (pending.runTask() !== 0 /* RESULT_READY */) {
    if (onProgress && Date.now() - last > 50) {
      last = Date.now();
      const { percentage } = store.connection.progress;
      if (percentage >= 0) onProgress(percentage / 100);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return pending.readAll();
}

/** The month a table says it runs through before it is read (`--through`, else the file name), or 12 to be confirmed. */
function throughBeforeReading(file: string, through?: string): number {
  const named = through ?? /(?:^|[^\d])(\d{4})-?(0[1-9]|1[0-2])(?:[^\d]|$)/.exec(path.basename(file))?.slice(1, 3).join("-");
  const month = named ? Number(/^\d{4}-(0[1-9]|1[0-2])$/.exec(named)?.[1]) : 12;
  return Number.isInteger(month) && month >= 1 ? month : 12;
}

/** Statistics DuckDB returns for a written Parquet file, per column. */
type ColumnStats = Map<string, { min?: string; max?: string; nulls: number }>;

function columnStats(row: Record<string, unknown>): ColumnStats {
  const stats: ColumnStats = new Map();
  for (const entry of row.column_statistics as { key: string; value: { key: string; value: string }[] }[]) {
    const fields = Object.fromEntries(entry.value.map((f) => [f.key, f.value]));
    stats.set(entry.key.replace(/^"|"$/g, ""), { min: fields.min, max: fields.max, nulls: Number(fields.null_count ?? 0) });
  }
  return stats;
}

/**
 * Whether every line is whole and in the Ministry's exact syntax (hs9LinePattern), read as plain lines: DuckDB's
 * integer columns would read `0x10`, `1.5` or `+7` as numbers and pass over extra empty fields, and a file cut off
 * in its last cell would still parse. Cheap (one regular expression per line); the checks of values come after.
 */
async function linesAreWhole(store: Store, file: string, layout: Hs9Layout): Promise<boolean> {
  const handle = await openFile(file, "r");
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, Math.max(0, size - 1));
    if (last[0] !== 0x0a) return false;
  } finally {
    await handle.close();
  }
  if (!(await isUtf8File(file))) return false; // before DuckDB aggregates the text: see isUtf8File
  const [row] = await store.rows<{ bad: number }>(
    `SELECT count(*) FILTER (WHERE NOT regexp_full_match(line, ?)) AS bad
     FROM read_csv(?, header = true, auto_detect = false, delim = '\x01', quote = '', escape = '', strict_mode = true, columns = {'line': 'VARCHAR'})`,
    [hs9LinePattern(layout), file],
  );
  return row!.bad === 0;
}

export async function landHs9Table(
  store: Store,
  file: string,
  ctx: { fileName: string; sha256: string; options: IngestOptions; nextReleaseId: number },
): Promise<{ release: ReleaseReport; rowsRead: number }> {
  const { header, estimatedLines } = await readHeader(file);
  const layout = hs9Layout(header, file);
  const releaseId = ctx.nextReleaseId;
  const raw = hs9FilePath(store, releaseId, ctx.sha256, "-read");
  const explain = async (cause: unknown): Promise<never> => {
    await rm(raw.absolute, { force: true });
    if (cause instanceof InputError) throw cause;
    // A full disk or a folder not writable is the file system's fault, not the file's: said as such by the store.
    if (fileSystemProblem(cause)) throw cause;
    diagnoseHs9(decodeText(await readFile(file), file, "utf8"), file, ctx.options.through);
    throw new InputError({ file }, `was refused by the CSV reader: ${(cause as Error)?.message?.split("\n")[0] ?? cause}`);
  };
  const progress = ctx.options.onProgress && ((fraction: number) => ctx.options.onProgress!({ file, fraction, rows: Math.round(fraction * estimatedLines) }));

  try {
    if (!(await linesAreWhole(store, file, layout))) await explain(new Error("a line is not in the layout of an HS-9 table"));
  } catch (error) {
    if (error instanceof InputError) throw error;
    await explain(error);
  }

  // One pass: every line checked and written. Months after `through` print 0 but are not published: they are
  // stored as NULL, so that a year-to-date table's empty months are never news. (Zeros inside the published months
  // are written as they are: turning them into NULLs costs a third more time in DuckDB's Parquet writer.)
  const guessed = throughBeforeReading(file, ctx.options.through);
  const amounts = AMOUNT_COLUMNS.map(cellName);
  const totalsDiffer = ["q1", "q2", "v"].map((k) => `${k}_year IS DISTINCT FROM ${MONTHS.map((_, i) => `${k}_${pad(i + 1)}`).join(" + ")}`);
  const badLine = [
    `flow IS NULL OR flow NOT IN (1, 2) OR NOT regexp_full_match(hs_text, '\\d{9}')`,
    ...(layout.hasCustom ? [`NOT regexp_full_match(custom, '\\w{3}')`] : []),
    ...(layout.hasCountry ? [`partner_text NOT IN (SELECT code FROM partners WHERE kind = 'country')`] : []),
    `least(${amounts.join(", ")}) < 0`,
    ...totalsDiffer,
  ];
  const afterThrough = MONTHS.slice(guessed).flatMap((_, i) => ["q1", "q2", "v"].map((k) => `${k}_${pad(guessed + i + 1)} <> 0`));
  const written = `
    SELECT ${releaseId}::INTEGER AS release_id, flow, year, custom, TRY_CAST(hs_text AS UINTEGER) AS hs,
           ${layout.hasCountry ? "TRY_CAST(partner_text AS USMALLINT)" : "0::USMALLINT"} AS partner, unit1, unit2,
           ${HS9_CELL_COLUMNS.map((c) => (monthOf(c) <= guessed ? c : `NULL::BIGINT AS ${c}`)).join(", ")},
           (${badLine.map((b) => `(${b})`).join(" OR ")})::UTINYINT AS bad,
           (${afterThrough.length ? afterThrough.join(" OR ") : "false"})::UTINYINT AS after_through,
           (${HS9_CELL_COLUMNS.filter((c) => monthOf(c) <= guessed).map((c) => `(${c} <> 0)::UTINYINT`).join(" + ") || "0"})::UTINYINT AS nonzero
    FROM (${linesSql(file, layout)})`;
  let stats: ColumnStats;
  let rows: number;
  try {
    const reader = await runWithProgress(store, `COPY (${written}) TO ${sqlString(raw.absolute)} (${HS9_PARQUET}, RETURN_STATS true)`, progress);
    const [result] = reader.getRowObjectsJson() as Record<string, unknown>[];
    rows = Number(result?.count ?? 0);
    stats = rows > 0 ? columnStats(result!) : new Map();
  } catch (error) {
    return explain(error);
  }
  if (rows === 0) return explain(new InputError({ file, line: 2 }, "has a header but no rows"));
  const stat = (c: string) => stats.get(c)!;
  if (stat("bad").max !== "0" || stat("year").min !== stat("year").max || stat("after_through").max !== "0") {
    return explain(new Error("lines failed the checks"));
  }
  const year = Number(stat("year").min);
  const lastMonth = Math.max(0, ...HS9_CELL_COLUMNS.filter((c) => Number(stat(c).max ?? 0) > 0).map(monthOf));
  let through: number;
  try {
    through = throughMonth(file, year, lastMonth, ctx.options.through);
  } catch (error) {
    if (error instanceof InputError) return explain(error);
    await rm(raw.absolute, { force: true });
    throw error;
  }
  if (await hasDuplicateKey(store, sqlString(raw.relative))) return explain(new Error("a key appears twice"));

  const throughLabel = `${year}-${pad(through)}`;
  const stage = ctx.options.stage ?? "unknown";
  await insertRelease(store, {
    releaseId,
    meta: { dataset: "mof.hs9", format: "hs9", stage, released: ctx.options.released ?? null, source: `MoF HS-9 statistical table ${ctx.fileName}`, through: throughLabel },
    fileName: ctx.fileName,
    sha256: ctx.sha256,
    part: 0,
  });
  const kind = { byCustom: layout.hasCustom, byCountry: layout.hasCountry };
  // A table revises the earlier tables of its year, kind and flows only (an imports table is no revision of the exports).
  const flows = [Number(stat("flow").min), Number(stat("flow").max)].filter((f, i, all) => all.indexOf(f) === i);
  const sameKind = (await hs9Files(store, { fromYear: year, toYear: year })).filter((f) => f.byCustom === kind.byCustom && f.byCountry === kind.byCountry);
  const history = sameKind.length === 0 ? [] : await store.rows(`SELECT 1 FROM ${linesOf(sameKind)} WHERE flow IN (${flows.join(", ")}) LIMIT 1`);
  let counts: { added: number; revised: number; unchanged: number };
  if (history.length === 0) {
    // The year's first table: the file as written is the release's file.
    const final = hs9FilePath(store, releaseId, ctx.sha256);
    await rm(final.absolute, { force: true });
    await rename(raw.absolute, final.absolute);
    await store.run(`INSERT INTO hs9_files VALUES (?, ?, ?, ?, ?)`, [releaseId, year, final.relative, kind.byCustom, kind.byCountry]);
    const [{ added }] = (await store.rows<{ added: number }>(
      `SELECT sum(nonzero)::BIGINT AS added FROM read_parquet(${sqlString(final.relative)})`,
    )) as [{ added: number }];
    counts = { added, revised: 0, unchanged: 0 };
  } else {
    counts = await landRevision(store, { releaseId, sha256: ctx.sha256, year, through, flows, raw: raw.relative, ...kind });
    await rm(raw.absolute, { force: true });
  }
  await store.run(`UPDATE releases SET added = ?, revised = ?, unchanged = ? WHERE release_id = ?`, [counts.added, counts.revised, counts.unchanged, releaseId]);
  await refreshHs9Views(store);
  return { release: { releaseId, dataset: "mof.hs9", stage, released: ctx.options.released ?? null, through: throughLabel, ...counts }, rowsRead: counts.added + counts.revised + counts.unchanged };
}

/** Checked on the written file, where the keys are integers and the check is cheap. */
async function hasDuplicateKey(store: Store, lines: string): Promise<boolean> {
  return (await store.rows(`SELECT 1 FROM read_parquet(${lines}) GROUP BY flow, custom, hs, partner HAVING count(*) > 1 LIMIT 1`)).length > 0;
}

/**
 * A table for a year already in the store: keep only the cells that differ from those in force before it (a zero
 * where nothing was is no news; a line gone from the table is revised to zero in its published months).
 */
async function landRevision(
  store: Store,
  r: { releaseId: number; sha256: string; year: number; through: number; flows: number[]; raw: string; byCustom: boolean; byCountry: boolean },
): Promise<{ added: number; revised: number; unchanged: number }> {
  const [{ effective }] = (await store.rows<{ effective: number }>(
    `SELECT date_diff('day', DATE '1970-01-01', effective)::BIGINT * 100000000 + release_id AS effective FROM releases WHERE release_id = ?`, [r.releaseId],
  )) as [{ effective: number }];
  const earlier = (await hs9Files(store, { fromYear: r.year, toYear: r.year }))
    .filter((f) => f.byCustom === r.byCustom && f.byCountry === r.byCountry && f.releaseId !== r.releaseId && f.vintage < effective);
  const inForce = HS9_CELL_COLUMNS.map((c) => `arg_max(${c}, vintage) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`);
  const keys = ["flow", "custom", "hs", "partner"];
  const published = HS9_CELL_COLUMNS.filter((c) => monthOf(c) <= r.through);
  const [nv, bv] = [(c: string) => `coalesce(n.${c}, 0)`, (c: string) => `coalesce(b.${c}, 0)`];
  const count = (condition: (c: string) => string) => published.map((c) => `(${condition(c)})::INTEGER`).join(" + ") || "0";
  await store.run(`CREATE OR REPLACE TEMP TABLE hs9_news AS
    WITH b AS (SELECT ${keys.join(", ")}, any_value(unit1) AS unit1, any_value(unit2) AS unit2, ${inForce.join(", ")}
               FROM ${linesOf(earlier)} WHERE flow IN (${r.flows.join(", ")}) GROUP BY ALL),
         n AS (SELECT * FROM read_parquet(${sqlString(r.raw)}))
    SELECT ${keys.map((k) => `coalesce(n.${k}, b.${k}) AS ${k}`).join(", ")},
           coalesce(n.unit1, b.unit1) AS unit1, coalesce(n.unit2, b.unit2) AS unit2,
           ${HS9_CELL_COLUMNS.map((c) => (monthOf(c) <= r.through ? `CASE WHEN ${nv(c)} <> ${bv(c)} THEN ${nv(c)} END AS ${c}` : `NULL::BIGINT AS ${c}`)).join(", ")},
           ${count((c) => `${nv(c)} <> 0 AND ${bv(c)} = 0`)} AS added,
           ${count((c) => `${bv(c)} <> 0 AND ${nv(c)} <> ${bv(c)}`)} AS revised,
           ${count((c) => `${nv(c)} <> 0 AND ${nv(c)} = ${bv(c)}`)} AS unchanged
    FROM n FULL JOIN b USING (${keys.join(", ")})`);
  const [counts] = await store.rows<{ added: number; revised: number; unchanged: number; lines: number }>(
    `SELECT coalesce(sum(added), 0)::BIGINT AS added, coalesce(sum(revised), 0)::BIGINT AS revised, coalesce(sum(unchanged), 0)::BIGINT AS unchanged,
            count(*) FILTER (WHERE ${HS9_CELL_COLUMNS.map((c) => `${c} IS NOT NULL`).join(" OR ")})::BIGINT AS lines FROM hs9_news`,
  );
  if (counts!.lines > 0) {
    const final = hs9FilePath(store, r.releaseId, r.sha256);
    const columns = HS9_FILE_COLUMNS.map((c) => (c === "release_id" ? `${r.releaseId}::INTEGER AS release_id` : c === "year" ? `${r.year}::SMALLINT AS year` : c));
    await store.run(`COPY (SELECT ${columns.join(", ")}, 0::UTINYINT AS bad, 0::UTINYINT AS after_through, 0::UTINYINT AS nonzero FROM hs9_news
                           WHERE ${HS9_CELL_COLUMNS.map((c) => `${c} IS NOT NULL`).join(" OR ")}) TO ${sqlString(final.absolute)} (${HS9_PARQUET})`);
    await store.run(`INSERT INTO hs9_files VALUES (?, ?, ?, ?, ?)`, [r.releaseId, r.year, final.relative, r.byCustom, r.byCountry]);
  }
  await store.run(`DROP TABLE hs9_news`);
  return { added: counts!.added, revised: counts!.revised, unchanged: counts!.unchanged };
}
