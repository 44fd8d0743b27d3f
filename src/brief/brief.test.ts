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
import { isYearPeriod } from "../figures/index.js";
import { monthEn, yearEn } from "./format.js";
import { brief, toHtml, toJson, toMarkdown, type BriefDocument } from "./index.js";

const text = (doc: BriefDocument) => [doc.title, ...doc.paragraphs.flat()].map((s) => s.text).join("\n");
const snapshot = (name: string) => path.join(REPO, "test", "output", name);

/** The figures the Ministry printed, keyed like facts: `measure/flow/partner/commodity/period`, value in the store's units. */
function printedFigures(): Map<string, number> {
  const printed = new Map<string, number>();
  const read = (name: string) => Papa.parse<Record<string, string>>(readFileSync(shared("mof-press-release", name), "utf8"), { header: true, skipEmptyLines: true }).data;
  for (const r of read("tidy/press_area_country.tidy.csv")) {
    printed.set(`${r.measure === "value" ? "level" : r.measure}/${r.flow}/${r.partner}/total/${r.period}`, r.measure === "value" ? Number(r.value) * 1000 : Number(r.value) + 0); // +0: "-0.0" is printed zero
  }
  for (const name of ["press_2024-11_principal_commodity_world.csv", "press_2025-06_principal_commodity_world.csv", "press_2025-11_principal_commodity_world.csv"]) {
    for (const r of read(name)) {
      if (r.level === "0") continue;
      // Keyed by the printed name; matched to facts through the fact's commodity name below.
      printed.set(`item/${r.imex === "E" ? "export" : "import"}/${r.area}/${r.item!.trim().replace(/^\d\s+/, "")}/${r.yyyymm}`, Number(r.value_yoy_pct) + 0);
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
    expect(story).toMatch(/Exports to the United States rose 8\.8% to ¥1\.82 trillion, the first rise since March\./);
    expect(story).toMatch(/Exports of cars to the U\.S\. rose 1\.5%/);
    // The surplus with the U.S. and its change as the Ministry printed it (11.3%, against a revised year-earlier
    // balance; the first print of November 2024 would give 11.4%), and the first growth since April.
    expect(story).toMatch(/Imports from the U\.S\. rose 7\.1% to ¥1\.08 trillion, leaving Japan a surplus of ¥739\.8 billion with the U\.S\., up 11\.3% from a year earlier and the first growth in at least seven months\./);
    expect(story).toMatch(/Exports to China fell 2\.4% to ¥1\.62 trillion/);
    expect(story).toMatch(/Imports from China rose 2\.3% to ¥2\.40 trillion, leaving Japan a deficit of ¥777\.9 billion with China, 13\.8% wider than a year earlier/);
    expect(story).toMatch(/Western Europe jumped 23\.6%/);
    expect(story).toMatch(/Imports rose 1\.3% to ¥9\.39 trillion/);
    expect(story).toMatch(/trade surplus of ¥322\.2 billion/);
  });

  it("November 2025: the key figures after the story, every cell a fact, in Markdown, HTML and JSON", async () => {
    const doc = await brief(store, "2025-11", { asOf: "2025-12-17", charts: false });
    const partners = doc.tables.find((t) => t.id === "partners")!;
    const row = (label: string) => partners.rows.find((r) => r.label === label)!.cells.map((c) => c?.text ?? "-");
    expect(row("World")).toEqual(["9,714.7", "+6.1", "9,392.4", "+1.3", "322.2", "443.0", "-"]);
    expect(row("United States")).toEqual(["1,816.9", "+8.8", "1,077.1", "+7.1", "739.8", "75.7", "+11.3"]);
    expect(row("China")).toEqual(["1,622.2", "-2.4", "2,400.1", "+2.3", "-777.9", "-95.9", "+13.8"]);
    expect(partners.rows.map((r) => r.label)).toEqual(expect.arrayContaining(["Asia", "European Union", "Western Europe", "Middle East", "Hong Kong", "Taiwan"]));
    // The Japanese release's balance, under the table: 9兆7147億円 − 9兆3924億円.
    expect(partners.notes[0]!.text).toMatch(/which gives ¥322\.3 billion surplus for the world/);
    const goods = doc.tables.find((t) => t.id === "partner-goods")!.rows.find((r) => r.label === "Cars to the United States")!;
    expect(goods.cells.map((c) => c?.text)).toEqual(["499.7", "+1.5", "+0.5"]);
    const exportsByGoods = doc.tables.find((t) => t.id === "export-goods")!;
    expect(exportsByGoods.rows.find((r) => r.label === "Semiconductors and other electronic components")!.cells.map((c) => c?.text)).toEqual(["577.0", "+13.0", "+0.7"]);
    expect(exportsByGoods.rows.filter((r) => !r.indent)).toHaveLength(9);
    // Every cell is one fact, shown as its value.
    const facts = new Map(doc.facts.map((f) => [f.id, f]));
    for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) if (c) {
      expect(c.spans).toHaveLength(1);
      const fact = facts.get(c.spans[0]!.factId)!;
      if (c.spans[0]!.kind === "value") expect(Number(c.text.replace(/,/g, "")), `${t.id} ${r.label}`).toBeCloseTo(fact.unit === "JPY_thousand" ? fact.value / 1e6 : fact.value, 1);
    }
    const md = toMarkdown(doc);
    expect(md).toMatch(/\| United States \| 1,816\.9\[\^\d+\] \| \+8\.8\[\^\d+\] \|/);
    const html = toHtml(doc);
    expect(html).toMatch(/<table class="key-figures" id="table-partners">/);
    expect(html).toMatch(/<th scope="row">United States<\/th><td><span class="fact" data-fact="level\/export\/304\/total\/2025-11">1,816\.9<\/span><\/td>/);
    const json = toJson(doc) as { tables: Array<{ id: string; rows: Array<{ label: string; cells: Array<{ text: string; facts: string[] } | null> }> }> };
    expect(json.tables.find((t) => t.id === "partners")!.rows[1]).toMatchObject({ label: "United States", cells: [{ text: "1,816.9", facts: ["level/export/304/total/2025-11"] }, expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything(), expect.anything()] });
  });

  it("November 2025 in Japanese: the balance as the Japanese release prints it (3223億円), said in its source note; footnote marks on numbers only", async () => {
    const doc = await brief(store, "2025-11", { asOf: "2025-12-17", charts: false, lang: "ja" });
    const story = text(doc);
    expect(story).toMatch(/^11月の貿易収支、3223億円の黒字　5か月ぶり/);
    expect(story).toMatch(/貿易収支は3223億円の黒字だった。/);
    expect(story).toMatch(/輸出は前年同月比6\.1%増の9兆7147億円で、9か月ぶりの高い伸びとなった。/);
    expect(story).toMatch(/輸入は1\.3%増の9兆3924億円だった。/);
    expect(story).toMatch(/米国向け輸出は8\.8%増の1兆8169億円で、8か月ぶりの増加となった。/);
    expect(story).toMatch(/自動車は1\.5%増の4997億円/);
    expect(story).toMatch(/対米貿易収支は7398億円の黒字だった。\n黒字額は前年同月の\d+億円から11\.3%拡大した。/);
    expect(story).toMatch(/中国からの輸入は2\.3%増の2兆4001億円/);
    const md = toMarkdown(doc);
    const note = /\[\^(\d+)\]: `balance_rounded\/balance\/world\/total\/2025-11` = 322300000 .*輸出額と輸入額をそれぞれ億円単位に四捨五入した差/.exec(md);
    expect(note, "the source note of 3223億円 says how it is made").not.toBeNull();
    expect(md).toMatch(new RegExp(`3223億円\\[\\^${note![1]}\\]`));
    expect(md).toMatch(/10月は3\.6%\[\^\d+\]増/); // not 10月[^n]
    expect(md).not.toMatch(/月\[\^/);
  });

  it("the Japanese charts: titles, axes and legends in Japanese, the balance in 億円", async () => {
    const doc = await brief(store, "2025-11", { asOf: "2025-12-17", lang: "ja" });
    const chart = (id: string) => doc.charts.find((c) => c.id === id)!;
    expect(chart("yoy").svg).toContain("輸出・輸入の前年同月比（%）");
    expect(chart("yoy").svg).toMatch(/>輸出<[\s\S]*>輸入</); // the legend
    expect(chart("yoy").svg).toContain("前年同月比（%）");
    expect(chart("balance").title).toBe("貿易収支（億円）");
    expect(chart("balance").description).toMatch(/2025-11は3222（プラスは黒字）/);
    expect(chart("destinations").svg).toContain("西欧");
    expect(chart("commodities").svg).toContain("電気機器");
    expect(doc.charts.every((c) => !/Exports|percentage points|Balance/.test(c.svg))).toBe(true);
  });

  it("November 2024 as of release day: the deficit with China and the surplus with the U.S.", async () => {
    const story = text(await brief(store, "2024-11", { asOf: "2024-12-18", charts: false }));
    expect(story).toMatch(/leaving Japan a deficit of ¥682\.0 billion with China/);
    expect(story).toMatch(/leaving Japan a surplus of ¥664\.0 billion with the U\.S\./);
    expect(story).not.toMatch(/U\.S\.\./);
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
    expect(jaText).toMatch(/輸出は前年同月比3\.8%増の9兆1524億円/);
    expect(jaText).toMatch(/貿易収支は1176億円の赤字だった。\n赤字は5か月連続。/);
    // The year-earlier balance as the Japanese release makes it, from the rounded parts (the English: ¥813.9 billion).
    expect(jaText).toMatch(/赤字額は前年同月の8138億円から85\.5%縮小した。/);
    // The same facts, but the balances as each release prints them.
    const ids = (doc: BriefDocument) => new Set(doc.facts.map((f) => f.id.replace(/^balance_rounded\//, "balance/")));
    expect(ids(ja)).toEqual(ids(en));
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
          if (/^(first|one)$/.test(match[0]) && /first (rise|decline|surplus|deficit|growth|narrowing|widening|shrinking)( with [^,]+?)? (since|in)/.test(s.text.slice(match.index!, match.index! + 30))) continue; // "the first rise since": an ordinal of words, not a count
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
        const [exports, imports] = ["export", "import"].map((flow) => printed.get(`level/${flow}/${fact.partner}/total/${month}`));
        if (fact.metric === "balance" && fact.period === month && exports !== undefined && imports !== undefined) {
          expect(fact.value, `${month}: balance with ${fact.partner}`).toBe(exports - imports);
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
    for (const chart of (await brief(store, "2025-11", { asOf: "2025-12-17", lang: "ja" })).charts) {
      await expect(chart.svg).toMatchFileSnapshot(snapshot(`brief-2025-11.ja-chart-${chart.id}.svg`));
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
  const periodEn = (p: string) => (isYearPeriod(p) ? yearEn(p) : monthEn(p, month));
  if (kind === "period") return void expect(shown, where).toBe(periodEn(fact.basis!.period));
  if (kind === "month") return void expect(shown, where).toBe(periodEn(fact.period));
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
