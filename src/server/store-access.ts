// How the server and the MCP server read the store without standing in the way of `boeki ingest`.
// DuckDB lets one process write or many read, never both: a reader holding the file open makes every ingest
// fail, and an ingest in progress makes every open fail. So the store is opened read-only only while requests
// need it (and a moment after, so a page's burst of requests shares one open), and closed as soon as it is idle.
// Whether the store changed since it was last read is told by the file's size and time (no open needed), so
// repeated requests are answered from the cache without touching the file at all. While another process writes,
// opening fails at once and the caller answers 503: never a half-written state, never a wait that piles up.

import { statSync } from "node:fs";
import { StoreError } from "../errors.js";
import { Store } from "../store/store.js";
import { storeVersion } from "../store/summary.js";

/** The store is being written by another process (an ingest, an update, a consensus set): try again shortly. */
export class StoreBusyError extends StoreError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const pid = /PID (\d+)/.exec(String((cause as Error)?.message ?? cause))?.[1];
    super(`the store ${path} is being written by another process${pid ? ` (PID ${pid})` : ""}, such as boeki ingest or update: try again when it has finished`, { cause });
  }
}

/** A store that does not exist (yet): the server starts anyway, and answers once someone ingests. */
export class StoreMissingError extends StoreError {}

const isLockConflict = (error: unknown): boolean => {
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (/Could not set lock|Conflicting lock/i.test(e.message ?? "")) return true;
  }
  return false;
};

export interface StoreAccessOptions {
  /** How long an idle store stays open, in ms (default 500): long enough for one page's requests, short enough for an ingest. */
  idleCloseMs?: number;
  /** How many pieces of work run at once (default 4); the rest wait their turn, first come first served. */
  concurrency?: number;
}

export class StoreAccess {
  private opened?: Promise<Store>;
  private users = 0;
  private idleTimer?: NodeJS.Timeout;
  private known?: { signature: string; version: string };
  private readonly idleCloseMs: number;
  private readonly concurrency: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly listeners: Array<(version: string) => void> = [];

  constructor(
    readonly path: string,
    options: StoreAccessOptions = {},
  ) {
    this.idleCloseMs = options.idleCloseMs ?? 500;
    this.concurrency = options.concurrency ?? 4;
  }

  /** Called with the new version whenever the store is found changed. */
  onChange(listener: (version: string) => void): void {
    this.listeners.push(listener);
  }

  /** The file's identity, size and time, and its write-ahead log's: any committed write changes one of them. */
  signature(): string {
    const part = (file: string) => {
      try {
        const s = statSync(file, { bigint: true });
        return `${s.ino}:${s.size}:${s.mtimeNs}`;
      } catch {
        return "-";
      }
    };
    return `${part(this.path)}|${part(`${this.path}.wal`)}`;
  }

  /** The store's version (see storeVersion), read again only when the file changed. */
  async version(): Promise<string> {
    const signature = this.signature();
    if (this.known?.signature === signature) return this.known.version;
    // The signature is taken before reading: a write that lands after it changes the signature again.
    const version = await this.use(storeVersion);
    const changed = this.known !== undefined && this.known.version !== version;
    this.known = { signature, version };
    if (changed) for (const listener of this.listeners) listener(version);
    return version;
  }

  /** Runs `work` on the store opened read-only; throws StoreBusyError while another process writes it. */
  async use<T>(work: (store: Store) => Promise<T>): Promise<T> {
    this.users++;
    clearTimeout(this.idleTimer);
    try {
      // A few requests share the one connection at a time (every read of the core is a materialized query, which
      // DuckDB runs one at a time per connection), so that a slow one — a month read for the first time, a second
      // or so — does not hold up quick ones behind it. More at once would only read the same month's data many
      // times over before the first read is kept. (Throughput of checks measured the same either way, 20–40/s,
      // on the loaded 2-core machine: the queries, not the JavaScript, are the cost.)
      if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.running++;
      try {
        return await work(await this.acquire());
      } finally {
        this.running--;
        this.waiting.shift()?.();
      }
    } finally {
      if (--this.users === 0) this.idleTimer = setTimeout(() => void this.release(), this.idleCloseMs);
    }
  }

  /** Whether the store file is open now (it is closed while idle, so that other processes can write it). */
  get isOpen(): boolean {
    return this.opened !== undefined;
  }

  /** Resolves when no work is running or waiting. */
  async idle(): Promise<void> {
    while (this.users > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private acquire(): Promise<Store> {
    this.opened ??= Store.open(this.path, { readOnly: true }).catch((error: unknown) => {
      this.opened = undefined;
      if (isLockConflict(error)) throw new StoreBusyError(this.path, error);
      if (error instanceof StoreError && /^no store at/.test(error.message)) throw new StoreMissingError(error.message);
      throw error;
    });
    return this.opened;
  }

  private async release(): Promise<void> {
    const opened = this.opened;
    if (!opened || this.users > 0) return;
    this.opened = undefined;
    (await opened.catch(() => undefined))?.close();
  }

  /** Closes the store now (server shutdown); later calls open it again. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.release();
  }
}
