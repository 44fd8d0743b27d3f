// The figure functions on small hand-made series, so that they are tested on a fresh clone too.

import { describe, expect, it } from "vitest";
import { addMonths, monthsBetween, roundPct } from "./fact.js";
import { contributionFact, yoyFacts } from "./measures.js";
import { balanceSequenceFacts, recordFacts, yoySequenceFacts } from "./sequences.js";
import { Snapshot, type Point } from "./snapshot.js";

const point = (period: string, flow: "export" | "import", partner: string, commodity: string, measure: Point["measure"], value: number, released = "2025-12-17"): Point => ({
  period, flow, partner, commodity, measure, value, unit: measure === "value" ? "JPY_thousand" : "pct",
  dataset: "test", releaseId: released === "2025-12-17" ? 1 : 2, stage: "provisional", released, effective: released,
});

/** Exports of 100 a month in 2024, then the given y/y changes (in %) month by month from 2025-01. */
function exportsWithChanges(changes: number[]): Point[] {
  const points: Point[] = [];
  for (let m = 0; m < 12; m++) points.push(point(addMonths("2024-01", m), "export", "world", "total", "value", 100_000));
  changes.forEach((pct, m) => points.push(point(addMonths("2025-01", m), "export", "world", "total", "value", 100_000 * (1 + pct / 100))));
  return points;
}

describe("rounding and months", () => {
  it("rounds half away from zero as the Ministry prints, despite binary noise", () => {
    expect(roundPct(6.15)).toBe(6.2);
    expect(roundPct(-6.15)).toBe(-6.2);
    expect(roundPct((9_714_672 / 9_152_003 - 1) * 100)).toBe(6.1);
    expect(roundPct(-0.04)).toBe(0);
    expect(Object.is(roundPct(-0.04), -0)).toBe(false);
  });
  it("counts months across years", () => {
    expect(addMonths("2025-11", -12)).toBe("2024-11");
    expect(addMonths("2025-01", -1)).toBe("2024-12");
    expect(monthsBetween("2025-03", "2025-11")).toBe(8);
  });
});

describe("y/y: printed or computed", () => {
  it("keeps the printed figure when it is as recent as the levels, and says when the levels disagree", () => {
    const s = new Snapshot([
      point("2024-11", "import", "world", "total", "value", 9_270_003),
      point("2025-11", "import", "world", "total", "value", 9_392_446),
      point("2025-11", "import", "world", "total", "yoy_pct", 1.5),
    ], "2025-12-20");
    const [yoy] = yoyFacts(s, { flow: "import", partner: "world", commodity: "total" }, "2025-11");
    expect(yoy).toMatchObject({ value: 1.5, published: 1.5, computed: 1.3 });
    expect(yoy!.note).toMatch(/levels in force give 1.3/);
  });
  it("computes from a later release of the levels, and keeps the printed figure beside it", () => {
    const s = new Snapshot([
      point("2024-11", "import", "world", "total", "value", 9_272_812, "2026-09-30"),
      point("2025-11", "import", "world", "total", "value", 9_402_894, "2026-09-30"),
      point("2025-11", "import", "world", "total", "yoy_pct", 1.3),
    ], null);
    const [yoy] = yoyFacts(s, { flow: "import", partner: "world", commodity: "total" }, "2025-11");
    expect(yoy).toMatchObject({ value: 1.4, published: 1.3, computed: 1.4, vintage: { released: "2026-09-30" } });
  });
  it("contribution: the change over the total a year earlier, in points", () => {
    const s = new Snapshot([
      point("2024-11", "export", "world", "total", "value", 1000), point("2025-11", "export", "world", "total", "value", 1100),
      point("2024-11", "export", "world", "pc:705", "value", 200), point("2025-11", "export", "world", "pc:705", "value", 230),
    ], null);
    expect(contributionFact(s, { flow: "export", partner: "world", commodity: "pc:705" }, { flow: "export", partner: "world", commodity: "total" }, "2025-11")?.value).toBe(3);
  });
});

describe("streaks, turning points, extremes, records", () => {
  const key = { flow: "export" as const, partner: "world", commodity: "total" };
  it("a rise after seven falls is the first rise in eight months", () => {
    const s = new Snapshot(exportsWithChanges([11.4, 3.1, -1, -2, -3, -4, -5, -6, -7, -2, 8.8]), null);
    const facts = yoySequenceFacts(s, key, "2025-11");
    expect(facts.find((f) => f.metric === "first_since")).toMatchObject({ value: 9, basis: { period: "2025-02", value: 3.1 }, detail: { sign: "rise" } });
  });
  it("the fastest growth since the last month that was at least as fast", () => {
    const s = new Snapshot(exportsWithChanges([2, 11.4, 3, 2, 1, 0.5, 1, 2, 3, 4, 6.1]), null);
    const facts = yoySequenceFacts(s, key, "2025-11");
    expect(facts.find((f) => f.metric === "highest_since")).toMatchObject({ value: 9, basis: { period: "2025-02" } });
    expect(facts.find((f) => f.metric === "streak")).toMatchObject({ value: 11, detail: { sign: "rise", since: "2025-01", atLeast: true } });
  });
  it("a balance in deficit five months running", () => {
    const points = exportsWithChanges([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const imports = [90, 95, 99, 98, 97, 99, 101, 102, 103, 104, 110].map((v, m) => point(addMonths("2025-01", m), "import", "world", "total", "value", v * 1000));
    const s = new Snapshot([...points, ...imports], null);
    expect(balanceSequenceFacts(s, "world", "2025-11")).toMatchObject([{ metric: "streak", value: 5, detail: { sign: "deficit", since: "2025-07" } }]);
  });
  it("the highest November in the history held, flagged as short history", () => {
    const s = new Snapshot(exportsWithChanges([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5]), null);
    const points = [...exportsWithChanges([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5])];
    points.push(point("2023-11", "export", "world", "total", "value", 99_000));
    const withTwoNovembers = new Snapshot(points, null);
    expect(recordFacts(s, key, "2025-11").map((f) => f.metric)).toEqual(["record_high"]);
    expect(recordFacts(withTwoNovembers, key, "2025-11")).toMatchObject([
      { metric: "record_high", detail: { atLeast: true } },
      { metric: "record_month", basis: { period: "2024-11" }, detail: { kind: "highest", since: "2023-11", atLeast: true } },
    ]);
  });
});
