// Release figures on the Ministry's real data: the press releases (as published on their days) and the
// revised time series (here given the release date of their capture, 2026-09-30).

import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, shared } from "../../test/helpers.js";
import { storeOfRealReleases, TIME_SERIES_RELEASED } from "../../test/real-store.js";
import { setConsensus } from "../store/consensus.js";
import type { Store } from "../store/store.js";
import { addMonths } from "./fact.js";
import { computeFigures, factById, figures, type Fact, type Figures } from "./index.js";
import { contributionFact, yoyValue } from "./measures.js";
import { loadSnapshot } from "./snapshot.js";

const find = (result: Figures, id: string): Fact => {
  const fact = result.facts.find((f) => f.id === id);
  if (!fact) throw new Error(`no fact ${id}; have ${result.facts.filter((f) => f.id.startsWith(id.split("/")[0]!)).slice(0, 5).map((f) => f.id).join(", ")} …`);
  return fact;
};
const value = (result: Figures, id: string) => find(result, id).value;

describe.skipIf(!hasSharedData)("figures on the Ministry's releases", () => {
  let store: Store;
  let nov25OnReleaseDay: Figures;
  let nov25Now: Figures;
  let nov24OnReleaseDay: Figures;
  let nov24Now: Figures;
  beforeAll(async () => {
    store = await storeOfRealReleases();
    await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
    nov25OnReleaseDay = await figures(store, { month: "2025-11", asOf: "2025-12-20" });
    nov25Now = await figures(store, { month: "2025-11" });
    nov24OnReleaseDay = await figures(store, { month: "2024-11", asOf: "2024-12-18" });
    nov24Now = await figures(store, { month: "2024-11" });
  }, 120_000);

  it("November 2025, as released: exports +6.1%, imports +1.3%, destinations as printed", () => {
    const r = nov25OnReleaseDay;
    expect(value(r, "yoy_pct/export/world/total/2025-11")).toBe(6.1);
    expect(value(r, "yoy_pct/import/world/total/2025-11")).toBe(1.3);
    expect(value(r, "yoy_pct/export/304/total/2025-11")).toBe(8.8);
    expect(value(r, "yoy_pct/export/105/total/2025-11")).toBe(-2.4);
    expect(value(r, "yoy_pct/export/108/total/2025-11")).toBe(11.4);
    expect(value(r, "yoy_pct/export/area:western_europe/total/2025-11")).toBe(23.6);
    expect(value(r, "yoy_pct/export/group:eu/total/2025-11")).toBe(19.6);
    expect(value(r, "balance/balance/world/total/2025-11")).toBe(322_226_000);
    expect(find(r, "yoy_pct/import/world/total/2025-11").vintage).toMatchObject({ dataset: "mof.press", stage: "provisional", released: "2025-12-17" });
  });

  it("November 2025, as released: commodities and commodities by area", () => {
    const r = nov25OnReleaseDay;
    expect(value(r, "yoy_pct/export/world/pc:703/2025-11")).toBe(7.4);
    expect(value(r, "yoy_pct/export/world/pc:70323/2025-11")).toBe(13.0);
    expect(value(r, "yoy_pct/export/world/pc:70503/2025-11")).toBe(-4.1);
    expect(value(r, "yoy_pct/export/304/pc:70503/2025-11")).toBe(1.5);
    expect(value(r, "yoy_pct/export/105/pc:0+1/2025-11")).toBe(-5.9);
  });

  it("November 2025: the U.S. turned (first rise since March 2025); exports grew fastest in nine months", () => {
    const us = find(nov25OnReleaseDay, "first_since/export/304/total/2025-11");
    expect(us).toMatchObject({ value: 8, basis: { period: "2025-03" }, detail: { sign: "rise", since: "2025-03" } });
    const fastest = find(nov25OnReleaseDay, "highest_since/export/world/total/2025-11");
    expect(fastest).toMatchObject({ value: 9, basis: { period: "2025-02", value: 11.4 } });
    expect(find(nov25OnReleaseDay, "first_since/balance/world/total/2025-11")).toMatchObject({ detail: { sign: "surplus", since: "2025-06" } });
  });

  it("November 2025, now: the revised series give imports +1.4%, semiconductors +12.9%, motor vehicles −4.2%, and say what was printed", () => {
    const imports = find(nov25Now, "yoy_pct/import/world/total/2025-11");
    expect(imports).toMatchObject({ value: 1.4, published: 1.3, computed: 1.4, vintage: { dataset: "mof.d61ma", released: TIME_SERIES_RELEASED } });
    expect(imports.note).toMatch(/printed 1.3/);
    expect(value(nov25Now, "yoy_pct/export/world/pc:70323/2025-11")).toBe(12.9);
    expect(value(nov25Now, "yoy_pct/export/world/pc:70503/2025-11")).toBe(-4.2);
    expect(value(nov25Now, "yoy_pct/export/world/total/2025-11")).toBe(6.1);
  });

  it("November 2025, as released: the balance with each partner, its change, the Ministry's % and its run", () => {
    const r = nov25OnReleaseDay;
    // Exports to the U.S. 1,816,875 − imports 1,077,103 (million yen), against 664,031 in the release of November 2024.
    expect(find(r, "balance/balance/304/total/2025-11")).toMatchObject({ value: 739_772_000, basis: { period: "2024-11", value: 664_031_000 }, detail: { sign: "surplus" } });
    expect(value(r, "balance_change/balance/304/total/2025-11")).toBe(75_741_000);
    // The Ministry printed +11.3%, against a revised November 2024; the first print of that month gives 11.4.
    expect(find(r, "balance_yoy_pct/balance/304/total/2025-11")).toMatchObject({ value: 11.3, published: 11.3, computed: 11.4 });
    expect(find(r, "balance_yoy_pct/balance/105/total/2025-11")).toMatchObject({ value: 13.8, published: 13.8 });
    // The Japanese release's balances: the rounded parts subtracted, 1兆8169億円 − 1兆771億円 = 7398億円; 9兆7147 − 9兆3924 = 3223.
    expect(value(r, "balance_rounded/balance/304/total/2025-11")).toBe(739_800_000);
    expect(find(r, "balance_rounded/balance/world/total/2025-11")).toMatchObject({ value: 322_300_000, note: expect.stringMatching(/Japanese summary prints them \(97,147億円 − 93,924億円\)/) });
    // "The surplus with the U.S. grew for the first time in seven months" (7カ月ぶりに黒字幅が拡大): at least, as the history held begins in 2024.
    expect(find(r, "balance_change_first_since/balance/304/total/2025-11")).toMatchObject({ value: 7, detail: { sign: "rise", atLeast: true } });
    expect(find(r, "streak/balance/105/total/2025-11")).toMatchObject({ detail: { sign: "deficit" } });
    // Imports by partner: from the U.S. +7.1% to ¥1.08 trillion, from China +2.3%.
    expect(value(r, "yoy_pct/import/304/total/2025-11")).toBe(7.1);
    expect(value(r, "level/import/304/total/2025-11")).toBe(1_077_103_000);
    expect(value(r, "yoy_pct/import/105/total/2025-11")).toBe(2.3);
  });

  it("November 2024, as released: the deficit with China (¥682.0 billion) and the surplus with the U.S. (¥664.0 billion)", () => {
    expect(value(nov24OnReleaseDay, "balance/balance/105/total/2024-11")).toBe(-682_003_000);
    expect(value(nov24OnReleaseDay, "balance/balance/304/total/2024-11")).toBe(664_031_000);
    expect(value(nov24OnReleaseDay, "balance/balance/group:eu/total/2024-11")).toBe(-210_188_000);
  });

  it("November 2025: the surprise against the 4.8% consensus", () => {
    expect(find(nov25OnReleaseDay, "surprise/export/world/total/2025-11/Reuters poll")).toMatchObject({ value: 1.3, unit: "pp", detail: { outcome: "beat" } });
  });

  it("November 2024: the ¥117.62bn deficit as released (¥120.8bn revised), the fifth straight, against ¥813.87bn a year earlier", () => {
    const deficit = find(nov24OnReleaseDay, "balance/balance/world/total/2024-11");
    expect(deficit.value).toBe(-117_620_000);
    expect(deficit.basis).toEqual({ period: "2023-11", value: -813_869_000 });
    expect(value(nov24OnReleaseDay, "balance_yoy_pct/balance/world/total/2024-11")).toBe(-85.5);
    expect(find(nov24OnReleaseDay, "streak/balance/world/total/2024-11")).toMatchObject({ value: 5, detail: { sign: "deficit", since: "2024-07" } });
    expect(Math.round(value(nov24Now, "balance/balance/world/total/2024-11") / 100_000) / 10).toBe(-120.8);
    expect(value(nov24OnReleaseDay, "yoy_pct/export/world/pc:70131/2024-11")).toBe(32.1);
  });

  it("a fact asked for by id alone is the same as in the month's full set", async () => {
    const snapshot = await loadSnapshot(store, "2025-11", "2025-12-20");
    const all = computeFigures(snapshot, { month: "2025-11", asOf: "2025-12-20" }, []);
    const alone = all.facts.filter((f) => f.metric !== "consensus" && f.metric !== "surprise").map((f) => factById(snapshot, f.id));
    expect(alone).toEqual(all.facts.filter((f) => f.metric !== "consensus" && f.metric !== "surprise"));
    expect(alone.length).toBeGreaterThan(4000);
  });

  it("the contributions of the nine sections add up to the total's y/y within rounding, in every month held", async () => {
    const sections = ["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"];
    const snapshot = await loadSnapshot(store, "2026-08", undefined, "1988-01");
    let months = 0;
    for (const flow of ["export", "import"] as const) {
      for (let period = "1989-01"; period <= "2026-07"; period = addMonths(period, 1)) {
        const total = { flow, partner: "world", commodity: "total" };
        const parts = sections.map((commodity) => contributionFact(snapshot, { flow, partner: "world", commodity }, total, period));
        const yoy = yoyValue(snapshot, total, period);
        if (parts.some((p) => !p) || yoy === null) continue;
        const sum = parts.reduce((s, p) => s + p!.value, 0);
        expect(Math.abs(sum - yoy), `${flow} ${period}: ${sum.toFixed(1)} vs ${yoy}`).toBeLessThanOrEqual(0.05 * (sections.length + 1) + 1e-9);
        months++;
      }
    }
    expect(months).toBeGreaterThan(2 * 440);
  });

  it("for each of the 28 press releases, y/y as of its day equals the printed figure (total, USA, China, Asia, EU, Western Europe)", async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("mof-press-release", "tidy", "press_area_country.tidy.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const partners = ["world", "304", "105", "area:asia", "group:eu", "area:western_europe"];
    const printed = rows.filter((r) => r.measure === "yoy_pct" && partners.includes(r.partner!) && r.commodity === "total");
    const releases = [...new Set(printed.map((r) => `${r.period} ${r.released}`))];
    expect(releases.length).toBe(28);
    let compared = 0;
    for (const release of releases) {
      const [period, released] = release.split(" ") as [string, string];
      const result = await figures(store, { month: period, asOf: released });
      for (const r of printed.filter((p) => p.period === period)) {
        expect(value(result, `yoy_pct/${r.flow}/${r.partner}/total/${period}`), `${release} ${r.flow} ${r.partner}`).toBe(Number(r.value));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(28 * 12 - 5);
  }, 120_000);
});
