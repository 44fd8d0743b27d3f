import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { boeki, FIXTURES, hasSharedData, shared, storesClosedAfterEach, tempDir } from "../../test/helpers.js";
import { MONTHS } from "../sources/hs9-table.js";
import { exportTidy } from "./export.js";
import { ingest } from "./ingest.js";
import { series } from "./read.js";
import { MIGRATIONS } from "./schema.js";
import { Store } from "./store.js";

const store = storesClosedAfterEach();
const SLICE = hasSharedData ? shared("hs9-official-format", "estat_E_2026-08_000040507895_slice.csv") : "";

/** The slice's lines, read plainly here (not by boeki): HS code and the value of each month. */
function sliceLines(file: string): { hs: string; values: number[]; cells: number[][] }[] {
  const [header, ...rows] = readFileSync(file, "utf8").trim().split("\n");
  const names = header!.split(",");
  return rows.map((row) => {
    const cells = row.split(",");
    const at = (name: string) => Number(cells[names.indexOf(name)]);
    return {
      hs: cells[names.indexOf("HS")]!.replaceAll("'", ""),
      values: MONTHS.map((m) => at(`Value-${m}`)),
      cells: MONTHS.map((m) => ["Quantity1", "Quantity2", "Value"].map((q) => at(`${q}-${m}`))),
    };
  });
}

describe.skipIf(!hasSharedData)("HS roll-ups on the Ministry's real HS-9 lines", () => {
  it("hs:87, hs:8703 and hs:870323 sum the 9-digit lines held, month by month, as the file has them", async () => {
    const s = await store();
    // The imports table of the same year beside it is no revision of the exports.
    const [, imports] = await ingest(s, [SLICE, shared("hs9-official-format", "estat_I_2026-08_000040507896_slice.csv")]);
    expect(imports!.releases[0]).toMatchObject({ revised: 0, unchanged: 0 });
    const lines = sliceLines(SLICE);
    for (const code of ["87", "8703", "870323", "870323929"]) {
      const expected = MONTHS.slice(0, 8).map((_, m) => lines.filter((l) => l.hs.startsWith(code)).reduce((sum, l) => sum + l.values[m]!, 0));
      expect(expected.every((v) => v > 0)).toBe(true);
      const points = await series(s, { flow: "export", partner: "world", commodity: `hs:${code}`, measures: ["value"] });
      expect(points.map((p) => p.value), code).toEqual(expected);
      expect(points.map((p) => p.period)).toEqual(MONTHS.slice(0, 8).map((_, m) => `2026-${String(m + 1).padStart(2, "0")}`));
    }
    // As a user types it: the example of `series --help`.
    const db = path.join(tempDir(), "cli.duckdb");
    expect(boeki(["--db", db, "ingest", SLICE]).code).toBe(0);
    const cli = boeki(["--db", db, "--json", "series", "--commodity", "hs:8703", "--from", "2026-07", "--to", "2026-07", "--measure", "value"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)[0].value).toBe(lines.filter((l) => l.hs.startsWith("8703")).reduce((sum, l) => sum + l.values[6]!, 0));
  });

  it("a month's year-to-date table stores only that month's non-zero cells: the empty months before are not news", async () => {
    const s = await store();
    // The same table as it stood a month earlier: August not yet published (printed 0), the year totals without it.
    const july = path.join(tempDir(), "estat_E_2026-07_slice.csv");
    const [header, ...rows] = readFileSync(SLICE, "utf8").trim().split("\n");
    const names = header!.split(",");
    writeFileSync(july, [header, ...rows.map((row) => {
      const cells = row.split(",");
      for (const q of ["Quantity1", "Quantity2", "Value"]) {
        const [year, aug] = [names.indexOf(`${q}-Year`), names.indexOf(`${q}-Aug`)];
        cells[year] = String(Number(cells[year]) - Number(cells[aug]));
        cells[aug] = "0";
      }
      return cells.join(",");
    })].join("\n") + "\n");
    await ingest(s, [july], { released: "2026-08-28" });
    const [report] = await ingest(s, [SLICE], { released: "2026-09-30" });
    const august = sliceLines(SLICE).map((l) => l.cells[7]!);
    const before = sliceLines(SLICE).flatMap((l) => l.cells.slice(0, 7).flat()).filter((v) => v > 0).length;
    expect(report!.releases[0]).toMatchObject({ added: august.flat().filter((v) => v > 0).length, revised: 0, unchanged: before });
    const [{ lines }] = (await s.rows<{ lines: number }>(`SELECT count(*)::INTEGER AS lines FROM hs9_lines WHERE release_id = 2`)) as [{ lines: number }];
    expect(lines).toBe(august.filter((cells) => cells.some((v) => v > 0)).length);
    expect(lines).toBeLessThan(rows.length);
  });
});

describe("HS-9 files beside the store", () => {
  it("a store of schema 2 is migrated: its lines move to files and read as before", async () => {
    const file = path.join(tempDir(), "v2.duckdb");
    const old = await (await DuckDBInstance.create(file)).connect();
    for (const statement of [...MIGRATIONS[0]!, ...MIGRATIONS[1]!]) await old.run(statement);
    await old.run(`INSERT INTO meta VALUES ('schema_version', '2')`);
    await old.run(`INSERT INTO releases VALUES (1, 'mof.hs9', 'hs9', 't.csv', 'abc', 0, 'unknown', NULL, now()::TIMESTAMP, DATE '2026-09-30', 's', '2026-08', 2, 0, 0)`);
    const cells = Array.from({ length: 36 }, (_, i) => (i === 24 ? "100049" : i === 25 ? "100" : "NULL")).join(", ");
    await old.run(`INSERT INTO hs9_lines VALUES (1, 1, 2026, '', 870323929, 0, 'NO', 'KG', ${cells})`);
    old.closeSync();
    const s = await Store.open(file);
    expect(await s.schemaVersion()).toBe(3);
    expect(await s.rows(`SELECT count(*)::INTEGER AS n FROM hs9_files`)).toEqual([{ n: 1 }]);
    const points = await series(s, { flow: "export", partner: "world", commodity: "hs:870323929", from: "2026-01", to: "2026-02", measures: ["value"] });
    expect(points.map((p) => [p.period, p.value])).toEqual([["2026-01", 100_049], ["2026-02", 100]]);
    s.close();
  });

  it("--partition year,flow writes hive-partitioned Parquet that DuckDB reads back with the same sums", async () => {
    const s = await store();
    await ingest(s, [path.join(FIXTURES, "hs9_customs_2017.csv")]);
    await ingest(s, [path.join(FIXTURES, "hs9_E_2026-08.csv")]);
    const dir = path.join(tempDir(), "export");
    const single = path.join(dir, "all.parquet");
    const whole = await exportTidy(s, { format: "parquet", out: single });
    const parted = await exportTidy(s, { format: "parquet", out: path.join(dir, "parted"), partition: ["year", "flow"] });
    expect(parted.rows).toBe(whole.rows);
    const sums = (from: string) =>
      s.rows(`SELECT year::INTEGER AS year, flow, measure, sum(value)::BIGINT AS total, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ALL`);
    const back = await sums(`read_parquet('${path.join(dir, "parted")}/**/*.parquet', hive_partitioning = true)`);
    expect(back).toEqual(await sums(`(SELECT left(period, 4) AS year, * FROM read_parquet('${single}'))`));
    expect(back.map((r) => r.year)).toContain(2017);
    expect(back.map((r) => r.year)).toContain(2026);
    // Zeros are never written; each key once.
    expect(await s.rows(`SELECT count(*)::INTEGER AS zeros FROM read_parquet('${single}') WHERE value = 0`)).toEqual([{ zeros: 0 }]);
    expect(await s.rows(`SELECT count(*)::INTEGER AS twice FROM (SELECT 1 FROM read_parquet('${single}') GROUP BY period, flow, partner, commodity, measure HAVING count(*) > 1)`)).toEqual([{ twice: 0 }]);
  });

  it("export of a revised HS-9 cell: the value in force, as of a date, and every vintage", async () => {
    const s = await store();
    await ingest(s, [path.join(FIXTURES, "hs9_E_2026-08.csv")], { released: "2026-09-30" });
    await ingest(s, [path.join(FIXTURES, "hs9_E_2026-09.csv")], { released: "2026-10-30" });
    const dir = tempDir();
    const march = async (options: Partial<Parameters<typeof exportTidy>[1]>) => {
      const out = path.join(dir, `${Object.keys(options).join("-") || "now"}.csv`);
      await exportTidy(s, { format: "csv", out, commodities: ["hs:870323929"], flow: "export", from: "2026-03", to: "2026-03", ...options });
      return (await s.rows<{ value: number; released: string }>(`SELECT value, released::VARCHAR AS released FROM read_csv('${out}', header = true) WHERE measure = 'value' ORDER BY released`))
        .map((r) => [r.value, r.released]);
    };
    expect(await march({})).toEqual([[100_019, "2026-10-30"]]);
    expect(await march({ asOf: "2026-10-01" })).toEqual([[100_014, "2026-09-30"]]);
    expect(await march({ allVintages: true })).toEqual([[100_014, "2026-09-30"], [100_019, "2026-10-30"]]);
  });
});
