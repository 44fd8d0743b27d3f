// Lands a tidy CSV or Parquet file through DuckDB, streaming it: one grouping pass checks every row and finds the
// releases (one per stage, released, source), a second writes the rows straight into the store; the few-valued
// fields and duplicate keys are checked on what was written, inside the ingest's transaction. Where a key repeats
// or the dataset already holds the months, the rows go through a temporary table and land release by release.
// On a refusal, the parser (sources/tidy) reads the file again to name the line and column.

import { open as openFile } from "node:fs/promises";
import { MEASURES, STAGES, type Measure, type ReleaseMeta } from "../domain.js";
import { InputError } from "../errors.js";
import { isUtf8File } from "../sources/csv.js";
import type { SourceFormat } from "../sources/index.js";
import { sqlString } from "./sql-text.js";
import { measureBounds, MAX_AMOUNT } from "../sources/numbers.js";
import {
  checkTidyHeader, diagnoseTidyCsv, readTidyRow, splitTidyLine, TIDY_COLUMNS, TIDY_FIELD_CHECKS, TIDY_NUMBER, tidyCsvRows, VALUE_UNITS, YEN_MEASURES,
  type TidyRow,
} from "../sources/tidy.js";
import { insertRelease, landRelease, nextReleaseId, releaseReports, type IngestOptions, type ReleaseReport } from "./ingest.js";
import type { Store } from "./store.js";


/**
 * A tidy CSV as DuckDB reads it: every field text, one spare column to catch an extra field (DuckDB would pass
 * over extra empty fields), and a null string no field holds so that a short row reads as NULLs, not as blanks.
 * Rows are numbered in file order (DuckDB's streaming row_number, blank lines not counted) when asked: the
 * numbering makes the pass single-threaded, so the write goes without it.
 */
function csvRows(file: string, numbered: boolean): string {
  const columns = [...TIDY_COLUMNS, "_extra"].map((c) => `'${c}': 'VARCHAR'`).join(", ");
  return `SELECT ${numbered ? "row_number() OVER ()" : "0"} AS rn, ${TIDY_COLUMNS.map((c) => `"${c}"`).join(", ")}, "_extra" IS NULL AND "source" IS NOT NULL AS whole
    FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true,
                  null_padding = true, nullstr = '\u0001\u0002\u0003', encoding = 'utf-8', columns = {${columns}})`;
}

function parquetRows(file: string): string {
  return `SELECT file_row_number + 1 AS rn, ${TIDY_COLUMNS.map((c) => `coalesce(CAST("${c}" AS VARCHAR), '') AS "${c}"`).join(", ")}, true AS whole
    FROM read_parquet(${sqlString(file)}, file_row_number = true)`;
}

/**
 * The rows typed: the value in the store's unit, whether the row is good by the checks of sources/tidy `tidyValue`
 * and the period's form (in SQL, for every row), and a hash of its release. The fields that take few values are
 * checked per distinct value (`fieldsAreGood`).
 */
/** The measures in yen (stored in thousand yen), as a SQL condition. */
const YEN = `measure IN (${YEN_MEASURES.map((m) => `'${m}'`).join(", ")})`;

function typedRows(rows: string): string {
  const factor = Object.entries(VALUE_UNITS).map(([unit, f]) => `WHEN '${unit}' THEN ${f}::DOUBLE`).join(" ");
  const bounds = MEASURES.map((m: Measure) => {
    const { min, max } = measureBounds(m);
    return `WHEN '${m}' THEN v >= ${min} AND v ${max === MAX_AMOUNT ? "<" : "<="} ${max}`;
  });
  return `WITH valued AS (
      SELECT *, TRY_CAST("value" AS DOUBLE) * (CASE WHEN ${YEN} THEN CASE unit ${factor} END ELSE 1::DOUBLE END) + 0.0 AS v
      FROM (${rows}))
    SELECT rn, stage, released, source, period, flow, partner, commodity, measure, unit, v AS value,
           hash(stage, released, source) AS release_key,
           coalesce(whole AND regexp_full_match(period, '[0-9]{4}-(0[1-9]|1[0-2])') AND regexp_full_match("value", '${TIDY_NUMBER}')
                    AND isfinite(v) AND CASE measure ${bounds.join(" ")} END, false) AS good
    FROM valued`;
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

/** What the first pass tells, without keeping the rows: bad rows, and the releases in the order they first appear. */
interface Survey {
  rows: number;
  bad: number;
  firstBad: number | null;
  releases: TidyReleaseRow[];
  /** Two releases with one hash (never seen; then the careful path groups by the fields themselves). */
  collision: boolean;
}

async function survey(store: Store, rows: string): Promise<Survey> {
  const groups = await store.rows<TidyReleaseRow & { bad: number; first_bad: number | null; one: boolean }>(`
    SELECT min(stage) AS stage, min(released) AS released, min(source) AS source, min(rn) AS first, count(*) AS rows,
           min(period) AS since, max(period) AS through, release_key::VARCHAR AS key,
           count(*) FILTER (WHERE NOT good) AS bad, min(rn) FILTER (WHERE NOT good) AS first_bad,
           min(stage) = max(stage) AND min(released) = max(released) AND min(source) = max(source) AS one
    FROM (${typedRows(rows)}) GROUP BY release_key`);
  const bad = groups.filter((g) => g.bad > 0);
  return {
    rows: groups.reduce((n, g) => n + g.rows, 0),
    bad: bad.reduce((n, g) => n + g.bad, 0),
    firstBad: bad.length ? Math.min(...bad.map((g) => g.first_bad!)) : null,
    releases: groups.sort((a, b) => a.first - b.first),
    collision: groups.some((g) => g.one === false),
  };
}

/**
 * Whether the distinct values of the fields that take few (flows, partners, codes, measures and units) pass the
 * parser's own checks: one grouping pass over `relation` in DuckDB, the checks in JavaScript, the same functions
 * as per row. (Periods and values are checked per row, releases once each.)
 */
async function fieldsAreGood(store: Store, relation: string): Promise<boolean> {
  const sets = await store.columns(`
    SELECT grouping(flow, partner, measure) AS set_id, flow, partner, commodity, measure, unit
    FROM ${relation} GROUP BY GROUPING SETS ((flow, commodity), (partner), (measure, unit), (flow, measure))`);
  const c = TIDY_FIELD_CHECKS;
  const at = (name: string, i: number) => sets[name]![i] as string;
  // grouping(flow, partner, measure): a bit set = not grouped by that field.
  const FLOW_COMMODITY = 0b011, PARTNER = 0b101, MEASURE_UNIT = 0b110, FLOW_MEASURE = 0b010;
  for (let i = 0; i < sets.set_id!.length; i++) {
    const set = Number(sets.set_id![i]);
    const problem =
      (set === FLOW_COMMODITY && (c.flow(at("flow", i)) || c.commodity(at("flow", i), at("commodity", i)))) ||
      (set === PARTNER && c.partner(at("partner", i))) ||
      (set === MEASURE_UNIT && (c.measure(at("measure", i)) || c.unit(at("measure", i), at("unit", i)))) ||
      (set === FLOW_MEASURE && c.flowMeasure(at("flow", i), at("measure", i)));
    if (problem) return false;
  }
  return true;
}

const releaseIsGood = (r: TidyReleaseRow) => !(TIDY_FIELD_CHECKS.stage(r.stage) || TIDY_FIELD_CHECKS.released(r.released) || TIDY_FIELD_CHECKS.source(r.source));

/** Follows DuckDB's own progress through a statement already started, for the progress bar of a large file. */
async function withProgress<T>(store: Store, work: Promise<T>, report?: (fraction: number) => void): Promise<T> {
  if (!report) return work;
  const timer = setInterval(() => {
    const { percentage } = store.connection.progress;
    if (percentage >= 0) report(percentage / 100);
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

export async function landTidy(
  store: Store,
  file: string,
  format: SourceFormat,
  ctx: { fileName: string; sha256: string; options: IngestOptions },
): Promise<{ releases: ReleaseReport[]; rowsRead: number }> {
  const csv = format === "tidy-csv";
  // On any refusal: the parser names the line and column; if it finds nothing, the reader's own words.
  const explain = async (cause: unknown, record?: number | null): Promise<never> => {
    if (csv) await diagnoseTidyCsv(file);
    else await diagnoseParquet(store, file);
    const where = csv && record != null ? (await tidyCsvRows(file, [record])).get(record)?.line : record ?? undefined;
    throw new InputError({ file, ...(where !== undefined ? { line: where } : {}) }, `was refused by the ${csv ? "CSV" : "Parquet"} reader: ${(cause as Error)?.message?.split("\n")[0] ?? cause}`);
  };
  const unreadable = (error: unknown) => (csv ? explain(error) : Promise.reject(new InputError({ file }, `cannot be read as Parquet: ${(error as Error).message.split("\n")[0]}`)));
  if (csv) {
    const { firstLine, endsWithNewline } = await ends(file);
    const header = splitTidyLine(firstLine);
    checkTidyHeader(Array.isArray(header) ? header : [], file);
    if (!endsWithNewline) await explain(new Error("no line end after the last row"));
    if (!(await isUtf8File(file))) await explain(new Error("a byte that is not UTF-8"));
  } else {
    try {
      const columns = await store.rows<{ name: string }>(`SELECT name FROM parquet_schema(?) WHERE num_children IS NULL OR num_children = 0`, [file]);
      checkTidyHeader(columns.map((c) => c.name), file);
    } catch (error) {
      if (error instanceof InputError) throw error;
      await unreadable(error);
    }
  }
  const numbered = csv ? csvRows(file, true) : parquetRows(file);
  const streamed = csv ? csvRows(file, false) : parquetRows(file);

  // Progress: the first pass is about two fifths of the way, the write the rest.
  const onProgress = ctx.options.onProgress;
  const found = await withProgress(store, survey(store, numbered), onProgress && ((f) => onProgress({ file, fraction: 0.4 * f, rows: 0 }))).catch(unreadable);
  if (found.rows === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  if (found.bad > 0) await explain(new Error(`${found.bad} rows failed the checks`), found.firstBad);
  if (!found.releases.every(releaseIsGood)) await explain(new Error("a release's stage, date or source is not allowed"));
  const metasOf = (releases: TidyReleaseRow[]) =>
    releases.map((r, part) => ({
      part,
      rows: r.rows,
      key: r.key,
      meta: {
        dataset: ctx.options.dataset ?? "tidy",
        format,
        stage: ctx.options.stage ?? (r.stage as (typeof STAGES)[number]),
        released: ctx.options.released ?? (r.released || null),
        source: r.source,
        through: r.through,
      },
      where: `stage = ${sqlString(r.stage)} AND released = ${sqlString(r.released)} AND source = ${sqlString(r.source)}`,
    }));
  const releases = found.releases;
  let metas = metasOf(releases);
  const rowsRead = found.rows;
  const dataset = metas[0]!.meta.dataset;
  const since = releases.reduce((min, r) => (r.since < min ? r.since : min), releases[0]!.since);
  const through = releases.reduce((max, r) => (r.through > max ? r.through : max), releases[0]!.through);
  const [{ held }] = (await store.rows<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM observations WHERE dataset = ? AND period BETWEEN ?::DATE AND ?::DATE) AS held`,
    [dataset, `${since}-01`, `${through}-01`],
  )) as [{ held: boolean }];
  if (!held && !found.collision) {
    const progress = onProgress && ((f: number) => onProgress({ file, fraction: 0.4 + 0.6 * f, rows: Math.round(f * found.rows) }));
    const landed = await landAtOnce(store, streamed, metas, ctx, progress).catch(unreadable);
    if (landed === "refused") await explain(new Error("a field holds a value the tidy layout does not allow"));
    if (landed && landed !== "refused") return { releases: landed, rowsRead };
  }

  // A key in two rows (refused in one release; across releases, each release is compared with those before it),
  // or months the dataset holds already: the rows are kept in a temporary table and land release by release.
  try {
    await store.run(`CREATE OR REPLACE TEMP TABLE tidy_rows AS ${typedRows(numbered)}`).catch(unreadable);
    if (!(await fieldsAreGood(store, "tidy_rows"))) await explain(new Error("a field holds a value the tidy layout does not allow"));
    if (found.collision) {
      // Two releases shared a hash: group them by their fields instead.
      metas = metasOf(await store.rows<TidyReleaseRow>(
        `SELECT stage, released, source, min(rn) AS first, count(*) AS rows, min(period) AS since, max(period) AS through, '' AS key
         FROM tidy_rows GROUP BY stage, released, source ORDER BY first`,
      ));
    }
    await refuseDuplicates(store, file, csv);
    const reports: ReleaseReport[] = [];
    for (const m of metas) {
      const incoming = `SELECT (period || '-01')::DATE AS period, flow, partner, commodity, measure, value,
        CASE WHEN ${YEN} THEN 'JPY_thousand' ELSE unit END AS unit FROM tidy_rows WHERE ${m.where}`;
      reports.push(await landRelease(store, { meta: m.meta, fileName: ctx.fileName, sha256: ctx.sha256, part: m.part, incoming }));
    }
    return { releases: reports, rowsRead };
  } finally {
    await store.run(`DROP TABLE IF EXISTS tidy_rows`);
  }
}

/**
 * The common case of a large file, and the fast one: nothing of the dataset in these months and no observation
 * twice, so every row is news and all releases land in one write, straight from the file. The few-valued fields
 * are checked on what was written ("refused" when one is wrong: the caller's error undoes the transaction), and
 * whether a key repeats (grouping the written rows on a hash of the key): then the write is taken back and null
 * returned, for the careful path.
 */
async function landAtOnce(
  store: Store,
  rows: string,
  metas: Array<{ part: number; rows: number; key: string; where: string; meta: ReleaseMeta & { through: string | null } }>,
  ctx: { fileName: string; sha256: string },
  progress?: (fraction: number) => void,
): Promise<ReleaseReport[] | null | "refused"> {
  const first = await nextReleaseId(store);
  const last = first + metas.length - 1;
  for (const m of metas) await insertRelease(store, { releaseId: first + m.part, meta: m.meta, fileName: ctx.fileName, sha256: ctx.sha256, part: m.part });
  const write = store.run(
    `INSERT INTO observations
     SELECT $dataset, (period || '-01')::DATE, flow, partner, commodity, measure, value,
            CASE WHEN ${YEN} THEN 'JPY_thousand' ELSE unit END,
            CASE release_key ${metas.map((m) => `WHEN ${m.key} THEN ${first + m.part}`).join(" ")} END
     FROM (${typedRows(rows)})`, // in file order, unsorted: sorting 2 M rows would triple the write; `boeki export` writes by period
    { dataset: metas[0]!.meta.dataset },
  );
  await withProgress(store, write, progress);
  const written = `(SELECT * FROM observations WHERE release_id BETWEEN ${first} AND ${last})`;
  if (!(await fieldsAreGood(store, written))) return "refused";
  const repeated = await store.rows(`SELECT 1 FROM ${written} GROUP BY hash(period, flow, partner, commodity, measure) HAVING count(*) > 1 LIMIT 1`);
  if (repeated.length > 0) {
    await store.run(`DELETE FROM observations WHERE release_id BETWEEN ? AND ?`, [first, last]);
    await store.run(`DELETE FROM releases WHERE release_id BETWEEN ? AND ?`, [first, last]);
    return null;
  }
  for (const m of metas) await store.run(`UPDATE releases SET added = ? WHERE release_id = ?`, [m.rows, first + m.part]);
  return releaseReports(store, metas.map((m) => first + m.part));
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
