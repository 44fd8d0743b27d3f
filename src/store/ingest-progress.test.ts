import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { storesClosedAfterEach, tempDir } from "../../test/helpers.js";
import { PRESS_PARTNERS } from "../sources/codes/press-names.js";
import { ingest } from "./ingest.js";

/** An area × commodity table of distinct rows, read in pieces of 32 kB below (about 18 of them). */
function areaCommodityTable(badLine?: number): string {
  const areas = Object.keys(PRESS_PARTNERS).filter((a) => /^[A-Z ]+$/.test(a) && a !== "ASEAN" && a !== "EU");
  const goods = ["(CAR)", "(BUS&TRUCK)", "MOTOR VEHICLES", "SEMICONDUCTORS ETC", "IRON AND STEEL PRODUCTS", "(IC)", "SHIPS", "ORGANIC CHEMICALS"];
  const lines = ["exp_imp,yyyymm,area,goods,value_jpy_k"];
  for (let year = 2000; year < 2030 && lines.length < 15_000; year++) {
    for (let month = 1; month <= 12; month++) {
      for (const area of areas) for (const item of goods) lines.push(`1,${year}-${String(month).padStart(2, "0")},${area},${item},${(lines.length * 7919) % 1_000_003}`);
    }
  }
  if (badLine) lines[badLine - 1] = "1,2015-13,USA,(CAR),100";
  return `${lines.join("\n")}\n`;
}

describe("ingest of a gzipped table", () => {
  const store = storesClosedAfterEach();

  it("reports progress as it reads the compressed bytes and as it stores, and names the file's line of an error past the first piece", async () => {
    const dir = tempDir();
    const good = path.join(dir, "area.csv.gz");
    const table = areaCommodityTable();
    writeFileSync(good, gzipSync(table));
    const seen: Array<{ fraction: number; rows: number }> = [];
    const s = await store();
    const [report] = await ingest(s, [good], { readPieceBytes: 32 * 1024, onProgress: ({ fraction, rows }) => seen.push({ fraction, rows }) });
    const lines = table.split("\n").length - 2;
    expect(report!.rowsRead).toBe(lines);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.filter((f) => f > 0 && f < 0.5).length).toBeGreaterThan(3); // reading moved before storing began
    expect(fractions.filter((f) => f > 0.5 && f < 1).length).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    expect(seen.at(-1)!.rows).toBe(lines);

    const bad = path.join(dir, "bad.csv.gz");
    writeFileSync(bad, gzipSync(areaCommodityTable(12_345)));
    await expect(ingest(s, [bad], { readPieceBytes: 32 * 1024 })).rejects.toThrow(/bad\.csv\.gz:12345 column "yyyymm": expected YYYY-MM, found "2015-13"/);
  });
});
