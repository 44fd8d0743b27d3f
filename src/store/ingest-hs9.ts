// Lands an HS-9 statistical table: DuckDB parses the file straight into a staging table (the fast path),
// SQL checks it, and only lines with news are kept. When DuckDB or the checks refuse the file, the table
// is read again in JavaScript to say exactly which line and column is wrong.

import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { AMOUNT_COLUMNS, diagnoseHs9, hs9Layout, MONTHS, MONTH_MEASURES, throughMonth, type Hs9Layout } from "../sources/hs9-table.js";
import { decodeText } from "../sources/text.js";
import { insertRelease, VINTAGE_ORDER, type IngestOptions, type ReleaseReport } from "./ingest.js";
import { HS9_CELL_COLUMNS } from "./schema.js";
import type { Store } from "./store.js";

/** `Quantity1-Jan` → `q1_01`; `Value-Year` → `v_year`. */
function cellName(column: string): string {
  const [measure, month] = column.split("-") as [string, string];
  const m = measure === "Quantity1" ? "q1" : measure === "Quantity2" ? "q2" : "v";
  return month === "Year" ? `${m}_year` : `${m}_${String(MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1).padStart(2, "0")}`;
}

function readCsvSql(file: string, layout: Hs9Layout): string {
  const types = layout.columns.map((c) => {
    const type = AMOUNT_COLUMNS.includes(c) ? "BIGINT" : c === "Year" ? "SMALLINT" : "VARCHAR";
    return `'${c.replaceAll("'", "''")}': '${type}'`;
  });
  return `read_csv('${file.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            strict_mode = true, null_padding = false, all_varchar = false, columns = {${types.join(", ")}})`;
}

const q = (name: string) => `"${name}"`;

async function readHeader(file: string): Promise<string> {
  const text = decodeText(new Uint8Array((await readFile(file)).subarray(0, 8192)), file, "utf8");
  return text.split("\n")[0] ?? "";
}

/** Runs a query task by task so that a progress bar can follow DuckDB's own progress through the file. */
async function runWithProgress(store: Store, sql: string, onProgress?: (fraction: number, rows: number) => void): Promise<void> {
  const pending = await store.connection.start(sql);
  let last = 0;
  for (;;) {
    const state = pending.runTask();
    if (state === 0 /* RESULT_READY */) break;
    if (onProgress && Date.now() - last > 200) {
      last = Date.now();
      const { percentage, rows_processed } = store.connection.progress;
      if (percentage >= 0) onProgress(percentage / 100, Number(rows_processed));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await pending.getResult();
}

export async function landHs9Table(
  store: Store,
  file: string,
  ctx: { fileName: string; sha256: string; options: IngestOptions; nextReleaseId: number },
): Promise<{ release: ReleaseReport; rowsRead: number }> {
  const layout = hs9Layout(await readHeader(file), file);
  const explain = async (cause: unknown): Promise<never> => {
    diagnoseHs9(decodeText(await readFile(file), file, "utf8"), file, ctx.options.through);
    throw new InputError({ file }, `was refused by the CSV reader: ${(cause as Error)?.message?.split("\n")[0] ?? cause}`);
  };

  const select = [
    `CASE "Exp or Imp" WHEN '1' THEN 'export' WHEN '2' THEN 'import' END AS flow`,
    `"Exp or Imp" AS flow_code`,
    `"Year" AS year`,
    layout.hasCustom ? `trim("Custom") AS custom` : `'' AS custom`,
    `trim(replace("HS", '''', '')) AS hs`,
    layout.hasCountry ? `trim("Country") AS partner` : `'world' AS partner`,
    `coalesce(trim("Unit1"), '') AS unit1`,
    `coalesce(trim("Unit2"), '') AS unit2`,
    ...AMOUNT_COLUMNS.map((c) => `${q(c)} AS ${cellName(c)}`),
  ];
  try {
    await runWithProgress(
      store,
      `CREATE OR REPLACE TEMP TABLE hs9_staged AS SELECT ${select.join(", ")} FROM ${readCsvSql(file, layout)}`,
      ctx.options.onProgress && ((fraction, rows) => ctx.options.onProgress!({ file, fraction, rows })),
    );
  } catch (error) {
    await explain(error);
  }

  const monthHasData = MONTHS.map((_, i) => {
    const m = String(i + 1).padStart(2, "0");
    return `max(CASE WHEN q1_${m} > 0 OR q2_${m} > 0 OR v_${m} > 0 THEN ${i + 1} ELSE 0 END)`;
  });
  const amounts = AMOUNT_COLUMNS.map(cellName);
  const totalsMismatch = MONTH_MEASURES.map((_, k) => {
    const m = ["q1", "q2", "v"][k]!;
    return `${m}_year <> ${MONTHS.map((__, i) => `${m}_${String(i + 1).padStart(2, "0")}`).join(" + ")}`;
  });
  const [check] = await store.rows<{ rows: number; bad: number; years: number; year: number; last_month: number; keys: number }>(`
    SELECT count(*) AS rows,
           count(*) FILTER (WHERE flow IS NULL OR NOT regexp_full_match(hs, '\\d{9}')
                               OR (custom <> '' AND NOT regexp_full_match(custom, '\\w{3}'))
                               OR (partner <> 'world' AND partner NOT IN (SELECT code FROM partners WHERE kind = 'country'))
                               OR least(${amounts.join(", ")}) < 0
                               OR ${totalsMismatch.join(" OR ")}) AS bad,
           count(DISTINCT year) AS years, min(year) AS year,
           greatest(${monthHasData.join(", ")}) AS last_month,
           count(DISTINCT (flow, custom, hs, partner)) AS keys
    FROM hs9_staged`);
  if (!check || check.rows === 0) throw new InputError({ file, line: 2 }, "has a header but no rows");
  if (check.bad > 0 || check.years !== 1 || check.keys !== check.rows) await explain(new Error(`${check.bad} rows failed the checks`));
  let through: number;
  try {
    through = throughMonth(file, check.year, check.last_month, ctx.options.through);
  } catch (error) {
    if (error instanceof InputError) await explain(error);
    throw error;
  }

  const releaseId = ctx.nextReleaseId;
  const throughLabel = `${check.year}-${String(through).padStart(2, "0")}`;
  await insertRelease(store, {
    releaseId,
    meta: { dataset: "mof.hs9", format: "hs9", stage: ctx.options.stage ?? "unknown", released: ctx.options.released ?? null, source: `MoF HS-9 statistical table ${ctx.fileName}`, through: throughLabel },
    fileName: ctx.fileName,
    sha256: ctx.sha256,
    part: 0,
  });
  // Months after `through` print 0 but are not published: they become NULL, i.e. no figure.
  const published = (cell: string) => (Number(cell.slice(-2)) <= through ? cell : `NULL`);
  const [{ has_history }] = (await store.rows<{ has_history: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM hs9_lines WHERE year = ?) AS has_history`, [check.year],
  )) as [{ has_history: boolean }];

  let counts: { added: number; revised: number; unchanged: number };
  if (!has_history) {
    await store.run(`INSERT INTO hs9_lines SELECT ${releaseId}, flow, year, custom, hs, partner, unit1, unit2, ${HS9_CELL_COLUMNS.map(published).join(", ")} FROM hs9_staged`);
    const nonZero = HS9_CELL_COLUMNS.filter((c) => Number(c.slice(-2)) <= through).map((c) => `(${c} <> 0)::INTEGER`);
    const [row] = await store.rows<{ added: number }>(`SELECT coalesce(sum(${nonZero.join(" + ")}), 0)::BIGINT AS added FROM hs9_staged`);
    counts = { added: row!.added, revised: 0, unchanged: 0 };
  } else {
    counts = await landRevision(store, releaseId, check.year, published);
  }
  await store.run(`UPDATE releases SET added = ?, revised = ?, unchanged = ? WHERE release_id = ?`, [counts.added, counts.revised, counts.unchanged, releaseId]);
  await store.run(`DROP TABLE hs9_staged`);
  return {
    release: { releaseId, dataset: "mof.hs9", stage: ctx.options.stage ?? "unknown", released: ctx.options.released ?? null, through: throughLabel, ...counts },
    rowsRead: counts.added + counts.revised + counts.unchanged,
  };
}

/** A table for a year already in the store: keep only the cells that differ from those in force. */
async function landRevision(store: Store, releaseId: number, year: number, published: (cell: string) => string) {
  const inForce = HS9_CELL_COLUMNS.map((c) => `max_by(l.${c}, ${VINTAGE_ORDER}) FILTER (WHERE l.${c} IS NOT NULL) AS ${c}`);
  await store.run(`CREATE OR REPLACE TEMP TABLE hs9_before AS
    SELECT l.flow, l.custom, l.hs, l.partner, ${inForce.join(", ")}
    FROM hs9_lines l JOIN releases r USING (release_id)
    WHERE l.year = ${year} AND l.release_id <> ${releaseId} AND r.effective <= (SELECT effective FROM releases WHERE release_id = ${releaseId})
    GROUP BY ALL`);
  const news = HS9_CELL_COLUMNS.map((c) => `CASE WHEN b.${c} IS NOT DISTINCT FROM n.${c} THEN NULL ELSE n.${c} END AS ${c}`);
  await store.run(`CREATE OR REPLACE TEMP TABLE hs9_news AS
    SELECT n.flow, n.year, n.custom, n.hs, n.partner, n.unit1, n.unit2, ${news.join(", ")},
           ${HS9_CELL_COLUMNS.map((c) => `(n.${c} IS NOT NULL AND b.${c} IS NULL AND n.${c} <> 0)::INTEGER`).join(" + ")} AS added,
           ${HS9_CELL_COLUMNS.map((c) => `(n.${c} IS NOT NULL AND b.${c} IS NOT NULL AND n.${c} <> b.${c})::INTEGER`).join(" + ")} AS revised,
           ${HS9_CELL_COLUMNS.map((c) => `(n.${c} IS NOT NULL AND n.${c} = b.${c} AND n.${c} <> 0)::INTEGER`).join(" + ")} AS unchanged
    FROM (SELECT flow, year, custom, hs, partner, unit1, unit2, ${HS9_CELL_COLUMNS.map((c) => `${published(c)} AS ${c}`).join(", ")} FROM hs9_staged) n
    LEFT JOIN hs9_before b USING (flow, custom, hs, partner)`);
  await store.run(`INSERT INTO hs9_lines SELECT ${releaseId}, flow, year, custom, hs, partner, unit1, unit2, ${HS9_CELL_COLUMNS.join(", ")}
    FROM hs9_news WHERE ${HS9_CELL_COLUMNS.map((c) => `${c} IS NOT NULL`).join(" OR ")}`);
  const [counts] = await store.rows<{ added: number; revised: number; unchanged: number }>(
    `SELECT coalesce(sum(added), 0)::BIGINT AS added, coalesce(sum(revised), 0)::BIGINT AS revised, coalesce(sum(unchanged), 0)::BIGINT AS unchanged FROM hs9_news`,
  );
  await store.run(`DROP TABLE hs9_before`);
  await store.run(`DROP TABLE hs9_news`);
  return counts!;
}
