// The `boeki` binary as a user runs it: help everywhere, tables and --json, exit codes, export round trips.

import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { boeki, FIXTURES, hasSharedData, shared, tempDir } from "./helpers.js";

const COMMANDS = ["ingest", "releases", "series", "sql", "export", "fetch", "update", "figures", "consensus", "brief", "check", "codes", "serve", "mcp", "completion"];

describe("boeki CLI", () => {
  it("has --help on every command, exit 0", () => {
    expect(boeki(["--help"]).stdout).toMatch(/Usage: boeki/);
    for (const command of COMMANDS) {
      const result = boeki([command, "--help"]);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(new RegExp(`Usage: boeki ${command}`));
    }
  });

  it("exits 2 with a one-line reason on a usage error", () => {
    const unknown = boeki(["seires"]);
    expect(unknown.code).toBe(2);
    const badMonth = boeki(["--db", path.join(tempDir(), "x.duckdb"), "series", "--from", "2025-13"]);
    expect(badMonth.code).toBe(2);
    expect(badMonth.stderr).toMatch(/--from: expected a month as YYYY-MM, found "2025-13"/);
  });

  it("exits 5 when there is no store to read", () => {
    const result = boeki(["--db", path.join(tempDir(), "none.duckdb"), "releases"]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/no store at .*none\.duckdb: ingest something first/);
  });

  describe("on a store of our fixtures", () => {
    const db = path.join(tempDir(), "fixtures.duckdb");
    beforeAll(() => {
      const result = boeki(["--db", db, "ingest", path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "tidy-small.csv"), "--released", "2025-12-17"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/d41ma-small\.sjis\.csv\s+mof-timeseries\s+ingested\s+1\s+mof\.d41ma/);
    });

    it("sql is read-only", () => {
      const read = boeki(["--db", db, "--json", "sql", "SELECT count(*)::INTEGER AS n FROM releases"]);
      expect(JSON.parse(read.stdout)).toEqual([{ n: 3 }]);
      const write = boeki(["--db", db, "sql", "DELETE FROM releases"]);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toMatch(/read-only/);
    });

    it("export → ingest round-trips the tidy layout, CSV and Parquet alike", () => {
      for (const format of ["csv", "parquet"]) {
        const out = path.join(tempDir(), `export.${format}`);
        const exported = boeki(["--db", db, "--json", "export", "--format", format, "--out", out]);
        expect(exported.code, exported.stderr).toBe(0);
        // One row per key: the tidy file repeats some of d41ma's months, which are written once, with the value in force.
        const keys = JSON.parse(boeki(["--db", db, "--json", "sql", "SELECT count(*)::INTEGER AS n FROM (SELECT DISTINCT period, flow, partner, commodity, measure FROM observations)"]).stdout)[0].n;
        expect(keys).toBeLessThan(28 + 5);
        expect(JSON.parse(exported.stdout).rows).toBe(keys);
        const copy = path.join(tempDir(), "copy.duckdb");
        expect(boeki(["--db", copy, "ingest", out]).code).toBe(0);
        for (const args of [["--from", "2024-11", "--to", "2024-11"], ["--partner", "304"]]) {
          const original = JSON.parse(boeki(["--db", db, "--json", "series", "--measure", "value", ...args]).stdout);
          const again = JSON.parse(boeki(["--db", copy, "--json", "series", "--measure", "value", ...args]).stdout);
          expect(again.map((p: { value: number }) => p.value), `${format} ${args}`).toEqual(original.map((p: { value: number }) => p.value));
          expect(again.length).toBe(1);
        }
      }
    });
  });
});

describe.skipIf(!hasSharedData)("boeki CLI on the Ministry's real time series", () => {
  const db = path.join(tempDir(), "real.duckdb");
  beforeAll(() => {
    const files = readdirSync(shared("mof-timeseries")).filter((f) => /^d[456]1ma\.sjis\.csv$/.test(f));
    expect(files.length).toBe(3);
    const result = boeki(["--db", db, "ingest", ...files.map((f) => shared("mof-timeseries", f))]);
    expect(result.code, result.stderr).toBe(0);
  });

  it("series prints November 2025 exports as in d41ma", () => {
    const result = boeki(["--db", db, "series", "--flow", "export", "--from", "2025-11", "--to", "2025-11"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2025-11\s+9,708,885,255/);
  });

  it("series prints motor-vehicle exports (pc:70503) with their quantity in units", () => {
    const result = boeki(["--db", db, "series", "--commodity", "pc:70503", "--from", "2025-11", "--to", "2025-11"]);
    expect(result.stdout).toMatch(/value \(JPY thousand\)\s+quantity1 \(NO\)/);
    expect(result.stdout).toMatch(/2025-11\s+1,513,570,500\s+495,021/);
    const json = JSON.parse(boeki(["--db", db, "--json", "series", "--commodity", "pc:70503", "--from", "2025-11", "--to", "2025-11"]).stdout);
    expect(json).toMatchObject([{ measure: "quantity1", value: 495_021, unit: "NO" }, { measure: "value", value: 1_513_570_500, unit: "JPY_thousand", dataset: "mof.d51ma" }]);
  });

  it("figures prints the headline section alone with --section", () => {
    const result = boeki(["--db", db, "figures", "--month", "2025-11", "--section", "headline"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Headline/);
    expect(result.stdout).toMatch(/export\s+World\s+total\s+yoy pct\s+\+6\.1%/);
    expect(result.stdout).not.toMatch(/Destinations|Commodities/);
  });

  it("releases lists the three files", () => {
    const json = JSON.parse(boeki(["--db", db, "--json", "releases"]).stdout);
    expect(json.map((r: { dataset: string; through: string }) => [r.dataset, r.through])).toEqual([["mof.d41ma", "2026-08"], ["mof.d51ma", "2026-08"], ["mof.d61ma", "2026-07"]]);
  });
});
