// The store: one DuckDB file holding every release (vintage) of every series boeki has read.
// Opening it migrates an older file and refreshes the code lists; reads default to the latest vintage.

import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { createHash, randomUUID } from "node:crypto";
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { BoekiError, fileSystemProblem, StoreError } from "../errors.js";
import { GROUP_MEMBERSHIPS, PARTNERS, PRINCIPAL_COMMODITIES } from "../sources/codes/index.js";
import { loadDuckDB } from "./duckdb.js";
import { filesFolder, refreshHs9Views, removeOrphanFiles } from "./hs9-files.js";
import { MIGRATION_STEPS, MIGRATIONS, SCHEMA_VERSION } from "./schema.js";
import { sqlString } from "./sql-text.js";

import { DEFAULT_STORE_PATH } from "./paths.js";

export { DEFAULT_STORE_PATH };

/**
 * DuckDB's memory budget for one boeki process (`BOEKI_MEMORY_LIMIT` to change it): large ingests and exports
 * stream or spill to `<store>.tmp` instead of taking most of the machine, as DuckDB's default of 80% would.
 */
export const MEMORY_LIMIT = process.env.BOEKI_MEMORY_LIMIT ?? "768MB"; // with Node beside it, the process stays under 1 GB

export interface OpenOptions {
  /** Open without taking the write lock; fails when the file does not exist. */
  readOnly?: boolean;
  /**
   * How long to wait (ms) while another process holds the store (an ingest in another process, or a reader
   * when this one writes) before giving up with a StoreError. Default 0: give up at once.
   */
  waitMs?: number;
  /** Told once, when the store is held by another process and this open starts to wait for it. */
  onWait?: (message: string) => void;
  /**
   * For queries typed by a user (`boeki sql`): read-only, and DuckDB itself refuses any file or network
   * access (no read_csv, COPY, ATTACH, INSTALL …) and any change of settings. Implies readOnly.
   */
  sandbox?: boolean;
  /** Told of trouble that loses nothing, such as a store that could not fold its write-ahead log on close. */
  onWarning?: (message: string) => void;
}

/** DuckDB's own limits for a sandboxed store: memory and spill space a user's query may take. */
const SANDBOX_MEMORY_LIMIT = "4GB";
const SANDBOX_TEMP_LIMIT = "8GB";

type Row = Record<string, unknown>;

/** Converts DuckDB's bigints and dates into plain JSON-friendly values. */
export function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value && typeof value === "object" && "toString" in value && value.constructor?.name?.startsWith("DuckDB")) return String(value);
  return value;
}

/** A SQL literal for a code-list value (strings, numbers, null). */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  return sqlString(String(value));
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;

/** The process holding the store's lock, from DuckDB's words ("PID 1234, /usr/bin/node"); null for any other error. */
function lockHolder(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock on file/.test(message)) return null;
  const held = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
  return held ? `PID ${held[2]}, ${held[1]}` : "its PID not known";
}

/** A DuckDB or file system failure while writing the store, said plainly; other errors pass through unchanged. */
export function explainStoreFailure(error: unknown, path: string, outcome: string): unknown {
  if (error instanceof BoekiError) return error;
  const problem = fileSystemProblem(error);
  if (problem) return new StoreError(`cannot write the store ${path}: ${problem}; ${outcome} (${firstLine(error)})`, { cause: error });
  if (/^(IO|FATAL) Error/.test(firstLine(error))) return new StoreError(`the store ${path} failed: ${firstLine(error)}; ${outcome}`, { cause: error });
  return error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Store {
  /** Set while a transaction is open on this connection: a transaction inside it joins it. */
  private inTransaction = false;
  /** A transaction of this session committed: what a write-ahead log left on close holds is worth a word. */
  private committed = false;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    /** The folder holding the store file and its `<store>.files` (a temporary folder for `:memory:`). */
    readonly directory: string,
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
    private readonly config: Record<string, string>,
    private readonly onWarning: (message: string) => void,
  ) {}

  /** Opened with `{ sandbox: true }`: DuckDB refuses files, network, extensions and settings. */
  get sandboxed(): boolean {
    return this.config.enable_external_access === "false";
  }

  /** The one connection all work goes through, so that a transaction covers it all. */
  get connection(): DuckDBConnection {
    return this.conn;
  }

  static async open(path: string = DEFAULT_STORE_PATH, options: OpenOptions = {}): Promise<Store> {
    const sandbox = options.sandbox ?? false;
    const readOnly = sandbox || (options.readOnly ?? false);
    if (path !== ":memory:") checkStorePath(path, readOnly);
    const config: Record<string, string> = readOnly ? { access_mode: "READ_ONLY" } : {};
    if (sandbox) {
      // External access is turned off once the store is open (below): before, DuckDB could not be told which one
      // folder stays readable, the store's HS-9 files, which its views read.
      Object.assign(config, {
        autoinstall_known_extensions: "false", autoload_known_extensions: "false",
        allow_community_extensions: "false", memory_limit: SANDBOX_MEMORY_LIMIT, max_temp_directory_size: SANDBOX_TEMP_LIMIT,
      });
    } else {
      config.memory_limit = MEMORY_LIMIT;
    }
    const instance = await createInstance(path, config, options);
    const directory = path === ":memory:" ? mkdtempSync(`${tmpdir()}/boeki-memory-`) : dirname(resolve(path));
    const store = new Store(path, readOnly, directory, instance, await instance.connect(), config, options.onWarning ?? (() => undefined));
    try {
      await store.configureConnection();
      await store.migrate();
      if (!readOnly) await removeOrphanFiles(store);
      if (sandbox) {
        const files = sqlString(`${resolve(directory, filesFolder(store))}/`);
        await refreshHs9Views(store, { temporary: true });
        await store.run(`SET allowed_directories = [${files}]; SET enable_external_access = false; SET lock_configuration = true`);
        config.enable_external_access = "false";
      }
    } catch (error) {
      store.close();
      throw explainStoreFailure(error, path, "the store is as it was");
    }
    return store;
  }

  /**
   * Closes the store. Never throws: what was committed stays committed, and a failure to fold the
   * write-ahead log into the store file on close (a full disk) is a warning, not a failed command.
   */
  close(): void {
    try {
      this.conn.closeSync();
      this.instance.closeSync();
    } catch (error) {
      this.onWarning(`closing the store ${this.path}: ${firstLine(error)}; everything committed is kept`);
    }
    if (this.committed && existsSync(`${this.path}.wal`)) {
      this.onWarning(
        `the store ${this.path} could not fold its write-ahead log into the store file on closing (is the disk full?); ` +
          `everything committed is kept in ${this.path}.wal and is folded in the next time the store is opened for writing`,
      );
    }
  }

  /**
   * Another connection to the same open store. Its reads see the last committed state while a transaction on
   * this one is under way (how a server answers readers during an ingest it runs itself). Close it with
   * closeSession(); close() on the store closes them all.
   */
  async session(): Promise<Store> {
    const session = new Store(this.path, this.readOnly, this.directory, this.instance, await this.instance.connect(), this.config, this.onWarning);
    await session.configureConnection();
    return session;
  }

  /** What each connection needs set for itself (these settings are the connection's, not the database's). */
  private async configureConnection(): Promise<void> {
    // Progress of long statements is read by the CLI's progress bar; DuckDB must not print its own.
    await this.run(`SET enable_progress_bar = true; SET enable_progress_bar_print = false`);
    // The HS-9 files are named relative to the store's folder, so that a store moved with its files still reads them.
    await this.run(`SET file_search_path = ${sqlString(this.directory)}`);
    // A store opened for writing does not keep insertion order: every read of boeki's sorts, and writing
    // large tables without it takes half the time. (`boeki sql` opens read-only, with DuckDB's default.)
    if (!this.readOnly) await this.run(`SET preserve_insertion_order = false`);
  }

  /** Closes a connection made by `session()`, leaving the store open. */
  closeSession(): void {
    this.conn.closeSync();
  }

  async rows<T = Row>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])) as T);
  }

  /** Column-wise results with plain JS values: several times faster than rows for tens of thousands of rows. */
  async columns(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<Record<string, unknown[]>> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getColumnsObjectJS() as Record<string, unknown[]>;
  }

  async run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void> {
    await this.conn.run(sql, params);
  }

  /**
   * Runs `work` in one transaction: all of it lands, or none of it. Called inside another transaction, the
   * work joins that one (so `update` lands three files as one). A failure says what happened (a full disk, a
   * folder not writable) rather than what the rollback after it said; a COMMIT that fails is checked, so that
   * what did land is never reported as lost.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    await this.run("BEGIN TRANSACTION");
    this.inTransaction = true;
    let result: T;
    const token = randomUUID();
    try {
      result = await work();
      // Marks this transaction, so that after a failed COMMIT the store itself says whether it landed.
      await this.run(`INSERT OR REPLACE INTO meta VALUES ('last_transaction', ?)`, [token]);
    } catch (error) {
      this.inTransaction = false;
      await this.conn.run("ROLLBACK").catch(() => undefined); // DuckDB may have rolled back already; the first error is the news
      throw explainStoreFailure(error, this.path, "nothing was written, the store is as it was");
    }
    this.inTransaction = false;
    try {
      await this.run("COMMIT");
    } catch (error) {
      if (!(await this.landed(token, error))) {
        throw explainStoreFailure(error, this.path, "the commit failed and nothing was written, the store is as it was");
      }
    }
    this.committed = true;
    return result;
  }

  /** After a failed COMMIT: did the transaction marked `token` land? Reopens the store when DuckDB gave it up. */
  private async landed(token: string, commitError: unknown): Promise<boolean> {
    const read = async () => (await this.rows<{ value: string }>(`SELECT value FROM meta WHERE key = 'last_transaction'`))[0]?.value === token;
    try {
      return await read();
    } catch {
      // "database has been invalidated": only a fresh instance can read the file again.
    }
    try {
      try {
        this.conn.closeSync();
        this.instance.closeSync();
      } catch {
        // already unusable
      }
      this.instance = await loadDuckDB().DuckDBInstance.create(this.path, this.config);
      this.conn = await this.instance.connect();
      await this.configureConnection();
      return await read();
    } catch (error) {
      throw new StoreError(
        `the commit to ${this.path} failed (${firstLine(commitError)}) and boeki could not reopen the store to tell whether it landed (${firstLine(error)}); ` +
          `run boeki releases once the cause is fixed to see`,
        { cause: commitError },
      );
    }
  }

  /**
   * The store's schema version: 0 for a new, empty database. A DuckDB file that is not a boeki store (tables
   * of its own, no meta) or whose version is not one boeki writes is refused, never written into.
   */
  async schemaVersion(): Promise<number> {
    const tables = await this.rows<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database() ORDER BY 1`,
    );
    if (tables.length === 0) return 0;
    const foreign = (why: string) => new StoreError(`${this.path} is not a boeki store: ${why}; boeki will not use it (--db chooses another file)`);
    if (!tables.some((t) => t.name === "meta")) {
      const names = tables.map((t) => t.name);
      throw foreign(`it is a DuckDB database with tables of its own (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}) and no boeki meta table`);
    }
    let row: { value: unknown } | undefined;
    try {
      [row] = await this.rows<{ value: unknown }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
    } catch (error) {
      throw foreign(`its meta table is not boeki's (${firstLine(error)})`);
    }
    if (row === undefined) throw foreign("its meta table holds no schema_version");
    const text = String(row.value);
    if (!/^[1-9][0-9]{0,8}$/.test(text)) {
      throw foreign(`its schema version is "${text}", and boeki writes whole numbers from 1 to ${SCHEMA_VERSION}; the file is damaged or was written by something else`);
    }
    return Number(text);
  }

  private async migrate(): Promise<void> {
    const version = await this.schemaVersion();
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`${this.path} was written by a newer boeki (store schema ${version}; this one knows up to ${SCHEMA_VERSION}): upgrade boeki`);
    }
    if (this.readOnly) {
      if (version === 0) throw new StoreError(`${this.path} is an empty database, not yet a boeki store: ingest something first (boeki ingest FILE, or boeki update)`);
      if (version < SCHEMA_VERSION) throw new StoreError(`${this.path} has store schema ${version}; open it once for writing (boeki ingest) to migrate it to ${SCHEMA_VERSION}`);
      return;
    }
    // A store already current is not written to at all on open (unless boeki's code lists changed).
    if (version === SCHEMA_VERSION && (await this.codeListsCurrent())) return;
    await this.transaction(async () => {
      for (let v = version; v < SCHEMA_VERSION; v++) {
        for (const statement of MIGRATIONS[v]!) await this.run(statement);
        await MIGRATION_STEPS[v]?.(this);
      }
      if (version < SCHEMA_VERSION) {
        await refreshHs9Views(this);
        await this.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)`, [String(SCHEMA_VERSION)]);
      }
      await this.refreshCodeLists();
    });
  }

  private async codeListsCurrent(): Promise<boolean> {
    const [stored] = await this.rows<{ value: string }>(`SELECT value FROM meta WHERE key = 'code_lists'`);
    return stored?.value === codeListsDigest();
  }

  /** Rewrites the code-list tables when the lists compiled into this boeki differ from the stored ones. */
  private async refreshCodeLists(): Promise<void> {
    const digest = codeListsDigest();
    if (await this.codeListsCurrent()) return;
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

const codeListsDigest = () => createHash("sha256").update(JSON.stringify([PARTNERS, GROUP_MEMBERSHIPS, PRINCIPAL_COMMODITIES])).digest("hex");

/** Refuses, before DuckDB is asked, a path that cannot be a store: missing (to read), a folder, a device, not a DuckDB file. */
function checkStorePath(path: string, readOnly: boolean): void {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) {
    if (readOnly) throw new StoreError(`no store at ${path}: ingest something first (boeki ingest FILE, or boeki update)`);
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create the store ${path}: ${fileSystemProblem(error) ?? firstLine(error)} (making its folder ${dirname(path)})`, { cause: error });
    }
    return;
  }
  if (!info.isFile()) throw new StoreError(`${path} is ${info.isDirectory() ? "a folder" : "not a regular file"}; --db names a store file (boeki.duckdb)`);
  // A DuckDB file says so in its header ("DUCK" at byte 8); anything else is refused before DuckDB guesses at it.
  if (info.size > 0) {
    const head = Buffer.alloc(12);
    let read = 0;
    try {
      const fd = openSync(path, "r");
      try {
        read = readSync(fd, head, 0, 12, 0);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw new StoreError(`cannot open the store ${path}: ${fileSystemProblem(error) ?? firstLine(error)}`, { cause: error });
    }
    if (read < 12 || head.subarray(8, 12).toString("latin1") !== "DUCK") {
      throw new StoreError(`${path} is not a DuckDB database, so not a boeki store (it starts "${head.subarray(0, read).toString("latin1").replace(/[^\x20-\x7e]/g, ".")}"); --db names a store file (boeki.duckdb)`);
    }
  }
}

/** Opens the DuckDB file, waiting up to `waitMs` while another process holds it. */
async function createInstance(path: string, config: Record<string, string>, options: OpenOptions): Promise<DuckDBInstance> {
  const waitMs = options.waitMs ?? 0;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await loadDuckDB().DuckDBInstance.create(path, config);
    } catch (error) {
      const holder = lockHolder(error);
      if (holder === null) {
        const problem = fileSystemProblem(error);
        throw new StoreError(`cannot open the store ${path}: ${problem ? `${problem} (${firstLine(error)})` : firstLine(error)}`, { cause: error });
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StoreError(
          `the store ${path} is in use by another process (${holder}), probably an ingest${waitMs > 0 ? `, for longer than the ${waitMs / 1000} s waited` : ""}; ` +
            `try again when it is done, or wait longer with --wait SECONDS`,
          { cause: error },
        );
      }
      if (!told) {
        options.onWait?.(`the store ${path} is in use by another process (${holder}); waiting up to ${waitMs / 1000} s for it (--wait)`);
        told = true;
      }
      await sleep(Math.min(100, left));
    }
  }
}
