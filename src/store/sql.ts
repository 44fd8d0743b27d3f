// Queries typed by a user (`boeki sql`, and any front end that offers SQL): one read-only statement, run in
// DuckDB's sandbox (no files, no network, no settings), stopped after a time limit, read back up to a row limit.

import { UsageError } from "../errors.js";
import { loadDuckDB } from "./duckdb.js";
import { DEFAULT_MAX_ROWS, DEFAULT_QUERY_TIMEOUT_MS } from "./sql-limits.js";
import { plain, type Store } from "./store.js";

export interface QueryOptions {
  /** Stop the query after this long. Default 30 s. */
  timeoutMs?: number;
  /** Read back at most this many rows (0: all). Default 1,000. */
  maxRows?: number;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the query returned more than `maxRows` rows and only the first were read. */
  truncated: boolean;
}

export { DEFAULT_MAX_ROWS, DEFAULT_QUERY_TIMEOUT_MS };

const ALLOWED = "boeki sql runs one query: SELECT, WITH … SELECT, FROM …, VALUES, SUMMARIZE, DESCRIBE or SHOW";

/** DuckDB's error classes that mean the query itself is wrong or not allowed: the user's to fix (exit 2). */
const QUERY_ERRORS = /^(Parser|Binder|Catalog|Conversion|Invalid Input|Out of Range|Not implemented|Permission|Interrupt|Out of Memory|Invalid type|Dependency|Constraint) Error/i;

/** The first word of the query, past comments: only to name what was refused (the parser decides). */
function firstWord(sql: string): string {
  const stripped = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, "");
  return (/^[A-Za-z_]+/.exec(stripped)?.[0] ?? stripped.slice(0, 12)).toUpperCase();
}

function queryError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.replace(/^Failed to extract statements: /, "").split("\n")[0]!;
  if (/file system operations are disabled|external (extensions|access)|Loading external extensions is disabled/i.test(first)) {
    return new UsageError(`refused: boeki sql reads the store only, never files, the network or extensions (${first})`);
  }
  if (/^Interrupt/i.test(first)) return error;
  if (/^Out of Memory/i.test(first)) return new UsageError(`the query needs more memory than boeki sql allows (${first}); narrow it`);
  if (QUERY_ERRORS.test(first)) return new UsageError(`the query failed: ${first}`);
  return error;
}

/**
 * Checks with DuckDB's own parser that `sql` is exactly one read-only query, then runs it. `store` must have
 * been opened with `{ sandbox: true }`, so that DuckDB itself refuses files, network, extensions and settings
 * even inside a query that passes the check.
 */
export async function runQuery(store: Store, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
  if (!store.sandboxed) throw new Error("runQuery needs a store opened with { sandbox: true }");
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (!sql.trim()) throw new UsageError(`no query given; ${ALLOWED}`);

  // DuckDB's parser splits the text into statements (nothing is bound or read yet): exactly one is allowed.
  const extracted = await store.connection.extractStatements(sql).catch((error: Error) => {
    const why = error.message.replace(/^Failed to extract statements: /, "").split("\n")[0]!;
    // DuckDB resolves a PRAGMA while it parses: a failure other than the grammar's is a refused statement.
    if (!/^Parser Error/.test(why)) throw new UsageError(`refused: "${firstWord(sql)}" is not a read-only query; ${ALLOWED} (${why})`);
    throw new UsageError(`the query does not parse: ${why}`);
  });
  if (extracted.count !== 1) {
    throw new UsageError(`refused: ${extracted.count === 0 ? "no statement found" : `${extracted.count} statements found (separated by ;)`}; ${ALLOWED}`);
  }
  // The parser again: json_serialize_sql serializes SELECT statements only (SUMMARIZE, DESCRIBE, SHOW are SELECTs).
  const [parsed] = await store.rows<{ json: string }>(`SELECT json_serialize_sql(?::VARCHAR) AS json`, [sql]);
  const tree = JSON.parse(parsed!.json) as { error?: boolean; error_message?: string };
  if (tree.error) {
    throw new UsageError(`refused: "${firstWord(sql)}" is not a read-only query; ${ALLOWED}, nothing that writes, reads files or changes settings`);
  }

  const timer = setTimeout(() => store.connection.interrupt(), timeoutMs);
  try {
    const prepared = await extracted.prepare(0);
    // A second opinion, the binder's statement type: should the two ever disagree, the stricter one wins.
    const { StatementType } = loadDuckDB(); // DuckDB's client loads with the store, not with this module
    if (prepared.statementType !== StatementType.SELECT) {
      throw new UsageError(`refused: a ${StatementType[prepared.statementType]} statement is not a read-only query; ${ALLOWED}`);
    }
    const result = await prepared.stream();
    const columns = result.columnNames();
    const rows: Record<string, unknown>[] = [];
    let truncated = false;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRowObjects(columns)) {
        if (maxRows > 0 && rows.length === maxRows) {
          truncated = true;
          break;
        }
        rows.push(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
      }
      if (truncated) break;
    }
    return { columns, rows, truncated };
  } catch (error) {
    if (/^INTERRUPT Error/i.test(error instanceof Error ? error.message : "")) {
      throw new UsageError(`the query ran longer than the ${timeoutMs / 1000} s allowed and was stopped (--timeout SECONDS allows longer)`);
    }
    throw queryError(error);
  } finally {
    clearTimeout(timer);
  }
}
