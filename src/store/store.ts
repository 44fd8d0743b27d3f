// The store: one DuckDB file holding every release (vintage) of every series boeki has read.
// Opening it migrates an older file and refreshes the code lists; reads default to the latest vintage.

import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { createHash } from "node:crypto";
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { StoreError } from "../errors.js";
import { GROUP_MEMBERSHIPS, PARTNERS, PRINCIPAL_COMMODITIES } from "../sources/codes/index.js";
import { refreshHs9Views, removeOrphanFiles } from "./hs9-files.js";
import { MIGRATION_STEPS, MIGRATIONS, SCHEMA_VERSION } from "./schema.js";

export const DEFAULT_STORE_PATH = "./boeki.duckdb";

/**
 * DuckDB's memory budget for one boeki process (`BOEKI_MEMORY_LIMIT` to change it): large ingests and exports
 * stream or spill to `<store>.tmp` instead of taking most of the machine, as DuckDB's default of 80% would.
 */
export const MEMORY_LIMIT = process.env.BOEKI_MEMORY_LIMIT ?? "768MB"; // with Node beside it, the process stays under 1 GB

export interface OpenOptions {
  /** Open without taking the write lock; fails when the file does not exist. */
  readOnly?: boolean;
}

type Row = Record<string, unknown>;

/** Converts DuckDB's bigints and dates into plain JSON-friendly values. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value && typeof value === "object" && "toString" in value && value.constructor?.name?.startsWith("DuckDB")) return String(value);
  return value;
}

/** A SQL literal for a code-list value (strings, numbers, null). */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}

export class Store {
  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    /** The folder holding the store file and its `<store>.files` (a temporary folder for `:memory:`). */
    readonly directory: string,
    private readonly instance: DuckDBInstance,
    /** The one connection all work goes through, so that a transaction covers it all. */
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string = DEFAULT_STORE_PATH, options: OpenOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    if (readOnly && path !== ":memory:" && !existsSync(path)) {
      throw new StoreError(`no store at ${path}: ingest something first (boeki ingest FILE, or boeki update)`);
    }
    if (!readOnly && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    } catch (error) {
      throw new StoreError(`cannot open the store ${path}: ${(error as Error).message}`, { cause: error });
    }
    const directory = path === ":memory:" ? mkdtempSync(`${tmpdir()}/boeki-memory-`) : dirname(resolve(path));
    const store = new Store(path, readOnly, directory, instance, await instance.connect());
    // Progress of long statements is read by the CLI's progress bar; DuckDB must not print its own.
    await store.run(`SET enable_progress_bar = true; SET enable_progress_bar_print = false`);
    // The HS-9 files are named relative to the store's folder, so that a store moved with its files still reads them.
    await store.run(`SET file_search_path = '${directory.replaceAll("'", "''")}'`);
    await store.run(`SET memory_limit = '${MEMORY_LIMIT.replaceAll("'", "''")}'`);
    // A store opened for writing does not keep insertion order: every read of boeki's sorts, and writing
    // large tables without it takes half the time. (`boeki sql` opens read-only, with DuckDB's default.)
    if (!readOnly) await store.run(`SET preserve_insertion_order = false`);
    await store.migrate();
    if (!readOnly) await removeOrphanFiles(store);
    return store;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  async rows<T = Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as T);
  }

  /** Column-wise results with plain JS values: several times faster than rows for tens of thousands of rows. */
  async columns(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<Record<string, unknown[]>> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getColumnsObjectJS() as Record<string, unknown[]>;
  }

  async run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      await this.run("ROLLBACK");
      throw error;
    }
  }

  async schemaVersion(): Promise<number> {
    const hasMeta = await this.rows(`SELECT 1 FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`);
    if (hasMeta.length === 0) return 0;
    const [row] = await this.rows<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
    return Number(row?.value ?? 0);
  }

  private async migrate(): Promise<void> {
    const version = await this.schemaVersion();
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`${this.path} was written by a newer boeki (store schema ${version}; this one knows up to ${SCHEMA_VERSION}): upgrade boeki`);
    }
    if (this.readOnly) {
      if (version < SCHEMA_VERSION) throw new StoreError(`${this.path} has store schema ${version}; open it once for writing (boeki ingest) to migrate it to ${SCHEMA_VERSION}`);
      return;
    }
    await this.transaction(async () => {
      for (let v = version; v < SCHEMA_VERSION; v++) {
        for (const statement of MIGRATIONS[v]!) await this.run(statement);
        await MIGRATION_STEPS[v]?.(this);
      }
      if (version < SCHEMA_VERSION) await refreshHs9Views(this);
      await this.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)`, [String(SCHEMA_VERSION)]);
      await this.refreshCodeLists();
    });
  }

  /** Rewrites the code-list tables when the lists compiled into this boeki differ from the stored ones. */
  private async refreshCodeLists(): Promise<void> {
    const lists = JSON.stringify([PARTNERS, GROUP_MEMBERSHIPS, PRINCIPAL_COMMODITIES]);
    const digest = createHash("sha256").update(lists).digest("hex");
    const [stored] = await this.rows<{ value: string }>(`SELECT value FROM meta WHERE key = 'code_lists'`);
    if (stored?.value === digest) return;
    await this.run(`DELETE FROM partners`);
    await this.run(`DELETE FROM partner_groups`);
    await this.run(`DELETE FROM commodities`);
    // One statement per table: row-by-row inserts would add a quarter second to every new store.
    const values = (rows: unknown[][]) => rows.map((r) => `(${r.map(sqlLiteral).join(", ")})`).join(",\n");
    await this.run(`INSERT INTO partners VALUES ${values(PARTNERS.map((p) => [p.code, p.nameEn, p.area, p.kind]))}`);
    await this.run(`INSERT INTO partner_groups SELECT g, p, (f || '-01')::DATE, last_day((t || '-01')::DATE) FROM (VALUES ${values(GROUP_MEMBERSHIPS.map((g) => [g.group, g.partner, g.from, g.to]))}) AS v(g, p, f, t)`);
    await this.run(`INSERT INTO commodities VALUES ${values(PRINCIPAL_COMMODITIES.map((c) => [c.flow, c.code, c.nameEn, c.nameJa, c.parent, c.quantityUnit]))}`);
    await this.run(`INSERT OR REPLACE INTO meta VALUES ('code_lists', ?)`, [digest]);
  }
}
