import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, fingerprint, hasSharedData, storesClosedAfterEach, shared } from "../../test/helpers.js";
import { ingest } from "./ingest.js";
import { monthTotals, releases, series } from "./read.js";
import type { Store } from "./store.js";

const fixture = (name: string) => path.join(FIXTURES, name);
const store = storesClosedAfterEach();
const values = async (s: Store, q: Parameters<typeof series>[1]) => (await series(s, { measures: ["value"], ...q })).map((p) => [p.period, p.value]);

describe("ingest and vintages", () => {
  it("a revised copy with three months changed is a second release of exactly three observations; as-of reads the first", async () => {
    const s = await store();
    await ingest(s, [fixture("d41ma-small.sjis.csv")], { released: "2025-12-17" });
    const [report] = await ingest(s, [fixture("d41ma-small-revised.sjis.csv")], { released: "2026-01-22" });
    expect(report!.releases[0]).toMatchObject({ releaseId: 2, added: 0, revised: 3, unchanged: 25 });
    const list = await releases(s);
    expect(list.map((r) => [r.releaseId, r.released, r.added + r.revised])).toEqual([[1, "2025-12-17", 28], [2, "2026-01-22", 3]]);
    const [{ n }] = (await s.rows<{ n: number }>(`SELECT count(*) AS n FROM observations WHERE release_id = 2`)) as [{ n: number }];
    expect(n).toBe(3);

    const q = { flow: "export" as const, partner: "world", commodity: "total", from: "2025-01", to: "2025-02" };
    expect(await values(s, q)).toEqual([["2025-01", 8_300_000_999], ["2025-02", 8_400_001_004]]);
    expect(await values(s, { ...q, asOf: "2026-01-21" })).toEqual([["2025-01", 8_300_000_003], ["2025-02", 8_400_000_004]]);
    expect(await values(s, { ...q, asOf: "2025-12-16" })).toEqual([]);
    // Months the revision did not touch come from the first release still.
    expect((await series(s, { ...q, from: "2025-03", to: "2025-03", measures: ["value"] }))[0]).toMatchObject({ value: 8_500_000_005, releaseId: 1 });
  });

  it("the same file twice changes nothing and says so", async () => {
    const s = await store();
    await ingest(s, [fixture("d41ma-small.sjis.csv")]);
    const before = await fingerprint(s);
    const [again] = await ingest(s, [fixture("d41ma-small.sjis.csv")]);
    expect(again!.status).toBe("already-ingested");
    expect(again!.releases.map((r) => r.releaseId)).toEqual([1]);
    expect(await fingerprint(s)).toBe(before);
  });

  it("an older file ingested after a newer one does not undo the newer values", async () => {
    const s = await store();
    await ingest(s, [fixture("d41ma-small-revised.sjis.csv")], { released: "2026-01-22" });
    await ingest(s, [fixture("d41ma-small.sjis.csv")], { released: "2025-12-17" });
    const q = { flow: "export" as const, partner: "world", commodity: "total", from: "2025-01", to: "2025-01" };
    expect(await values(s, q)).toEqual([["2025-01", 8_300_000_999]]);
    expect(await values(s, { ...q, asOf: "2025-12-31" })).toEqual([["2025-01", 8_300_000_003]]);
  });

  it("several files land in one transaction: a bad one keeps the good ones out", async () => {
    const s = await store();
    const before = await fingerprint(s);
    await expect(ingest(s, [fixture("d41ma-small.sjis.csv"), fixture("../bad-input/d41ma-non-numeric.csv")])).rejects.toThrow(/d41ma-non-numeric.csv:12:2: "87OOOOOOO7" in Exp-Total/);
    expect(await fingerprint(s)).toBe(before);
  });

  it("tidy files: one release per (stage, released, source), million yen stored as thousand yen", async () => {
    const s = await store();
    const [report] = await ingest(s, [fixture("tidy-small.csv")], { dataset: "mof.press" });
    expect(report!.releases.map((r) => [r.released, r.added])).toEqual([["2025-12-17", 4], ["2025-11-20", 1]]);
    expect(await values(s, { flow: "export", partner: "world", commodity: "total", from: "2025-11" })).toEqual([["2025-11", 9_714_672_000]]);
    expect(await values(s, { flow: "export", partner: "world", commodity: "total", asOf: "2025-12-16" })).toEqual([["2025-10", 9_756_000_000]]);
    expect((await series(s, { flow: "export", partner: "world", commodity: "total", measures: ["yoy_pct"] }))[0]).toMatchObject({ value: 6.1, unit: "pct" });
  });

  it("the latest release of any dataset wins: press figures on release day, the time series after", async () => {
    const s = await store();
    await ingest(s, [fixture("tidy-small.csv")], { dataset: "mof.press" });
    await ingest(s, [fixture("d51ma-small.sjis.csv")], { released: "2026-09-30" });
    const q = { flow: "export" as const, partner: "world", commodity: "total", from: "2025-11", to: "2025-11" };
    expect(await values(s, { ...q, asOf: "2025-12-20" })).toEqual([["2025-11", 9_714_672_000]]);
    expect(await values(s, q)).toEqual([["2025-11", 9_708_885_255]]);
  });
});

describe.skipIf(!hasSharedData)("ingest of the Ministry's real time series", () => {
  it("prints the published figures back exactly, for several months and commodities", async () => {
    const s = await store();
    const reports = await ingest(s, ["d41ma.sjis.csv", "d51ma.sjis.csv", "d61ma.sjis.csv"].map((f) => shared("mof-timeseries", f)));
    expect(reports.map((r) => r.releases[0]!.dataset)).toEqual(["mof.d41ma", "mof.d51ma", "mof.d61ma"]);
    expect(await values(s, { flow: "export", partner: "world", commodity: "total", from: "2025-11", to: "2025-11" })).toEqual([["2025-11", 9_708_885_255]]);
    expect(await values(s, { flow: "import", partner: "world", commodity: "total", from: "2024-11", to: "2024-11" })).toEqual([["2024-11", 9_272_812_248]]);
    const cars = await series(s, { flow: "export", partner: "world", commodity: "pc:70503", from: "2025-11", to: "2025-11" });
    expect(cars.map((p) => [p.measure, p.value, p.unit])).toEqual([["quantity1", 495_021, "NO"], ["value", 1_513_570_500, "JPY_thousand"]]);
    expect(await values(s, { flow: "export", partner: "world", commodity: "pc:70131", from: "2024-11", to: "2024-11" })).toEqual([["2024-11", 374_343_607]]);
    expect(await values(s, { flow: "import", partner: "world", commodity: "pc:30301", from: "2025-11", to: "2025-11" })).toEqual([["2025-11", 744_875_333]]);
    expect(await monthTotals(s)).toMatchObject({ period: "2026-08", exportsJpyThousand: 10_043_269_534, importsJpyThousand: 11_155_183_375, balanceJpyThousand: -1_111_913_841 });
  });
});
