// The brief on the Ministry's real releases: what the 2025-11 and 2024-11 stories must say, that every number
// in each of the 28 releases' stories is a fact and each such fact the Ministry's printed figure, the Japanese
// story told from the same facts, and snapshots of the text and charts (test/output/, reviewed by eye).

import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, REPO, shared } from "../../test/helpers.js";
import { storeOfRealReleases } from "../../test/real-store.js";
import type { Fact } from "../figures/index.js";
import { principalCommodity } from "../sources/codes/index.js";
import { setConsensus } from "../store/consensus.js";
import type { Store } from "../store/store.js";
import { monthEn } from "./format.js";
import { brief, toMarkdown, type BriefDocument } from "./index.js";

const text = (doc: BriefDocument) => [doc.title, ...doc.paragraphs.flat()].map((s) => s.text).join("\n");
const snapshot = (name: string) => path.join(REPO, "test", "output", name);

/** The figures the Ministry printed, keyed like facts: `measure/flow/partner/commodity/period`, value in the store's units. */
function printedFigures(): Map<string, number> {
  const printed = new Map<string, number>();
  const read = (name: string) => Papa.parse<Record<string, string>>(readFileSync(shared("mof-press-release", name), "utf8"), { header: true, skipEmptyLines: true }).data;
  for (const r of read("tidy/press_area_country.tidy.csv")) {
    printed.set(`${r.measure === "value" ? "level" : r.measure}/${r.flow}/${r.partner}/total/${r.period}`, r.measure === "value" ? Number(r.value) * 1000 : Number(r.value));
  }
  for (const name of ["press_2024-11_principal_commodity_world.csv", "press_2025-06_principal_commodity_world.csv", "press_2025-11_principal_commodity_world.csv"]) {
    for (const r of read(name)) {
      if (r.level === "0") continue;
      // Keyed by the printed name; matched to facts through the fact's commodity name below.
      printed.set(`item/${r.imex === "E" ? "export" : "import"}/${r.area}/${r.item!.trim().replace(/^\d\s+/, "")}/${r.yyyymm}`, Number(r.value_yoy_pct));
    }
  }
  return printed;
}

describe.skipIf(!hasSharedData)("the brief on the Ministry's releases", () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeOfRealReleases();
    await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
  }, 120_000);

  it("November 2025 as of release day: the story a desk would file", async () => {
    const story = text(await brief(store, "2025-11", { asOf: "2025-12-17", charts: false }));
    expect(story).toMatch(/Japan's exports rose 6\.1% in November from a year earlier to ¥9\.71 trillion, the fastest growth in nine months/);
    expect(story).toMatch(/beat the 4\.8% rise forecast in a Reuters poll/);
    expect(story).toMatch(/exports to the United States rose 8\.8%, the first rise since March\./);
    expect(story).toMatch(/Western Europe jumped 23\.6%/);
    expect(story).toMatch(/China fell 2\.4%/);
    expect(story).toMatch(/Imports rose 1\.3% to ¥9\.39 trillion/);
    expect(story).toMatch(/trade surplus of ¥322\.2 billion/);
  });

  it("November 2024 as of release day: the fifth straight deficit, narrowed 85.5%, chip-making equipment +32.1%", async () => {
    const story = text(await brief(store, "2024-11", { asOf: "2024-12-18", charts: false }));
    expect(story).toMatch(/trade deficit of ¥117\.6 billion, the fifth straight monthly deficit\./);
    expect(story).toMatch(/The deficit narrowed 85\.5% from ¥813\.9 billion a year earlier\./);
    expect(story).toMatch(/chip-making equipment rose 32\.1%/);
  });

  it("now, with the revised series in: the month before is told as revised, with the figure first printed", async () => {
    // September 2025 exports: printed +4.2% on 2025-10-30, +4.1% in the revised series.
    const story = text(await brief(store, "2025-10", { charts: false }));
    expect(story).toMatch(/That followed a revised 4\.1% rise in September \(first reported as 4\.2%\)/);
    expect(text(await brief(store, "2025-10", { charts: false, lang: "ja" }))).toMatch(/9月は4\.1%増（速報値の4\.2%増から改定）/);
  });

  it("the Japanese story tells the same facts in the Ministry's terms", async () => {
    const [en, ja] = await Promise.all([
      brief(store, "2024-11", { asOf: "2024-12-18", charts: false }),
      brief(store, "2024-11", { asOf: "2024-12-18", charts: false, lang: "ja" }),
    ]);
    const jaText = text(ja);
    expect(jaText).toMatch(/輸出は前年同月比3\.8%増の9兆1,524億円/);
    expect(jaText).toMatch(/貿易収支は1,176億円の赤字で、5か月連続の赤字/);
    expect(jaText).toMatch(/前年同月の8,139億円から85\.5%縮小/);
    expect(new Set(ja.facts.map((f) => f.id))).toEqual(new Set(en.facts.map((f) => f.id)));
  });

  it("in each of the 28 releases' stories, every number is a fact, and each such fact is the figure the Ministry printed", async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("mof-press-release", "tidy", "press_area_country.tidy.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    const releases = [...new Map(rows.map((r) => [r.period!, r.released!])).entries()];
    expect(releases.length).toBe(28);
    const printed = printedFigures();
    const NUMBER = /¥?\d+(?:,\d{3})*(?:\.\d+)?(?: (?:trillion|billion|million))?%?(?: percentage points?)?|\b(?:one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b/g;
    let numbers = 0;
    let checkedAgainstPrint = 0;
    for (const [month, released] of releases) {
      const doc = await brief(store, month, { asOf: released, charts: false });
      const facts = new Map(doc.facts.map((f) => [f.id, f]));
      for (const s of [doc.title, ...doc.paragraphs.flat()]) {
        for (const match of s.text.matchAll(NUMBER)) {
          if (/^(first|one)$/.test(match[0]) && /first (rise|decline|surplus|deficit) (since|in)/.test(s.text.slice(match.index!, match.index! + 30))) continue; // "the first rise since": an ordinal of words, not a count
          const span = s.spans.find((x) => x.start <= match.index! && match.index! + match[0].length <= x.end);
          expect(span, `${month}: "${match[0]}" in "${s.text}" carries no fact`).toBeDefined();
          const fact = facts.get(span!.factId)!;
          expectShown(fact, span!.kind, s.text.slice(span!.start, span!.end), month);
          numbers++;
        }
      }
      for (const fact of doc.facts) {
        const key = printedKey(fact);
        if (key && printed.has(key)) {
          expect(fact.value, `${month}: ${fact.id}`).toBe(printed.get(key));
          checkedAgainstPrint++;
        }
        if (fact.metric === "balance" && fact.period === month) {
          const exports = printed.get(`level/export/world/total/${month}`)!;
          const imports = printed.get(`level/import/world/total/${month}`)!;
          expect(fact.value, `${month}: balance`).toBe(exports - imports);
          checkedAgainstPrint++;
        }
      }
    }
    console.info(`[brief] 28 releases: ${numbers} numbers traced to facts, ${checkedAgainstPrint} facts equal to the printed figures`);
    expect(numbers).toBeGreaterThan(28 * 8);
    expect(checkedAgainstPrint).toBeGreaterThan(28 * 6);
  }, 120_000);

  it("matches the committed snapshots of the 2025-11 and 2024-11 briefs, text and charts", async () => {
    for (const [month, asOf] of [["2025-11", "2025-12-17"], ["2024-11", "2024-12-18"]] as const) {
      const en = await brief(store, month, { asOf });
      await expect(toMarkdown(en)).toMatchFileSnapshot(snapshot(`brief-${month}.md`));
      await expect(toMarkdown(await brief(store, month, { asOf, lang: "ja", charts: false }))).toMatchFileSnapshot(snapshot(`brief-${month}.ja.md`));
      for (const chart of en.charts) await expect(chart.svg).toMatchFileSnapshot(snapshot(`brief-${month}-chart-${chart.id}.svg`));
    }
  });
});

/** The key of the printed figure a fact should equal, if the Ministry printed one. */
function printedKey(f: Fact): string | null {
  if (f.commodity === "total" && ["level", "yoy_pct"].includes(f.metric) && f.flow !== "balance") return `${f.metric}/${f.flow}/${f.partner}/total/${f.period}`;
  // Goods are printed by name in the commodity tables (2024-11, 2025-06, 2025-11).
  if (f.commodity !== "total" && f.metric === "yoy_pct" && f.partner === "world" && f.flow !== "balance") {
    return `item/${f.flow}/WORLD/${principalCommodity(f.flow, f.commodity)!.nameEn.replace(/^\d\s+/, "")}/${f.period}`;
  }
  return null;
}

/** The text a span shows must be its fact's value, in the form the desk writes it. */
function expectShown(fact: Fact, kind: string, shown: string, month: string): void {
  const where = `${month}: "${shown}" for ${fact.id}`;
  if (kind === "period") return void expect(shown, where).toBe(monthEn(fact.basis!.period, month));
  if (kind === "month") return void expect(shown, where).toBe(monthEn(fact.period, month));
  if (kind === "published") return void expect(Number(shown.replace("%", "")), where).toBe(fact.published);
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
  const ordinals = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
  if (kind === "count") {
    const n = words.includes(shown) ? words.indexOf(shown) : ordinals.includes(shown) ? ordinals.indexOf(shown) : Number(shown.replace(/th$/, ""));
    return void expect(n, where).toBe(fact.value);
  }
  const value = kind === "basis" ? fact.basis!.value : fact.value;
  const yen = /^¥([\d.]+) (trillion|billion|million)$/.exec(shown);
  if (yen) {
    const scale = { trillion: 1e12, billion: 1e9, million: 1e6 }[yen[2] as "trillion"];
    const decimals = yen[1]!.split(".")[1]?.length ?? 0;
    return void expect(Math.abs(Math.abs(value) * 1000 - Number(yen[1]) * scale), where).toBeLessThanOrEqual((0.5 * scale) / 10 ** decimals + 1e-6);
  }
  const number = Number(/[\d.]+/.exec(shown)![0]);
  expect(number, where).toBe(Math.abs(value));
}
