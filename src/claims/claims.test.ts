// The claim checker on the two real articles in ../shared/articles and on our corpus of 34 short articles
// (test/claims-corpus: every verdict, kind and phrase family, English and Japanese), whose expected JSON is
// committed beside them and was reviewed by eye.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, REPO, SHARED_DATA } from "../../test/helpers.js";
import { storeOfRealReleases } from "../../test/real-store.js";
import { setConsensus } from "../store/consensus.js";
import type { Store } from "../store/store.js";
import { check, type CheckResult } from "./index.js";

const ARTICLES = path.join(SHARED_DATA, "..", "articles");
const CORPUS = path.join(REPO, "test", "claims-corpus");
const KEYS = ["start", "end", "text", "kind", "metric", "flow", "partner", "commodity", "period", "value", "unit", "verdict", "expected", "matches", "facts", "note"];

const claim = (result: CheckResult, text: string) => {
  const found = result.claims.find((c) => c.text === text);
  if (!found) throw new Error(`no claim "${text}" among ${result.claims.map((c) => c.text).join(" | ")}`);
  return found;
};

describe.skipIf(!hasSharedData)("checking articles against the Ministry's data", () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeOfRealReleases();
    for (const [metric, value] of [["exports_yoy", 4.8], ["imports_yoy", 2.5]] as const) {
      await setConsensus(store, { period: "2025-11", metric, value, source: "Reuters poll", published: "2025-12-16" });
    }
  }, 120_000);

  it("the November 2025 story: every trade figure supported as of release day, later revisions noted", async () => {
    const text = readFileSync(path.join(ARTICLES, "2025-12-17-japan-exports-november-2025.txt"), "utf8");
    const result = await check(store, text, { date: "2025-12-17" });
    expect(result.date).toBe("2025-12-17");
    const trade = result.claims.filter((c) => c.kind !== "other");
    expect(trade.length).toBeGreaterThanOrEqual(15);
    expect(trade.filter((c) => c.verdict !== "supported").map((c) => c.text)).toEqual([]);
    expect(claim(result, "1.3 percent")).toMatchObject({ metric: "yoy_pct", flow: "import", value: 1.3, note: expect.stringMatching(/revised later to 1.4%/) });
    expect(claim(result, "4.1 percent")).toMatchObject({ commodity: "pc:70503", value: -4.1, note: expect.stringMatching(/revised later to -4.2%/) });
    expect(claim(result, "8.8 percent")).toMatchObject({ partner: "304", verdict: "supported" });
    expect(claim(result, "first increase in shipments to the U.S. since March")).toMatchObject({ metric: "first_since", verdict: "supported" });
    expect(claim(result, "4.8 percent")).toMatchObject({ kind: "forecast", verdict: "supported" });
    expect(claim(result, "3.6 percent")).toMatchObject({ kind: "prior", period: "2025-10", verdict: "supported" });
    expect(claim(result, "5.9 percent")).toMatchObject({ partner: "105", commodity: "pc:0+1", value: -5.9, verdict: "supported" });
    expect(claim(result, "0.6 percent")).toMatchObject({ kind: "other", verdict: "not_data" });
    expect(text.slice(claim(result, "23.6 percent").start, claim(result, "23.6 percent").end)).toBe("23.6 percent");
  });

  it("the November 2024 story: deficit and −85.5% supported, 813.8 a rounding slip, +120% and +35% m/m contradicted, shares and JSMEA not data", async () => {
    const text = readFileSync(path.join(ARTICLES, "2024-12-japan-trade-balance-november-2024.txt"), "utf8");
    const result = await check(store, text, { date: "2024-12-18" });
    expect(claim(result, "¥117.6 billion")).toMatchObject({ metric: "balance", value: -117.6, verdict: "supported" });
    expect(claim(result, "fifth consecutive month")).toMatchObject({ metric: "streak", value: 5, verdict: "supported" });
    expect(claim(result, "85.5%")).toMatchObject({ metric: "balance_yoy_pct", value: -85.5, verdict: "supported" });
    expect(claim(result, "¥813.8 billion")).toMatchObject({ kind: "prior", period: "2023-11", verdict: "contradicted", expected: -813.9, matches: expect.stringMatching(/rounding slip.*813,869 million/) });
    expect(claim(result, "120%")).toMatchObject({ metric: "yoy_pct", commodity: "pc:70131", verdict: "contradicted", expected: 32.1 });
    expect(claim(result, "35%")).toMatchObject({ metric: "mom_pct", verdict: "contradicted", expected: -8.2 });
    for (const share of ["30%", "40%", "70%"]) expect(claim(result, share)).toMatchObject({ kind: "other", verdict: "not_data" });
    expect(claim(result, "Japan Semiconductor Manufacturing Equipment Association")).toMatchObject({ verdict: "not_data", note: expect.stringMatching(/no Japanese body of this name/) });
  });

  it("answers in exactly the published JSON shape, with offsets into the input", async () => {
    const text = readFileSync(path.join(CORPUS, "01-headline-supported.txt"), "utf8");
    const result = await check(store, text);
    expect(Object.keys(result)).toEqual(["date", "claims"]);
    for (const c of result.claims) {
      expect(Object.keys(c)).toEqual(KEYS);
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  const articles = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
  it("has a corpus of at least 30 articles", () => expect(articles.length).toBeGreaterThanOrEqual(30));
  for (const file of articles) {
    it(`corpus: ${file}`, async () => {
      const result = await check(store, readFileSync(path.join(CORPUS, file), "utf8"));
      await expect(JSON.stringify(result, null, 2) + "\n").toMatchFileSnapshot(path.join(CORPUS, file.replace(/\.txt$/, ".expected.json")));
    });
  }
});
