// Results a user can take away: the same rows as an aligned table, CSV, JSON or Parquet, on standard output or
// written atomically to a file (a temporary file beside it, renamed into place: no reader sees half a file).

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { UsageError } from "../errors.js";
import { sqlString } from "../store/sql-text.js";
import { formatTable, thousands, type OutputFormat } from "./output.js";

export { OUTPUT_FORMATS, outputFormat, type OutputFormat } from "./output.js";

export type Row = Record<string, unknown>;

/** A number as text: whole numbers without a decimal point (`1192541404`, never `1192541404.0`), others to 3 decimals. */
export function numberText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? numberText(value) : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: Row[], columns: string[]): string {
  return [columns.map(csvField).join(","), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(","))].join("\n") + "\n";
}

/** JSON with numbers rounded as in CSV, so that a computed difference never prints as 306000000.00000006. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && Number.isFinite(v) ? Number(numberText(v)) : v), 2) + "\n";
}

/** Column types for Parquet: whole numbers as BIGINT, other numbers as DOUBLE, everything else as text. */
function parquetType(rows: Row[], column: string): "BIGINT" | "DOUBLE" | "VARCHAR" {
  const values = rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined);
  if (values.length === 0 || !values.every((v) => typeof v === "number")) return "VARCHAR";
  return (values as number[]).every((v) => Number.isInteger(Math.round(v * 1000) / 1000) && Math.abs(v) < 2 ** 53) ? "BIGINT" : "DOUBLE";
}

/** Rows as a Parquet file at `file`, written by an in-memory DuckDB (zstd, typed columns). */
async function writeParquet(rows: Row[], columns: string[], file: string): Promise<void> {
  const { loadDuckDB } = await import("../store/duckdb.js");
  const { DuckDBInstance } = loadDuckDB();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const types = columns.map((c) => parquetType(rows, c));
    await connection.run(`CREATE TABLE result (${columns.map((c, i) => `"${c.replaceAll('"', '""')}" ${types[i]}`).join(", ")})`);
    const appender = await connection.createAppender("result");
    for (const row of rows) {
      columns.forEach((c, i) => {
        const v = row[c];
        if (v === null || v === undefined) appender.appendNull();
        else if (types[i] === "BIGINT") appender.appendBigInt(BigInt(Math.round(v as number)));
        else if (types[i] === "DOUBLE") appender.appendDouble(v as number);
        else appender.appendVarchar(String(v));
      });
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY result TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A sibling path for a temporary file: same folder (so a rename is atomic), hidden, unique. */
const temporaryBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);

/** Writes `bytes` to `file` whole or not at all: a temporary file beside it, renamed into place. */
export async function writeAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = temporaryBeside(path.resolve(file));
  try {
    await write(temporary);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export interface Output {
  format: OutputFormat;
  /** A file, or `-` / undefined for standard output. */
  out?: string;
}

/**
 * Delivers a result: `table` is the text given for people (or an aligned table of the rows), the other formats are
 * made from the rows and columns. Parquet is binary: on a terminal it is refused rather than printed.
 */
export async function deliver(output: Output, result: { rows: Row[]; columns: string[]; json?: unknown; table?: () => string | Promise<string> }): Promise<void> {
  const toStdout = output.out === undefined || output.out === "-";
  if (output.format === "parquet") {
    if (toStdout && process.stdout.isTTY) throw new UsageError("--format parquet is binary: give --out FILE, or pipe standard output to a file");
    if (!toStdout) {
      await writeAtomically(output.out!, (temporary) => writeParquet(result.rows, result.columns, temporary));
      return wrote(output, result.rows.length);
    }
    const temporary = temporaryBeside(path.join(tmpdir(), "boeki.parquet"));
    try {
      await writeParquet(result.rows, result.columns, temporary);
      process.stdout.write(await readFile(temporary));
    } finally {
      await rm(temporary, { force: true });
    }
    return;
  }
  const text =
    output.format === "csv" ? toCsv(result.rows, result.columns)
    : output.format === "json" ? toJson(result.json ?? result.rows)
    : result.table ? await result.table()
    : formatTable(result.rows, result.columns);
  if (toStdout) return void process.stdout.write(text);
  await writeAtomically(output.out!, (temporary) => writeFile(temporary, text));
  wrote(output, result.rows.length);
}

/** Said on standard error, so that standard output stays the data's. */
const wrote = (output: Output, rows: number) => console.error(`wrote ${output.out} (${output.format}${output.format === "table" ? "" : `, ${thousands(rows)} rows`})`);
