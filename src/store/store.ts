// The store: one DuckDB file holding every release (vintage) of every series boeki has read.
// Opening it migrates an older file and refreshes the code lists; reads default to the latest vintage.

import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { StoreError } from "../errors.js";
import { GROUP_MEMBERSHIPS, PARTNERS, PRINCIPAL_COMMODITIES } from "../sources/codes/index.js";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema.js";

export const DEFAULT_STORE_PATH = "./boeki.duckdb";

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

export class Store {
  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    /** The one connection all work goes through, so that a transaction covers it all. */
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string = DEFAULT_STORE_PATH, options: OpenOptions = {}): Promise<Store> {
    const readOnly = options.readOnly ?? false;
    if (readOnly && path !== ":memory:" && !existsSync(path)) {
      throw new StoreError(`no store at ${path}: ingest something first (boeki ingest FILE, or boeki update)`);
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    } catch (error) {
      throw new StoreError(`cannot open the store ${path}: ${(error as Error).message}`, { cause: error });
    }
    const store = new Store(path, readOnly, instance, await instance.connect());
    await store.migrate();
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
      for (let v = version; v < SCHEMA_VERSION; v++) for (const statement of MIGRATIONS[v]!) await this.run(statement);
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
    for (const p of PARTNERS) await this.run(`INSERT INTO partners VALUES (?, ?, ?, ?)`, [p.code, p.nameEn, p.area, p.kind]);
    for (const g of GROUP_MEMBERSHIPS) {
      await this.run(`INSERT INTO partner_groups VALUES (?, ?, (? || '-01')::DATE, CASE WHEN ? IS NULL THEN NULL ELSE last_day((? || '-01')::DATE) END)`, [g.group, g.partner, g.from, g.to, g.to]);
    }
    for (const c of PRINCIPAL_COMMODITIES) {
      await this.run(`INSERT INTO commodities VALUES (?, ?, ?, ?, ?, ?)`, [c.flow, c.code, c.nameEn, c.nameJa, c.parent, c.quantityUnit]);
    }
    await this.run(`INSERT OR REPLACE INTO meta VALUES ('code_lists', ?)`, [digest]);
  }
}
