import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint, storesClosedAfterEach, tempDir } from "../../test/helpers.js";
import { TIDY_COLUMNS } from "../sources/tidy.js";
import { ingest } from "./ingest.js";
import { releases, series } from "./read.js";

const store = storesClosedAfterEach();
const HEADER = TIDY_COLUMNS.join(",") + "\n";
const file = (name: string, text: string) => {
  const at = path.join(tempDir(), name);
  writeFileSync(at, text);
  return at;
};
/** Rows of export values to a few partners, months from 2000-01 on: `n` distinct keys. */
const rows = (n: number, release = "revised,2026-01-22,a tidy source", value = (i: number) => 1000 + i) =>
  Array.from({ length: n }, (_, i) => {
    const month = i % 300;
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
    return `${period},export,${["304", "105", "108"][Math.floor(i / 300) % 3]},hs:${String(10_000_000 + Math.floor(i / 900)).padStart(9, "0")},value,${value(i)},JPY_thousand,${release}\n`;
  }).join("");

describe("tidy ingest through DuckDB", () => {
  it("refuses 20,000 identical rows, naming the first duplicate's lines, and changes nothing", async () => {
    const s = await store();
    const before = await fingerprint(s);
    const identical = file("identical.csv", HEADER + "2025-11,export,world,total,value,9714672,JPY_million,provisional,2025-12-17,press\n".repeat(20_000));
    await expect(ingest(s, [identical])).rejects.toThrow(
      /identical\.csv:3 column "value": repeats line 2: the observation \(2025-11 export world total value\) twice in one release/,
    );
    expect(await fingerprint(s)).toBe(before);
  });

  it("names a duplicate's lines in a large file read in parallel, blank lines counted as lines", async () => {
    const s = await store();
    const body = rows(200_000);
    const lines = body.split("\n");
    // A blank line early on, and at the end a second value for the row at file line 150,003 (after the blank).
    const text = HEADER + lines.slice(0, 1000).join("\n") + "\n\n" + lines.slice(1000).join("\n") + lines[150_000]!.replace(/,1\d+,JPY/, ",7,JPY") + "\n";
    const big = file("big.csv", text);
    await expect(ingest(s, [big])).rejects.toThrow(/big\.csv:200003 column "value": 7 conflicts with 151000 at line 150003 \(value\)/);
  });

  it("lands a large file as one release per (stage, released, source), in the order they first appear", async () => {
    const s = await store();
    const text = HEADER + rows(30_000, "provisional,2025-12-17,first") + rows(30_000, "revised,2026-01-22,second", (i) => (i === 7 ? 5 : 1000 + i));
    const [report] = await ingest(s, [file("two.csv", text)]);
    // The second release repeats the first's keys: it stores only what changed (one value), against the first.
    expect(report!.releases.map((r) => [r.stage, r.released, r.added, r.revised, r.unchanged])).toEqual([
      ["provisional", "2025-12-17", 30_000, 0, 0],
      ["revised", "2026-01-22", 0, 1, 29_999],
    ]);
    const q = { flow: "export" as const, partner: "304", commodity: "hs:010000000", from: "2000-08", to: "2000-08" };
    expect((await series(s, q)).map((p) => p.value)).toEqual([5]);
    expect((await series(s, { ...q, asOf: "2026-01-21" })).map((p) => p.value)).toEqual([1007]);
  });

  it("a later file revising months the dataset holds stores only the changes", async () => {
    const s = await store();
    await ingest(s, [file("v1.csv", HEADER + rows(5_000, "provisional,2025-12-17,v1"))]);
    const [again] = await ingest(s, [file("v2.csv", HEADER + rows(5_000, "revised,2026-01-22,v2", (i) => (i % 1000 === 0 ? 1 : 1000 + i)))]);
    expect(again!.releases[0]).toMatchObject({ added: 0, revised: 5, unchanged: 4_995 });
    expect((await releases(s)).map((r) => r.source)).toEqual(["v1", "v2"]);
  });

  it("reads Parquet by the same rules: Infinity is refused with its row", async () => {
    const s = await store();
    const parquet = path.join(tempDir(), "inf.parquet");
    await s.run(`COPY (SELECT '2025-11' AS period, 'export' AS flow, 'world' AS partner, 'total' AS commodity, 'value' AS measure, v AS value,
                  'JPY_million' AS unit, 'provisional' AS stage, DATE '2025-12-17' AS released, 'x' AS source
                  FROM (VALUES (1.5::DOUBLE), ('inf'::DOUBLE)) t(v)) TO '${parquet}' (FORMAT parquet)`);
    const before = await fingerprint(s);
    await expect(ingest(s, [parquet])).rejects.toThrow(/inf\.parquet:2 column "value": expected a number such as 1725000 or -2\.4, found "inf"/);
    expect(await fingerprint(s)).toBe(before);
  });
});
