// Lands a tidy CSV or Parquet file through DuckDB: read once into a typed temporary table with every row's
// checks, duplicates found by grouping, then one release per (stage, released, source). A file of any size is
// streamed by DuckDB; on a refusal, the parser (sources/tidy) reads the file again to name the line and column.

import { open as openFile } from "node:fs/promises";
import { MEASURES, STAGES, type Measure } from "../domain.js";
import { InputError } from "../errors.js";
import { measureBounds, MAX_AMOUNT } from "../sources/numbers.js";
import {
  checkTidyHeader, diagnoseTidyCsv, readTidyRow, splitTidyLine, TIDY_COLUMNS, TIDY_FIELD_CHECKS, TIDY_NUMBER, tidyCsvRows, VALUE_UNITS,
  type TidyRow,
} from "../sources/tidy.js";
import type { SourceFormat } from "../sources/index.js";
import { insertRelease, landRelease, nextReleaseId, releaseReports, type IngestOptions, type ReleaseReport } from "./ingest.js";
import type { Store } from "./store.js";

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * A tidy CSV as DuckDB reads it: every field text, one spare column to catch an extra field (DuckDB would pass
 * over extra empty fields), and a null string no field holds so that a short row reads as NULLs, not as blanks.
 * Rows are numbered in file order (DuckDB's streaming row_number), blank lines not counted.
 */
function csvRows(file: string): string {
  const columns = [...TIDY_COLUMNS, "_extra"].map((c) => `'${c}': 'VARCHAR'`).join(", ");
  return `SELECT row_number() OVER () AS rn, ${TIDY_COLUMNS.map((c) => `"${c}"`).join(", ")}, "_extra" IS NULL AND "source" IS NOT NULL AS whole
    FROM read_csv(${literal(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
                  null_padding = true, nullstr = '\u0001\u0002\u0003', encoding = 'utf-8', columns = {${columns}})`;
}

function parquetRows(file: string): string {
  return `SELECT file_row_number + 1 AS rn, ${TIDY_COLUMNS.map((c) => `coalesce(CAST("${c}" AS VARCHAR), '') AS "${c}"`).join(", ")}, true AS whole
    FROM read_parquet(${literal(file)}, file_row_number = true)`;
}

/**
 * The rows with their value in the store's unit and whether that value is good: the checks of sources/tidy
 * `tidyValue`, in SQL, for every row (the other fields take few values and are checked per distinct value).
 */
function typedRowsSql(rows: string): string {
  const factor = Object.entries(VALUE_UNITS).map(([unit, f]) => `WHEN '${unit}' THEN ${f}::DOUBLE`).join(" ");
  const bounds = MEASURES.map((m: Measure) => {
    const { min, max } = measureBounds(m);
    return `WHEN '${m}' THEN v >= ${min} AND v ${max === MAX_AMOUNT ? "<" : "<="} ${max}`;
  });
  return `CREATE OR REPLACE TEMP TABLE tidy_rows AS
    WITH valued AS (
      SELECT *, TRY_CAST("value" AS DOUBLE) * (CASE WHEN measure = 'value' THEN CASE unit ${factor} END ELSE 1::DOUBLE END) + 0.0 AS v
      FROM (${rows}))
    SELECT rn, stage, released, source, period, flow, partner, commodity, measure, unit, v AS value,
           hash(period, flow, partner, commodity, measure) AS observation_key, hash(stage, released, source) AS release_key,
           coalesce(whole AND regexp_full_match("value", '${TIDY_NUMBER}') AND isfinite(v) AND CASE measure ${bounds.join(" ")} END, false) AS good
    FROM valued`;
}

/**
 * The releases in the file (one per stage, released, source; in order of first appearance), after checking that
 * every distinct value of the fields that take few (periods, partners, codes, units, releases) passes the parser's
 * own checks: one grouping pass in DuckDB, the checks in JavaScript, the same functions as per row. Null when one fails.
 */
async function releasesIfFieldsAreGood(store: Store): Promise<TidyReleaseRow[] | null> {
  const sets = await store.columns(`
    SELECT period, flow, partner, commodity, measure, unit, stage, released, source,
           min(rn) AS first, count(*) AS rows, max(period) AS through, min(period) AS since, any_value(release_key)::VARCHAR AS release_key
    FROM tidy_rows GROUP BY GROUPING SETS ((period), (flow, commodity), (partner), (measure, unit), (stage, released, source))`);
  const c = TIDY_FIELD_CHECKS;
  const at = (name: string, i: number) => sets[name]![i] as string | null;
  const releases: TidyReleaseRow[] = [];
  for (let i = 0; i < sets.period!.length; i++) {
    const problem =
      (at("period", i) !== null && c.period(at("period", i)!)) ||
      (at("flow", i) !== null && (c.flow(at("flow", i)!) || c.commodity(at("flow", i)!, at("commodity", i)!))) ||
      (at("partner", i) !== null && c.partner(at("partner", i)!)) ||
      (at("measure", i) !== null && (c.measure(at("measure", i)!) || c.unit(at("measure", i)!, at("unit", i)!))) ||
      (at("stage", i) !== null && (c.stage(at("stage", i)!) || c.released(at("released", i)!) || c.source(at("source", i)!)));
    if (problem) return null;
    if (at("stage", i) !== null) {
      releases.push({
        stage: at("stage", i)!, released: at("released", i)!, source: at("source", i)!,
        first: Number(sets.first![i]), rows: Number(sets.rows![i]), through: at("through", i)!, since: at("since", i)!, key: at("release_key", i)!,
      });
    }
  }
  return releases.sort((a, b) => a.first - b.first);
}

/** The header line and whether the file ends with a line end, read from its ends without reading it whole. */
async function ends(file: string): Promise<{ firstLine: string; endsWithNewline: boolean }> {
  const handle = await openFile(file, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, Math.max(0, size - 1));
    const newline = head.indexOf(0x0a);
    return { firstLine: head.subarray(0, newline < 0 ? head.length : newline).toString("utf8").replace(/\r$/, ""), endsWithNewline: last[0] === 0x0a };
  } finally {
    await handle.close();
  }
}

interface TidyReleaseRow {
  stage: string;
  released: string;
  source: string;
  /** Row number of its first row, to keep the file's order. */
  first: number;
  rows: number;
  /** First and last month, YYYY-MM. */
  since: string;
  through: string;
  /** DuckDB's hash of (stage, released, source), to tell the rows of a release apart cheaply. */
  key: string;
}

export async function landTidy(
  store: Store,
  file: string,
  format: SourceFormat,
  ctx: { fileName: string; sha256: string; options: IngestOptions },
): Promise<{ releases: ReleaseReport[]; rowsRead: number }> {
  const csv = format === "tidy-csv";
  // On any refusal: the parser names the line and column; if it finds nothing, the reader's own words.
  const explain = async (cause: unknown, record?: number): Promise<never> => {
    if (csv) await diagnoseTidyCsv(file);
    else await diagnoseParquet(store, file);
    const where = csv && record !== undefined ? (await tidyCsvRows(file, [record])).get(record)?.line : record;
    throw new InputError({ file, ...(where !== undefined ? { line: where } : {}) }, `was refused by the ${csv ? "CSV" : "Parquet"} reader: ${(cause as Error)?.message?.split("\n")[0] ?? cause}`);
  };
  if (csv) {
    const { firstLine, endsWithNewline } = await ends(file);
    const header = splitTidyLine(firstLine);
    checkTidyHeader(Array.isArray(header) ? header : [], file);
    if (!endsWithNewline) await explain(new Error("no line end after the last row"));
  } else {
    try {
      const columns = await store.rows<{ name: string }>(`SELECT name FROM parquet_schema(?) WHERE num_children IS NULL OR num_children = 0`, [file]);
      checkTidyHeader(columns.map((c) => c.name), file);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError({ file }, `cannot be read as Parquet: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  try {
    await store.run(typedRowsSql(csv ? csvRows(file) : parquetRows(file)));
  } catch (error) {
    if (!csv) throw new InputError({ file }, `cannot be read as Parquet: ${(error as Error).message.split("\n")[0]}`);
    await explain(error);
  }
  try {
    const [check] = await store.rows<{ rows: number; bad: number; first_bad: number | null }>(
      `SELECT count(*) AS rows, count(*) FILTER (WHERE NOT good) AS bad, min(rn) FILTER (WHERE NOT good) AS first_bad FROM tidy_rows`,
    );
    if (check!.rows === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
    if (check!.bad > 0) await explain(new Error(`${check!.bad} rows failed the checks`), check!.first_bad!);
    const releases = (await releasesIfFieldsAreGood(store)) ?? (await explain(new Error("a field holds a value the tidy layout does not allow")));
    // Keys are unique in the whole file unless one repeats: then in each release (refused), or across releases.
    const repeated = (await store.rows(`SELECT 1 FROM tidy_rows GROUP BY observation_key HAVING count(*) > 1 LIMIT 1`)).length > 0;
    if (repeated) await refuseDuplicates(store, file, csv);

    const metas = releases.map((r, part) => ({
      part,
      rows: r.rows,
      meta: {
        dataset: ctx.options.dataset ?? "tidy",
        format,
        stage: ctx.options.stage ?? (r.stage as (typeof STAGES)[number]),
        released: ctx.options.released ?? (r.released || null),
        source: r.source,
        through: r.through,
      },
      where: `stage = ${literal(r.stage)} AND released = ${literal(r.released)} AND source = ${literal(r.source)}`,
    }));
    const dataset = metas[0]!.meta.dataset;
    const since = releases.reduce((min, r) => (r.since < min ? r.since : min), releases[0]!.since);
    const through = releases.reduce((max, r) => (r.through > max ? r.through : max), releases[0]!.through);
    const [{ held }] = (await store.rows<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM observations WHERE dataset = ? AND period BETWEEN ?::DATE AND ?::DATE) AS held`,
      [dataset, `${since}-01`, `${through}-01`],
    )) as [{ held: boolean }];
    const incoming = (where: string) => `SELECT (period || '-01')::DATE AS period, flow, partner, commodity, measure, value,
      CASE WHEN measure = 'value' THEN 'JPY_thousand' ELSE unit END AS unit FROM tidy_rows WHERE ${where}`;

    if (held || repeated) {
      // Each release against what is in force before it, in order: a value already in force is not stored again.
      const reports: ReleaseReport[] = [];
      for (const m of metas) reports.push(await landRelease(store, { meta: m.meta, fileName: ctx.fileName, sha256: ctx.sha256, part: m.part, incoming: incoming(m.where) }));
      return { releases: reports, rowsRead: releases.reduce((n, r) => n + r.rows, 0) };
    }
    // Nothing of this dataset in these months, and no observation twice in the file: every row is news, and all
    // releases land in one write (the common case of a large file, and the fast one).
    const first = await nextReleaseId(store);
    for (const m of metas) await insertRelease(store, { releaseId: first + m.part, meta: m.meta, fileName: ctx.fileName, sha256: ctx.sha256, part: m.part });
    // Rows find their release by the hash of its fields, unless two releases share one (then by the fields).
    const byKey = new Set(releases.map((r) => r.key)).size === releases.length;
    const releaseOf = `CASE ${metas.map((m) => `WHEN ${byKey ? `release_key = ${releases[m.part]!.key}` : m.where} THEN ${first + m.part}`).join(" ")} END`;
    await store.run(
      `INSERT INTO observations
       SELECT $dataset, (period || '-01')::DATE, flow, partner, commodity, measure, value,
              CASE WHEN measure = 'value' THEN 'JPY_thousand' ELSE unit END, ${releaseOf}
       FROM tidy_rows`, // in file order, unsorted: sorting 2 M rows would triple the write; `boeki export` writes by period
      { dataset },
    );
    for (const m of metas) await store.run(`UPDATE releases SET added = ? WHERE release_id = ?`, [m.rows, first + m.part]);
    return { releases: await releaseReports(store, metas.map((m) => first + m.part)), rowsRead: releases.reduce((n, r) => n + r.rows, 0) };
  } finally {
    await store.run(`DROP TABLE IF EXISTS tidy_rows`);
  }
}

/**
 * One release holds each observation once: a second row of a key, with the same value or another, is refused
 * naming both lines. Found by grouping on a hash of the key (linear); only when one is found are the first
 * duplicate's rows looked up exactly.
 */
async function refuseDuplicates(store: Store, file: string, csv: boolean): Promise<void> {
  const key = `stage, released, source, period, flow, partner, commodity, measure`;
  const candidates = await store.rows(`SELECT 1 FROM tidy_rows GROUP BY hash(${key}) HAVING count(*) > 1 LIMIT 1`);
  if (candidates.length === 0) return;
  const [dup] = await store.rows<{ rn: number; first: number; value: number; first_value: number; unit: string; what: string }>(`
    SELECT rn, first, value, first_value, unit, concat_ws(' ', period, flow, partner, commodity, measure) AS what FROM (
      SELECT rn, value, unit, period, flow, partner, commodity, measure,
             min(rn) OVER w AS first, arg_min(value, rn) OVER w AS first_value
      FROM tidy_rows WINDOW w AS (PARTITION BY ${key}))
    WHERE rn > first ORDER BY rn LIMIT 1`);
  if (!dup) return; // two keys with one hash: no duplicate after all
  const lines = csv ? await tidyCsvRows(file, [dup.first, dup.rn]) : null;
  const line = (rn: number) => (csv ? lines!.get(rn)?.line ?? rn + 1 : rn);
  const problem =
    dup.value === dup.first_value
      ? `repeats line ${line(dup.first)}: the observation (${dup.what}) twice in one release; each row must be one observation`
      : `${dup.value} conflicts with ${dup.first_value} at line ${line(dup.first)} (value) for the same observation (${dup.what}); one release holds one value per observation`;
  throw new InputError({ file, line: line(dup.rn), column: "value" }, problem);
}

/** A Parquet file's rows through the parser's checks, for the message (only after the store refused the file). */
async function diagnoseParquet(store: Store, file: string): Promise<void> {
  for (const row of await store.rows<Record<string, unknown>>(`${parquetRows(file)} ORDER BY rn`)) {
    const read = readTidyRow(Object.fromEntries(TIDY_COLUMNS.map((c) => [c, String(row[c] ?? "")])) as TidyRow);
    if ("problem" in read) throw new InputError({ file, line: Number(row.rn), column: read.column }, read.problem);
  }
}
