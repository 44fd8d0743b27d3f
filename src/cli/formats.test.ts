import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers.js";
import { deliver, numberText, toCsv, toJson, writeAtomically } from "./formats.js";
import { formatTable, outputFormat, thousands } from "./output.js";

describe("output formats", () => {
  const rows = [
    { period: "2025-11", partner: "304", value: 1_816_875_000, pct: 8.8, note: 'said "up", and more' },
    { period: "2025-12", partner: "105", value: 306_000_000.00000006, pct: null, note: null },
  ];
  const columns = ["period", "partner", "value", "pct", "note"];

  it("print whole numbers as integers, never 1192541404.0, in CSV, JSON and tables", () => {
    expect(toCsv(rows, columns)).toBe(`period,partner,value,pct,note\n2025-11,304,1816875000,8.8,"said ""up"", and more"\n2025-12,105,306000000,,\n`);
    expect(toJson(rows)).toContain('"value": 306000000,');
    expect(numberText(1_192_541_404)).toBe("1192541404");
    expect(thousands(1_192_541_404)).toBe("1,192,541,404");
    expect(thousands(-1_111_913_841.5)).toBe("-1,111,913,841.5");
    expect(formatTable([{ name: "米国", value: 1 }, { name: "USA", value: 22 }])).toBe("name  value\n----  -----\n米国      1\nUSA      22\n");
  });

  it("write Parquet with whole numbers as BIGINT and others as DOUBLE", async () => {
    const file = path.join(tempDir(), "out.parquet");
    await deliver({ format: "parquet", out: file }, { rows, columns });
    const { loadDuckDB } = await import("../store/duckdb.js");
    const instance = await loadDuckDB().DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const types = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowObjects().map((r) => `${r.column_name} ${r.column_type}`);
    const values = (await connection.runAndReadAll(`SELECT value FROM '${file}' ORDER BY period`)).getRowObjects().map((r) => r.value);
    connection.closeSync();
    instance.closeSync();
    expect(types).toEqual(["period VARCHAR", "partner VARCHAR", "value BIGINT", "pct DOUBLE", "note VARCHAR"]);
    expect(values).toEqual([1_816_875_000n, 306_000_000n]);
  });

  it("write a file whole or not at all, keeping what was there when writing fails", async () => {
    const dir = tempDir();
    const file = path.join(dir, "series.csv");
    writeFileSync(file, "the earlier export\n");
    await expect(writeAtomically(file, async (temporary) => {
      writeFileSync(temporary, "half a fil");
      throw new Error("disk full");
    })).rejects.toThrow("disk full");
    expect(readFileSync(file, "utf8")).toBe("the earlier export\n");
    expect(readdirSync(dir)).toEqual(["series.csv"]); // no temporary file left behind
    await deliver({ format: "csv", out: file }, { rows, columns });
    expect(readFileSync(file, "utf8")).toMatch(/^period,partner,value/);
    expect(existsSync(file)).toBe(true);
  });

  it("tell the format from --json, --format, or the --out file's extension", () => {
    expect(outputFormat({ json: true, format: "csv" })).toBe("json");
    expect(outputFormat({ format: "parquet" })).toBe("parquet");
    expect(outputFormat({ out: "usa.parquet" })).toBe("parquet");
    expect(outputFormat({ out: "usa.CSV" })).toBe("csv");
    expect(outputFormat({ out: "usa.txt" })).toBe("table");
    expect(outputFormat({ out: "-" })).toBe("table");
  });
});
