// Lands an HS-9 statistical table. DuckDB reads the file twice, which is cheaper than holding it: once to
// check every line (codes, signs, year totals, the last month with figures), once straight into the store.
// When DuckDB or the checks refuse the file, it is read again in JavaScript to say which line and column is wrong.

import { open as openFile, readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { AMOUNT_COLUMNS, diagnoseHs9, hs9LinePattern, hs9Layout, MONTHS, throughMonth, type Hs9Layout } from "../sources/hs9-table.js";
import { isUtf8File } from "../sources/csv.js";
import { decodeText } from "../sources/text.js";
import { insertRelease, VINTAGE_ORDER, type IngestOptions, type ReleaseReport } from "./ingest.js";
import { HS9_CELL_COLUMNS } from "./schema.js";
import type { Store } from "./store.js";

const MEASURE_PREFIX = { Quantity1: "q1", Quantity2: "q2", Value: "v" } as const;
const pad = (month: number) => String(month).padStart(2, "0");

/** `Quantity1-Jan` → `q1_01`; `Value-Year` → `v_year`. */
function cellName(column: string): string {
  const [measure, month] = column.split("-") as [keyof typeof MEASURE_PREFIX, string];
  const m = MEASURE_PREFIX[measure];
  return month === "Year" ? `${m}_year` : `${m}_${pad(MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1)}`;
}

function readCsv(file: string, layout: Hs9Layout): string {
  const types = layout.columns.map((c) => `'${c}': '${AMOUNT_COLUMNS.includes(c) ? "BIGINT" : c === "Year" ? "SMALLINT" : "VARCHAR"}'`);
  return `read_csv('${file.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
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

/** The header line, and about how many lines the file holds (from the length of the first ones), for progress. */
async function readHeader(file: string): Promise<{ header: string; estimatedLines: number }> {
  const bytes = await readFile(file);
  const head = decodeText(new Uint8Array(bytes.subarray(0, 65536)), file, "utf8").split("\n");
  const sample = head.slice(1, -1);
  const meanLength = sample.length ? sample.reduce((n, l) => n + l.length + 1, 0) / sample.length : bytes.length;
  return { header: head[0] ?? "", estimatedLines: Math.round((bytes.length - (head[0]?.length ?? 0)) / meanLength) };
}

/** Runs a statement task by task so that a progress bar can follow DuckDB's own progress through the file. */
async function runWithProgress(store: Store, sql: string, onProgress?: (fraction: number) => void) {
  const pending = await store.connection.start(sql);
  let last = 0;
  while (pending.runTask() !== 0 /* RESULT_READY */) {
    if (onProgress && Date.now() - last > 200) {
      last = Date.now();
      const { percentage } = store.connection.progress;
      if (percentage >= 0) onProgress(percentage / 100);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return pending.readAll();
}

interface Check {
  rows: number;
  bad: number;
  years: number;
  year: number;
  last_month: number;
  /** Non-zero cells per month, `nz_01` … `nz_12`. */
  [nonZeroCells: `nz_${string}`]: number;
}

export async function landHs9Table(
  store: Store,
  file: string,
  ctx: { fileName: string; sha256: string; options: IngestOptions; nextReleaseId: number },
): Promise<{ release: ReleaseReport; rowsRead: number }> {
  const { header, estimatedLines } = await readHeader(file);
  const layout = hs9Layout(header, file);
  const explain = async (cause: unknown): Promise<never> => {
    diagnoseHs9(decodeText(await readFile(file), file, "utf8"), file, ctx.options.through);
    throw new InputError({ file }, `was refused by the CSV reader: ${(cause as Error)?.message?.split("\n")[0] ?? cause}`);
  };
  // Two passes over the file: checking is the first half of the way, writing the second.
  const progress = (pass: number) =>
    ctx.options.onProgress && ((fraction: number) => ctx.options.onProgress!({ file, fraction: (pass + fraction) / 2, rows: Math.round((pass + fraction) * estimatedLines) }));

  try {
    if (!(await linesAreWhole(store, file, layout))) await explain(new Error("a line is not in the layout of an HS-9 table"));
  } catch (error) {
    if (error instanceof InputError) throw error;
    await explain(error);
  }

  // Pass 1: check every line without keeping it.
  const amounts = AMOUNT_COLUMNS.map(cellName);
  const monthCells = (m: number) => ["q1", "q2", "v"].map((k) => `${k}_${pad(m)}`);
  const totalsDiffer = ["q1", "q2", "v"].map((k) => `${k}_year IS DISTINCT FROM ${MONTHS.map((_, i) => `${k}_${pad(i + 1)}`).join(" + ")}`);
  const checkSql = `
    SELECT count(*) AS rows,
           count(*) FILTER (WHERE flow IS NULL OR flow NOT IN (1, 2) OR NOT regexp_full_match(hs_text, '\\d{9}')
                               OR (custom <> '' AND NOT regexp_full_match(custom, '\\w{3}'))
                               OR (partner_text <> '' AND partner_text NOT IN (SELECT code FROM partners WHERE kind = 'country'))
                               OR least(${amounts.join(", ")}) < 0
                               OR ${totalsDiffer.join(" OR ")}) AS bad,
           count(DISTINCT year) AS years, min(year) AS year,
           greatest(${MONTHS.map((_, i) => `max(CASE WHEN ${monthCells(i + 1).map((c) => `${c} > 0`).join(" OR ")} THEN ${i + 1} ELSE 0 END)`).join(", ")}) AS last_month,
           ${MONTHS.map((_, i) => `sum(${monthCells(i + 1).map((c) => `(${c} <> 0)::INTEGER`).join(" + ")}) AS nz_${pad(i + 1)}`).join(",\n           ")}
    FROM (${linesSql(file, layout)})`;
  let check: Check;
  try {
    const reader = await runWithProgress(store, checkSql, progress(0));
    check = reader.getRowObjectsJson()[0] as unknown as Check;
    for (const key of Object.keys(check)) (check as unknown as Record<string, number>)[key] = Number((check as unknown as Record<string, unknown>)[key]);
  } catch (error) {
    return explain(error);
  }
  if (check.rows === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  if (check.bad > 0 || check.years !== 1) await explain(new Error(`${check.bad} lines failed the checks`));
  let through: number;
  try {
    through = throughMonth(file, check.year, check.last_month, ctx.options.through);
  } catch (error) {
    if (error instanceof InputError) await explain(error);
    throw error;
  }

  const releaseId = ctx.nextReleaseId;
  const throughLabel = `${check.year}-${pad(through)}`;
  const stage = ctx.options.stage ?? "unknown";
  await insertRelease(store, {
    releaseId,
    meta: { dataset: "mof.hs9", format: "hs9", stage, released: ctx.options.released ?? null, source: `MoF HS-9 statistical table ${ctx.fileName}`, through: throughLabel },
    fileName: ctx.fileName,
    sha256: ctx.sha256,
    part: 0,
  });

  // Pass 2: into the store. Months after `through` print 0 but are not published: they become NULL.
  const published = (cell: string) => (Number(cell.slice(-2)) <= through ? cell : `NULL`);
  const stored = `SELECT ${releaseId} AS release_id, flow, year, custom, hs_text::UINTEGER AS hs,
                         CASE partner_text WHEN '' THEN 0 ELSE partner_text::USMALLINT END AS partner, unit1, unit2,
                         ${HS9_CELL_COLUMNS.map((c) => `${published(c)} AS ${c}`).join(", ")}
                  FROM (${linesSql(file, layout)})`;
  const [{ history }] = (await store.rows<{ history: boolean }>(`SELECT EXISTS (SELECT 1 FROM hs9_lines WHERE year = ?) AS history`, [check.year])) as [{ history: boolean }];
  // (The store, opened for writing, does not keep insertion order: that halves this write.)
  let counts: { added: number; revised: number; unchanged: number };
  if (!history) {
    await runWithProgress(store, `INSERT INTO hs9_lines ${stored}`, progress(1));
    counts = { added: MONTHS.slice(0, through).reduce((n, _, i) => n + check[`nz_${pad(i + 1)}`]!, 0), revised: 0, unchanged: 0 };
  } else {
    counts = await landRevision(store, releaseId, check.year, stored, explain);
  }
  if (!history && (await hasDuplicateKey(store, `hs9_lines WHERE release_id = ${releaseId}`))) await explain(new Error("a key appears twice"));
  await store.run(`UPDATE releases SET added = ?, revised = ?, unchanged = ? WHERE release_id = ?`, [counts.added, counts.revised, counts.unchanged, releaseId]);
  return { release: { releaseId, dataset: "mof.hs9", stage, released: ctx.options.released ?? null, through: throughLabel, ...counts }, rowsRead: counts.added + counts.revised + counts.unchanged };
}

/** Checked after the lines are written, where the keys are integers and the check is cheap. */
async function hasDuplicateKey(store: Store, lines: string): Promise<boolean> {
  return (await store.rows(`SELECT 1 FROM ${lines} GROUP BY flow, custom, hs, partner HAVING count(*) > 1 LIMIT 1`)).length > 0;
}

/** A table for a year already in the store: keep only the cells that differ from those in force. */
async function landRevision(store: Store, releaseId: number, year: number, stored: string, explain: (cause: unknown) => Promise<never>) {
  const inForce = HS9_CELL_COLUMNS.map((c) => `max_by(l.${c}, ${VINTAGE_ORDER}) FILTER (WHERE l.${c} IS NOT NULL) AS ${c}`);
  await store.run(`CREATE OR REPLACE TEMP TABLE hs9_before AS
    SELECT l.flow, l.custom, l.hs, l.partner, ${inForce.join(", ")}
    FROM hs9_lines l JOIN releases r USING (release_id)
    WHERE l.year = ${year} AND l.release_id <> ${releaseId} AND r.effective <= (SELECT effective FROM releases WHERE release_id = ${releaseId})
    GROUP BY ALL`);
  const news = HS9_CELL_COLUMNS.map((c) => `CASE WHEN b.${c} IS NOT DISTINCT FROM n.${c} THEN NULL ELSE n.${c} END AS ${c}`);
  const count = (condition: (c: string) => string) => HS9_CELL_COLUMNS.map((c) => `(${condition(c)})::INTEGER`).join(" + ");
  await store.run(`CREATE OR REPLACE TEMP TABLE hs9_news AS
    SELECT n.release_id, n.flow, n.year, n.custom, n.hs, n.partner, n.unit1, n.unit2, ${news.join(", ")},
           ${count((c) => `n.${c} IS NOT NULL AND b.${c} IS NULL AND n.${c} <> 0`)} AS added,
           ${count((c) => `n.${c} IS NOT NULL AND b.${c} IS NOT NULL AND n.${c} <> b.${c}`)} AS revised,
           ${count((c) => `n.${c} IS NOT NULL AND n.${c} = b.${c} AND n.${c} <> 0`)} AS unchanged
    FROM (${stored}) n LEFT JOIN hs9_before b USING (flow, custom, hs, partner)`);
  if (await hasDuplicateKey(store, "hs9_news")) await explain(new Error("a key appears twice"));
  await store.run(`INSERT INTO hs9_lines SELECT release_id, flow, year, custom, hs, partner, unit1, unit2, ${HS9_CELL_COLUMNS.join(", ")}
    FROM hs9_news WHERE ${HS9_CELL_COLUMNS.map((c) => `${c} IS NOT NULL`).join(" OR ")}`);
  const [counts] = await store.rows<{ added: number; revised: number; unchanged: number }>(
    `SELECT coalesce(sum(added), 0)::BIGINT AS added, coalesce(sum(revised), 0)::BIGINT AS revised, coalesce(sum(unchanged), 0)::BIGINT AS unchanged FROM hs9_news`,
  );
  await store.run(`DROP TABLE hs9_before`);
  await store.run(`DROP TABLE hs9_news`);
  return counts!;
}
