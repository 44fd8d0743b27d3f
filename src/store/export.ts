// Writes the store's observations in the tidy layout (DESIGN §1), CSV or Parquet, through DuckDB's COPY.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseDate } from "./months.js";
import { currentObservationsSql } from "./read.js";
import type { Store } from "./store.js";

export interface ExportOptions {
  format: "csv" | "parquet";
  out: string;
  asOf?: string;
}

export async function exportTidy(store: Store, options: ExportOptions): Promise<{ out: string; format: string; rows: number }> {
  if (options.asOf !== undefined) parseDate(options.asOf, "--as-of");
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const target = options.out.replaceAll("'", "''");
  const how = options.format === "csv" ? "FORMAT csv, HEADER true" : "FORMAT parquet, COMPRESSION zstd";
  // Values keep up to three decimals: thousand yen from a million-yen source are whole, percentages have one.
  await store.run(`COPY (SELECT * REPLACE (round(value, 3) AS value) FROM (${currentObservationsSql(options.asOf)})) TO '${target}' (${how})`);
  const [row] = await store.rows<{ n: number }>(`SELECT count(*) AS n FROM (${currentObservationsSql(options.asOf)})`);
  return { out: options.out, format: options.format, rows: row!.n };
}
