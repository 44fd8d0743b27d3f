// Annual and fiscal-year figures on the Ministry's real data: each year's figure is the sum of its months as the
// store serves them (summed here from `series`, not from the figures' own code), and the CLI prints the same.

import { beforeAll, describe, expect, it } from "vitest";
import { boeki, hasSharedData } from "../../test/helpers.js";
import { storeOfRealReleases } from "../../test/real-store.js";
import { UsageError } from "../errors.js";
import { series } from "../store/read.js";
import type { Store } from "../store/store.js";
import { addMonths, roundPct } from "./fact.js";
import { annualFigures, factById, loadYearSnapshot, type Fact, type Figures } from "./index.js";

const months = (first: string) => Array.from({ length: 12 }, (_, i) => addMonths(first, i));

describe.skipIf(!hasSharedData)("annual and fiscal-year figures", () => {
  let store: Store;
  let year2024: Figures;
  let fiscal2025: Figures;
  beforeAll(async () => {
    store = await storeOfRealReleases();
    year2024 = await annualFigures(store, { period: "2024" });
    fiscal2025 = await annualFigures(store, { period: "FY2025" });
  }, 120_000);

  /** The sum of a series over twelve months, as `series` serves them now. */
  const sum = async (flow: "export" | "import", partner: string, commodity: string, first: string) => {
    const points = (await series(store, { flow, partner, commodity, measures: ["value"], from: first, to: addMonths(first, 11) })).filter((p) => p.measure === "value");
    expect(points.map((p) => p.period), `${flow} ${partner} ${commodity} from ${first}`).toEqual(months(first));
    return points.reduce((s, p) => s + p.value, 0);
  };
  const fact = (r: Figures, id: string): Fact => {
    const found = r.facts.find((f) => f.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  it("2024: world exports and imports, each of the nine sections, their y/y and the balance equal the sums of the months", async () => {
    const keys = [["export", "total"], ["import", "total"], ...["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"].flatMap((c) => [["export", c], ["import", c]])] as Array<["export" | "import", string]>;
    for (const [flow, commodity] of keys) {
      const [now, before] = [await sum(flow, "world", commodity, "2024-01"), await sum(flow, "world", commodity, "2023-01")];
      expect(fact(year2024, `level/${flow}/world/${commodity}/2024`).value, `${flow} ${commodity}`).toBe(now);
      expect(fact(year2024, `yoy_pct/${flow}/world/${commodity}/2024`).value, `${flow} ${commodity}`).toBe(roundPct((now / before - 1) * 100));
    }
    const [exports, imports] = [await sum("export", "world", "total", "2024-01"), await sum("import", "world", "total", "2024-01")];
    expect(fact(year2024, "balance/balance/world/total/2024").value).toBe(exports - imports);
    // The record: 2024's exports are the highest of the years held (d41ma from 1979).
    expect(fact(year2024, "record_high/export/world/total/2024")).toMatchObject({ value: exports, detail: { kind: "highest", since: "1979", atLeast: false } });
  });

  it("fiscal 2025 (April 2025 to March 2026): partners' exports, imports and balances equal the sums of their months", async () => {
    expect(fiscal2025.month).toBe("FY2025");
    for (const partner of ["world", "304", "105", "area:asia", "group:eu"]) {
      const [exports, imports] = [await sum("export", partner, "total", "2025-04"), await sum("import", partner, "total", "2025-04")];
      expect(fact(fiscal2025, `level/export/${partner}/total/FY2025`).value, partner).toBe(exports);
      expect(fact(fiscal2025, `level/import/${partner}/total/FY2025`).value, partner).toBe(imports);
      expect(fact(fiscal2025, `balance/balance/${partner}/total/FY2025`).value, partner).toBe(exports - imports);
    }
    // Fiscal 2024 is whole for the world only (the press tables by partner begin in May 2024): no change for partners.
    const [importsBefore, exportsBefore] = [await sum("import", "world", "total", "2024-04"), await sum("export", "world", "total", "2024-04")];
    const imports = await sum("import", "world", "total", "2025-04");
    expect(fact(fiscal2025, "yoy_pct/import/world/total/FY2025").value).toBe(roundPct((imports / importsBefore - 1) * 100));
    expect(fact(fiscal2025, "balance/balance/world/total/FY2025").basis).toEqual({ period: "FY2024", value: exportsBefore - importsBefore });
    expect(fiscal2025.facts.some((f) => f.id === "yoy_pct/export/304/total/FY2025")).toBe(false);
  });

  it("a year's fact asked for by id alone is the one of the year's whole set", async () => {
    const snapshot = await loadYearSnapshot(store, "FY2025");
    const sample = fiscal2025.facts.filter((_, i) => i % 7 === 0);
    expect(sample.length).toBeGreaterThan(50);
    for (const f of sample) expect(factById(snapshot, f.id), f.id).toEqual(f);
  });

  it("a year not yet whole on the day asked is a usage error naming the months missing", async () => {
    // On the day of the December 2024 release the store held the press releases from May 2024 only.
    await expect(annualFigures(store, { period: "2024", asOf: "2025-01-23" })).rejects.toThrow(UsageError);
    await expect(annualFigures(store, { period: "2024", asOf: "2025-01-23" })).rejects.toThrow(/2024 is not whole in the store as of 2025-01-23: no exports for 2024-01, 2024-02, 2024-03, 2024-04/);
    await expect(annualFigures(store, { period: "24" })).rejects.toThrow(UsageError);
  });

  it("boeki figures --year and --fiscal-year print the same figures, also in Japanese; a bad year is a usage error", async () => {
    store.close();
    const headline = (args: string[]) => {
      const run = boeki(["--db", store.path, "figures", ...args, "--section", "headline", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as Figures).facts;
    };
    const headlineOf = (r: Figures) => r.facts.filter((f) => r.sections.headline.includes(f.id));
    expect(headline(["--year", "2024"])).toEqual(headlineOf(year2024));
    expect(headline(["--fiscal-year", "2025"])).toEqual(headlineOf(fiscal2025));
    const table = boeki(["--db", store.path, "figures", "--fiscal-year", "2025", "--section", "headline"]);
    expect(table.stdout).toMatch(/^Figures for fiscal 2025, as now held/);
    // In Japanese: the Ministry's terms, 億円, and the balance as the Japanese release prints it.
    const ja = boeki(["--db", store.path, "figures", "--month", "2025-11", "--as-of", "2025-12-17", "--section", "headline", "--lang", "ja"]);
    expect(ja.stdout).toMatch(/^2025年11月の貿易統計（2025-12-17時点）/);
    expect(ja.stdout).toMatch(/輸出 +世界 +総額 +前年同月比 +\+6\.1%/);
    expect(ja.stdout).toMatch(/差引（輸出入を億円単位に四捨五入した差、日本語発表） +3223億円/);
    const jaYear = boeki(["--db", store.path, "figures", "--fiscal-year", "2025", "--section", "headline", "--lang", "ja"]);
    expect(jaYear.stdout).toMatch(/^2025年度の貿易統計/);
    expect(jaYear.stdout).toMatch(/前年度比/);
    for (const args of [["--year", "2024", "--month", "2024-01"], ["--year", "24"]]) {
      const run = boeki(["--db", store.path, "figures", ...args]);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^boeki: /);
    }
  });
});
