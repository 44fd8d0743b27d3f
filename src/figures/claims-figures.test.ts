// The figures the claim checker added (issue #8), on small hand-made series with the Ministry's real numbers where a
// rounding is the point: balances as printed and from rounded parts, the seasonally adjusted balance, the balance's
// change and the volume as sequences, and calendar-year sums.

import { describe, expect, it } from "vitest";
import type { ObservationFlow } from "../domain.js";
import { annualBalanceFacts, annualLevelFacts, annualShareFacts } from "./annual.js";
import { addMonths } from "./fact.js";
import { factById } from "./index.js";
import { balanceOrPrintedFacts, saBalanceFact } from "./printed.js";
import { balanceChangeSequenceFacts, volumeSequenceFacts } from "./sequences.js";
import { Snapshot, type Point } from "./snapshot.js";

const point = (period: string, flow: ObservationFlow, partner: string, measure: Point["measure"], value: number, options: { commodity?: string; unit?: string; released?: string; dataset?: string } = {}): Point => ({
  period, flow: flow as Point["flow"], partner, commodity: options.commodity ?? "total", measure, value, unit: options.unit ?? (measure === "value" ? "JPY_thousand" : "pct"),
  dataset: options.dataset ?? "mof.press", releaseId: 1, stage: "provisional", released: options.released ?? "2025-12-17", effective: options.released ?? "2025-12-17",
});

describe("balances as printed", () => {
  // November 2025 as released: exports ¥9,714,672 million, imports ¥9,392,446 million.
  const nov = [point("2025-11", "export", "world", "value", 9_714_672_000), point("2025-11", "import", "world", "value", 9_392_446_000)];
  it("the Japanese summary's balance: 9兆7147億円 − 9兆3924億円 = 3223億円, where the levels give ¥322.2 billion", () => {
    const s = new Snapshot(nov, "2025-12-17");
    expect(factById(s, "balance_rounded/balance/world/total/2025-11")).toMatchObject({ value: 322_300_000, note: expect.stringMatching(/97,147億円 − 93,924億円/) });
    expect(factById(s, "balance/balance/world/total/2025-11")!.value).toBe(322_226_000);
  });
  it("a printed balance stands where the levels are not held, and says where it comes from and its rounding", () => {
    const s = new Snapshot([point("2023-11", "balance", "world", "balance", -776_900_000, { dataset: "calendar.first_prints", released: "2023-12-20" })], "2023-12-20");
    expect(balanceOrPrintedFacts(s, "world", "2023-11")[0]).toMatchObject({ metric: "balance", value: -776_900_000, resolution: 50_000, note: expect.stringMatching(/calendar\.first_prints/) });
  });
  it("the levels stand where both are held and agree; a printed balance from after the day only fills a gap", () => {
    const printed = point("2025-11", "balance", "world", "balance", 316_700_000, { dataset: "calendar.first_prints", released: "2026-01-24" });
    expect(balanceOrPrintedFacts(new Snapshot([...nov, printed], "2025-12-17"), "world", "2025-11")[0]!.value).toBe(322_226_000);
  });
  it("the Ministry's % of a partner's balance stands over the one the levels give (it compares with its own year-earlier figure)", () => {
    const s = new Snapshot([
      point("2025-11", "export", "304", "value", 1_816_875_000), point("2025-11", "import", "304", "value", 1_077_103_000),
      point("2024-11", "export", "304", "value", 1_670_217_017), point("2024-11", "import", "304", "value", 1_006_600_043),
      point("2025-11", "balance", "304", "yoy_pct", 11.3),
    ], "2025-12-17");
    expect(factById(s, "balance_yoy_pct/balance/304/total/2025-11")).toMatchObject({ value: 11.3, published: 11.3, computed: 11.5 });
  });
  it("the seasonally adjusted balance, known to ¥0.01 trillion", () => {
    const s = new Snapshot([point("2024-11", "balance", "world", "balance_sa", -380_000_000, { dataset: "calendar.first_prints" })], null);
    expect(saBalanceFact(s, "world", "2024-11")).toMatchObject({ metric: "balance_sa", value: -380_000_000, resolution: 5_000_000 });
  });
});

describe("sequences of a balance's change and of a volume", () => {
  it("the surplus with the U.S. grew on a year earlier for the first time in seven months (7カ月ぶりに黒字幅が拡大)", () => {
    // Surpluses of 100 a month in 2024-04…2024-11; a year later 110, then six months of 80, then 120.
    const balances = [110, 80, 80, 80, 80, 80, 80, 120];
    const points = balances.flatMap((balance, i) => [
      point(addMonths("2024-04", i), "export", "304", "value", 200), point(addMonths("2024-04", i), "import", "304", "value", 100),
      point(addMonths("2025-04", i), "export", "304", "value", 100 + balance), point(addMonths("2025-04", i), "import", "304", "value", 100),
    ]);
    const facts = balanceChangeSequenceFacts(new Snapshot(points, null), "304", "2025-11");
    expect(facts).toEqual([expect.objectContaining({ metric: "balance_change_first_since", value: 7, detail: expect.objectContaining({ sign: "rise", since: "2025-04" }) })]);
  });
  it("a volume's first fall in two months, from a press table's thousands (TKL) against the time series' KL", () => {
    const key = { commodity: "pc:30301" };
    const s = new Snapshot([
      point("2023-10", "import", "world", "quantity1", 11_688_973, { ...key, unit: "KL" }), point("2024-10", "import", "world", "quantity1", 11_860_822, { ...key, unit: "KL" }),
      point("2023-11", "import", "world", "quantity1", 12_206_316, { ...key, unit: "KL" }), point("2024-11", "import", "world", "quantity1", 10_136, { ...key, unit: "TKL" }),
    ], null);
    expect(volumeSequenceFacts(s, { flow: "import", partner: "world", commodity: "pc:30301" }, "2024-11")).toEqual([
      expect.objectContaining({ metric: "volume_first_since", detail: expect.objectContaining({ sign: "fall", atLeast: true }) }),
    ]);
  });
});

describe("calendar years", () => {
  const year = (y: string, flow: "export" | "import", partner: string, monthly: number, commodity = "total") =>
    Array.from({ length: 12 }, (_, i) => point(`${y}-${String(i + 1).padStart(2, "0")}`, flow, partner, "value", monthly, { commodity }));
  const s = new Snapshot([...year("2023", "export", "world", 100), ...year("2024", "export", "world", 106.2), ...year("2023", "import", "world", 110), ...year("2024", "import", "world", 112),
    ...year("2024", "export", "304", 20), ...year("2024", "export", "304", 5.66, "pc:70503")], null);
  it("sums twelve months and compares them with the year before", () => {
    const levels = annualLevelFacts(s, { flow: "export", partner: "world", commodity: "total" }, "2024").filter((f) => f.metric !== "yoy_diff");
    expect(levels.map((f) => [f.metric, Math.round(f.value * 10) / 10])).toEqual([["level", 1274.4], ["yoy_pct", 6.2]]);
    expect(annualLevelFacts(s, { flow: "export", partner: "world", commodity: "total" }, "2022")).toEqual([]);
  });
  it("the balance and the Ministry's % where the sign holds: a deficit that narrowed", () => {
    const facts = annualBalanceFacts(s, "world", "2024").filter((f) => f.metric === "balance" || f.metric === "balance_yoy_pct");
    expect(facts.map((f) => [f.metric, Math.round(f.value * 10) / 10])).toEqual([["balance", -69.6], ["balance_yoy_pct", -42]]);
  });
  it("a commodity's share of a partner's year, and the same reached by id", () => {
    expect(annualShareFacts(s, { flow: "export", partner: "304", commodity: "pc:70503" }, { flow: "export", partner: "304", commodity: "total" }, "2024")[0]!.value).toBe(28.3);
    expect(factById(s, "share_pct/export/304/pc:70503/2024")!.value).toBe(28.3);
  });
});
