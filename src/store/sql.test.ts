// boeki sql typed as an attacker would: every statement of issue #9 and the ones tried next are refused with a
// reason (exit 2 from the CLI), no file is written or read, no request leaves, and the store stays byte-identical.

import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boeki, FIXTURES, tempDir } from "../../test/helpers.js";
import { UsageError } from "../errors.js";
import { ingest } from "./ingest.js";
import { runQuery } from "./sql.js";
import { Store } from "./store.js";

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

const dir = tempDir("boeki-sql-");
const db = path.join(dir, "store.duckdb");
const other = path.join(dir, "other.duckdb");
const parquet = path.join(dir, "secret.parquet");
const NOT_A_QUERY = /refused: .* is not a read-only query; boeki sql runs one query/;
const NO_FILES = /refused: boeki sql reads the store only, never files, the network or extensions/;
const ONE_STATEMENT = /refused: 2 statements found \(separated by ;\)/;

let requests = 0;
let base = "";
const server = createServer((_req, res) => (requests++, res.end("period,flow\n")));

beforeAll(async () => {
  const store = await Store.open(db);
  await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "tidy-small.csv")], { released: "2025-12-17" });
  store.close();
  // Another database and a Parquet file an attacker would like to reach.
  const instance = await DuckDBInstance.create(other);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE t AS SELECT 1 AS x; COPY (SELECT 'secret' AS s) TO '${parquet}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("boeki sql, the sandbox", () => {
  /** Each statement, and the reason it must be refused with. */
  const attacks = (): Array<[string, RegExp]> => [
    // The statements of the issue.
    [`COPY (SELECT 'x') TO '${db}'`, NOT_A_QUERY],
    [`COPY (SELECT 'alert(1)') TO '${path.join(dir, "x.js")}'`, NOT_A_QUERY],
    [`ATTACH '${other}' AS o (READ_WRITE)`, NOT_A_QUERY],
    [`ATTACH '${other}' AS o; INSERT INTO o.t VALUES (2)`, ONE_STATEMENT],
    [`EXPORT DATABASE '${path.join(dir, "dump")}'`, NOT_A_QUERY],
    [`SELECT * FROM read_text('/etc/passwd')`, NO_FILES],
    [`SELECT * FROM read_csv('/etc/passwd')`, NO_FILES],
    [`SELECT * FROM glob('/etc/*')`, NO_FILES],
    [`INSTALL httpfs`, NOT_A_QUERY],
    [`SELECT 1; DELETE FROM releases`, ONE_STATEMENT],
    // And what an attacker tries next.
    [`LOAD httpfs`, NOT_A_QUERY],
    [`INSTALL httpfs FROM '${base}'`, NOT_A_QUERY],
    [`PRAGMA show_tables`, NOT_A_QUERY],
    [`PRAGMA enable_external_access`, NOT_A_QUERY],
    [`SET enable_external_access = true`, NOT_A_QUERY],
    [`SET GLOBAL lock_configuration = false`, NOT_A_QUERY],
    [`RESET lock_configuration`, NOT_A_QUERY],
    [`CALL pragma_version()`, NOT_A_QUERY],
    [`CHECKPOINT`, NOT_A_QUERY],
    [`CREATE TEMP TABLE t AS SELECT * FROM releases`, NOT_A_QUERY],
    [`CREATE MACRO m() AS 1`, NOT_A_QUERY],
    [`EXPLAIN ANALYZE SELECT 1`, NOT_A_QUERY],
    [`BEGIN TRANSACTION`, NOT_A_QUERY],
    [`DETACH store`, NOT_A_QUERY],
    [`SELECT 1; -- a comment\nDROP TABLE releases`, ONE_STATEMENT],
    [`SELECT 1 /* ; */; UPDATE releases SET added = 0`, ONE_STATEMENT],
    [`PREPARE p AS DELETE FROM releases; EXECUTE p`, ONE_STATEMENT],
    [`SELECT * FROM read_parquet('${parquet}')`, NO_FILES],
    [`SELECT * FROM '${parquet}'`, /Catalog Error|refused/],
    [`SELECT * FROM read_blob('${other}')`, NO_FILES], // (the store's own file, WAL and spill folder DuckDB allows: nothing new to read there)
    [`SELECT * FROM sniff_csv('/etc/passwd')`, NO_FILES],
    [`SELECT * FROM read_csv('${base}/x.csv')`, NO_FILES],
    [`SELECT * FROM query('COPY (SELECT 1) TO ''${path.join(dir, "q.csv")}''')`, /Expected a single SELECT statement/],
    [`WITH x AS (DELETE FROM releases RETURNING *) SELECT * FROM x`, /does not parse/],
    [`SELECT * FROM duckdb_extensions()`, NO_FILES],
    // Unicode that looks like a separator or a keyword: the parser sees what DuckDB would run.
    [`SELECT 1；DROP TABLE releases`, /does not parse/],
    [`SELECT 1;\u200bDELETE FROM releases`, ONE_STATEMENT],
    [`ＣＯＰＹ releases TO '${path.join(dir, "w.csv")}'`, /does not parse/],
    [`SELECT 1\u037e DELETE FROM releases`, /does not parse/],
    [``, /no query given/],
  ];

  it("refuses every statement that writes, reads files or the network, or changes settings, and the store stays byte-identical", async () => {
    const before = sha(db);
    const otherBefore = sha(other);
    const store = await Store.open(db, { sandbox: true });
    try {
      for (const [sql, reason] of attacks()) {
        const attempt = runQuery(store, sql, { timeoutMs: 10_000 });
        await expect(attempt, sql).rejects.toThrow(UsageError);
        await expect(attempt, sql).rejects.toThrow(reason);
      }
      // The sandbox still answers a query, and its settings are as they were locked.
      const { rows } = await runQuery(store, `SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked`);
      expect(rows).toEqual([{ external: false, locked: true }]);
    } finally {
      store.close();
    }
    expect(sha(db)).toBe(before);
    expect(sha(other)).toBe(otherBefore);
    expect(readdirSync(dir).sort()).toEqual(["other.duckdb", "secret.parquet", "store.duckdb"]);
    expect(requests).toBe(0);
  });

  it("runs SELECT, WITH, FROM, VALUES, SUMMARIZE, DESCRIBE and SHOW", async () => {
    const store = await Store.open(db, { sandbox: true });
    try {
      const value = `SELECT value FROM observations WHERE dataset = 'mof.d41ma' AND period = DATE '2025-11-01' AND flow = 'export'`;
      expect((await runQuery(store, value)).rows).toEqual([{ value: 9_300_000_013 }]); // as the fixture prints it
      expect((await runQuery(store, `WITH r AS (SELECT * FROM releases) SELECT count(*)::INTEGER AS n FROM r`)).rows).toEqual([{ n: 3 }]);
      expect((await runQuery(store, `/* a comment; with a semicolon */ FROM releases SELECT count(*)::INTEGER AS n`)).rows).toEqual([{ n: 3 }]);
      expect((await runQuery(store, `VALUES (1, 'a')`)).rows).toEqual([{ col0: 1, col1: "a" }]);
      expect((await runQuery(store, `SUMMARIZE releases`)).rows.map((r) => r.column_name)).toContain("sha256");
      expect((await runQuery(store, `DESCRIBE observations`)).rows.map((r) => r.column_name)).toEqual(["dataset", "period", "flow", "partner", "commodity", "measure", "value", "unit", "release_id"]);
      expect((await runQuery(store, `SHOW TABLES`)).rows.map((r) => r.name)).toContain("observations");
    } finally {
      store.close();
    }
  });

  it("reads the HS-9 lines through their views: the store's own files stay readable, and nothing beside them", async () => {
    const withLines = path.join(tempDir("boeki-sql-hs9-"), "store.duckdb");
    const writer = await Store.open(withLines);
    await ingest(writer, [path.join(FIXTURES, "hs9_E_2026-08.csv")]);
    const held = (await writer.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM hs9_lines`))[0]!.n;
    writer.close();
    const store = await Store.open(withLines, { sandbox: true });
    try {
      const [{ lines }] = (await runQuery(store, `SELECT count(*)::INTEGER AS lines FROM hs9_lines`)).rows as [{ lines: number }];
      expect(lines).toBe(held);
      expect(lines).toBeGreaterThan(0);
      await expect(runQuery(store, `SELECT * FROM read_parquet('${parquet}')`)).rejects.toThrow(NO_FILES);
    } finally {
      store.close();
    }
  });

  it("stops a query that runs past its time, and reads back no more rows than asked", async () => {
    const store = await Store.open(db, { sandbox: true });
    try {
      const started = Date.now();
      await expect(runQuery(store, `SELECT count(*) FROM range(100000000000)`, { timeoutMs: 300 })).rejects.toThrow(/ran longer than the 0.3 s allowed and was stopped/);
      expect(Date.now() - started).toBeLessThan(20_000); // stopped, not run to its end (hours)
      const many = await runQuery(store, `SELECT * FROM range(1000000000) t(i)`, { maxRows: 1000 });
      expect(many.rows).toHaveLength(1000);
      expect(many.rows.at(-1)).toEqual({ i: 999 });
      expect(many.truncated).toBe(true);
      expect((await runQuery(store, `FROM range(3)`, { maxRows: 3 })).truncated).toBe(false);
    } finally {
      store.close();
    }
  });

  it("from the CLI: exit 2 with the reason, the store byte-identical, and the cut said on stderr", () => {
    const before = sha(db);
    for (const [sql, reason] of [
      [`COPY (SELECT 'x') TO '${db}'`, NOT_A_QUERY],
      [`SELECT 1; -- then\nDELETE FROM releases`, ONE_STATEMENT],
      [`SELECT * FROM read_text('/etc/passwd')`, NO_FILES],
    ] as const) {
      const result = boeki(["--db", db, "sql", sql]);
      expect(result.code, sql).toBe(2);
      expect(result.stderr, sql).toMatch(reason);
    }
    const slow = boeki(["--db", db, "sql", "--timeout", "0.5", "SELECT count(*) FROM range(100000000000)"]);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toMatch(/ran longer than the 0.5 s allowed/);
    const cut = boeki(["--db", db, "--json", "sql", "--max-rows", "5", "FROM range(100) t(i)"]);
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    expect(cut.stderr).toMatch(/printed the first 5 rows; the query returns more/);
    expect(sha(db)).toBe(before);
    expect(existsSync(`${db}.wal`)).toBe(false);
  });
});
