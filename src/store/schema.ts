// The store's tables, and the migrations that bring any earlier store file up to them.
// A store made by a newer boeki is refused rather than misread.

import { MONTHS } from "../sources/hs9-table.js";

export const SCHEMA_VERSION = 3;

const pad = (m: number) => String(m).padStart(2, "0");
/** Month columns of `hs9_lines`: q1_01 … q1_12, q2_01 …, v_01 …, one per cell of the published table. */
export const HS9_CELL_COLUMNS = ["q1", "q2", "v"].flatMap((m) => MONTHS.map((_, i) => `${m}_${pad(i + 1)}`));
const HS9_MEASURE = { q1: "quantity1", q2: "quantity2", v: "value" } as const;

/**
 * The HS-9 tables are stored as published, one row per line and a column per month and measure, because
 * turning ~10 million cells into long rows at ingest costs four times the parse; this view shows them long.
 * A NULL cell holds no news in that release: a month not yet published, or a figure unchanged from before.
 */
function hs9ObservationsView(): string {
  const cells = HS9_CELL_COLUMNS.map((c) => {
    const [m, month] = c.split("_") as ["q1" | "q2" | "v", string];
    const unit = m === "v" ? "'JPY_thousand'" : m === "q1" ? "unit1" : "unit2";
    return `(${Number(month)}, '${HS9_MEASURE[m]}', ${c}, ${unit})`;
  });
  return `CREATE OR REPLACE VIEW hs9_observations AS
    SELECT l.release_id, CASE l.flow WHEN 1 THEN 'export' ELSE 'import' END AS flow, l.custom,
           CASE l.partner WHEN 0 THEN 'world' ELSE lpad(l.partner::VARCHAR, 3, '0') END AS partner,
           'hs:' || lpad(l.hs::VARCHAR, 9, '0') AS commodity,
           make_date(l.year, c.month, 1) AS period, c.measure, c.value::DOUBLE AS value, c.unit
    FROM hs9_lines l, LATERAL (VALUES ${cells.join(", ")}) AS c(month, measure, value, unit)
    WHERE c.value IS NOT NULL AND c.unit <> ''`; // a blank unit: the line has no such quantity
}

/** Each entry moves the store from version i to i + 1. */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
    `CREATE TABLE releases (
       release_id INTEGER PRIMARY KEY,
       dataset VARCHAR NOT NULL,
       format VARCHAR NOT NULL,
       file_name VARCHAR NOT NULL,
       sha256 VARCHAR NOT NULL,
       part INTEGER NOT NULL,            -- a file holding several publications (tidy) is one release per part
       stage VARCHAR NOT NULL,
       released DATE,                    -- when the publisher released it; NULL when unknown
       ingested_at TIMESTAMP NOT NULL,
       effective DATE NOT NULL,          -- released, or the ingest day when unknown: orders vintages and answers as-of
       source VARCHAR NOT NULL,
       through VARCHAR,                  -- last month with figures, YYYY-MM
       added BIGINT NOT NULL,
       revised BIGINT NOT NULL,
       unchanged BIGINT NOT NULL,
       UNIQUE (sha256, part))`,
    `CREATE TABLE observations (
       dataset VARCHAR NOT NULL, period DATE NOT NULL, flow VARCHAR NOT NULL, partner VARCHAR NOT NULL,
       commodity VARCHAR NOT NULL, measure VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
       release_id INTEGER NOT NULL)`,
    `CREATE TABLE hs9_lines (
       -- Keys as the Ministry codes them, in integers: 1 export / 2 import, the 9-digit HS code, the 3-digit
       -- country (0 when the table has no Country column: the world). Integers write four times faster than text.
       release_id INTEGER NOT NULL, flow UTINYINT NOT NULL, year SMALLINT NOT NULL, custom VARCHAR NOT NULL,
       hs UINTEGER NOT NULL, partner USMALLINT NOT NULL, unit1 VARCHAR NOT NULL, unit2 VARCHAR NOT NULL,
       ${HS9_CELL_COLUMNS.map((c) => `${c} BIGINT`).join(", ")})`,
    `CREATE TABLE partners (code VARCHAR PRIMARY KEY, name_en VARCHAR NOT NULL, area VARCHAR, kind VARCHAR NOT NULL)`,
    `CREATE TABLE partner_groups (group_code VARCHAR NOT NULL, partner VARCHAR NOT NULL, valid_from DATE NOT NULL, valid_to DATE)`,
    `CREATE TABLE commodities (flow VARCHAR NOT NULL, code VARCHAR NOT NULL, name_en VARCHAR NOT NULL, name_ja VARCHAR,
       parent VARCHAR, quantity_unit VARCHAR, PRIMARY KEY (flow, code))`,
    hs9ObservationsView(),
  ],
  [
    // Economists' forecasts for a release (a Reuters poll, a bank's preview), several per month and metric.
    `CREATE TABLE consensus (
       period VARCHAR NOT NULL,          -- YYYY-MM the forecast is for
       metric VARCHAR NOT NULL,          -- exports_yoy, imports_yoy (pct) or balance (JPY billion)
       value DOUBLE NOT NULL,
       source VARCHAR NOT NULL,
       published DATE NOT NULL,          -- when the forecast was made public; as-of reads only earlier ones
       recorded_at TIMESTAMP NOT NULL,
       PRIMARY KEY (period, metric, source, published))`,
  ],
  [
    // The HS-9 lines move into one Parquet file per release beside the store (src/store/hs9-files.ts moves
    // an older store's lines, then replaces the table by views over the files).
    `CREATE TABLE hs9_files (
       release_id INTEGER PRIMARY KEY,
       year SMALLINT NOT NULL,
       path VARCHAR NOT NULL,            -- relative to the store's directory
       by_custom BOOLEAN NOT NULL,       -- the table has a Custom column
       by_country BOOLEAN NOT NULL)`,    // the table has a Country column (else the lines are the world's)
  ],
];

/** Work a migration needs beyond SQL statements, after the statements of the step from version i. */
export const MIGRATION_STEPS: Record<number, (store: import("./store.js").Store) => Promise<void>> = {
  2: async (store) => {
    const { moveHs9LinesToFiles } = await import("./hs9-files.js");
    await moveHs9LinesToFiles(store);
  },
};

