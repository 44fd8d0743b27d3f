import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, hasSharedData, storesClosedAfterEach, shared, tempDir } from "../../test/helpers.js";
import { ingest } from "./ingest.js";
import { series } from "./read.js";
import type { Store } from "./store.js";

const store = storesClosedAfterEach();
const fixture = (name: string) => path.join(FIXTURES, name);
const valueSeries = async (s: Store, q: Omit<Parameters<typeof series>[1], "measures">) =>
  (await series(s, { ...q, measures: ["value"] })).map((p) => [p.period, p.value]);

describe("HS-9 statistical tables", () => {
  it("stores the published months only: the zeros after the file name's month are not zeros", async () => {
    const s = await store();
    const [report] = await ingest(s, [fixture("hs9_E_2026-08.csv")]);
    expect(report!.releases[0]).toMatchObject({ through: "2026-08", dataset: "mof.hs9" });
    const cars = await valueSeries(s, { flow: "export", partner: "world", commodity: "hs:870323929", from: "2026-07" });
    expect(cars).toEqual([["2026-07", 100_042], ["2026-08", 100_049]]);
    const quantities = await series(s, { flow: "export", partner: "world", commodity: "hs:870323929", from: "2026-08", measures: ["quantity1", "quantity2"] });
    expect(quantities.map((p) => [p.measure, p.value, p.unit])).toEqual([["quantity1", 107, "NO"], ["quantity2", 1007, "KG"]]);
    // A blank Unit1 means the line has no first quantity.
    expect(await series(s, { flow: "export", partner: "world", commodity: "hs:000000190", measures: ["quantity1"] })).toEqual([]);
  });

  it("the next month's table stores only the news: September and one revised cell", async () => {
    const s = await store();
    await ingest(s, [fixture("hs9_E_2026-08.csv")], { released: "2026-09-30" });
    const [report] = await ingest(s, [fixture("hs9_E_2026-09.csv")], { released: "2026-10-30" });
    // 3 lines × September (value, quantity2, and quantity1 where non-zero) are new; March's car value is revised.
    expect(report!.releases[0]).toMatchObject({ through: "2026-09", added: 9, revised: 1 });
    const [{ cells }] = (await s.rows<{ cells: number }>(`SELECT count(*) AS cells FROM hs9_observations WHERE release_id = 2`)) as [{ cells: number }];
    expect(cells).toBe(9 + 1 - 1); // hs 000000190 has no Unit1, so its quantity1 cell is not shown
    const q = { flow: "export" as const, partner: "world", commodity: "hs:870323929", from: "2026-03", to: "2026-03" };
    expect(await valueSeries(s, q)).toEqual([["2026-03", 100_019]]);
    expect(await valueSeries(s, { ...q, asOf: "2026-10-01" })).toEqual([["2026-03", 100_014]]);
  });

  it("Customs tables with Custom and Country: a partner's series sums its customs offices", async () => {
    const s = await store();
    const [report] = await ingest(s, [fixture("hs9_customs_2017.csv")]);
    expect(report!.releases[0]!.through).toBe("2017-12"); // December has figures: a whole year
    expect(await valueSeries(s, { flow: "export", partner: "304", commodity: "hs:010121000", from: "2017-01", to: "2017-02" })).toEqual([["2017-01", 350], ["2017-02", 350]]);
    expect(await valueSeries(s, { flow: "export", partner: "105", commodity: "hs:010121000" })).toEqual(
      [["2017-01", 999], ...Array.from({ length: 11 }, (_, i) => [`2017-${String(i + 2).padStart(2, "0")}`, 0])],
    );
  });

  it("--through decides for a file whose name does not say; a contradiction is refused", async () => {
    const s = await store();
    const anonymous = path.join(tempDir(), "table.csv");
    copyFileSync(fixture("hs9_E_2026-08.csv"), anonymous);
    await expect(ingest(s, [anonymous])).rejects.toThrow(/cannot tell through which month this 2026 table is published .*pass --through 2026-08/);
    await expect(ingest(s, [anonymous], { through: "2026-07" })).rejects.toThrow(/has figures for Aug 2026, after Jul/);
    const [report] = await ingest(s, [anonymous], { through: "2026-10" });
    expect(report!.releases[0]!.through).toBe("2026-10"); // September and October were published as zeros
    expect((await valueSeries(s, { flow: "import", partner: "world", commodity: "hs:870323929", from: "2026-10" }))).toEqual([["2026-10", 0]]);
  });
});

describe.skipIf(!hasSharedData)("HS-9 tables, the Ministry's real rows", () => {
  it("e-Stat 2026 year-to-date exports: passenger cars 8703.23-929 as printed, nothing after August", async () => {
    const s = await store();
    const [report] = await ingest(s, [shared("hs9-official-format", "estat_E_2026-08_000040507895_slice.csv")]);
    expect(report!.releases[0]!.through).toBe("2026-08");
    const cars = await series(s, { flow: "export", partner: "world", commodity: "hs:870323929", from: "2026-07" });
    expect(cars.map((p) => [p.period, p.measure, p.value])).toEqual([
      ["2026-07", "quantity2", 95_034], ["2026-07", "value", 341_201_421],
      ["2026-08", "quantity2", 74_908], ["2026-08", "value", 267_021_157],
    ]);
  });

  it("the Customs sample with Custom and Country columns (HS unquoted, blank units)", async () => {
    const s = await store();
    await ingest(s, [shared("hs9-official-format", "customs_with_custom_column_2017_sample_from_readme.csv")]);
    expect(await valueSeries(s, { flow: "export", partner: "601", commodity: "hs:010121000", from: "2017-07", to: "2017-07" })).toEqual([["2017-07", 1_027_528]]);
    expect(await valueSeries(s, { flow: "export", partner: "105", commodity: "hs:010129000", from: "2017-03", to: "2017-03" })).toEqual([["2017-03", 10_486]]);
  });
});
