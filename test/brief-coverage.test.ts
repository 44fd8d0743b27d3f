// How much of what the wires printed about a release the brief states: for every release held, the figures
// labelled `actual` in real articles about it (../shared/articles/real/labels.jsonl, or $BOEKI_LABELS for another
// set) are looked for in the brief's story and tables, as of the release's day, in the article's language. A figure
// is covered when the brief states the same figure (metric, flow, partner, goods, month) as the same number in any
// unit. Printed per release: all trade figures labelled, those the store could state that day, those the brief states.

import { existsSync, readFileSync } from "node:fs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, REPO, shared } from "./helpers.js";
import { storeOfRealReleases } from "./real-store.js";
import { brief, type BriefDocument } from "../src/brief/index.js";
import { tableSentences } from "../src/brief/render.js";
import { annualFigures, figures, yearClosedBy, type Fact } from "../src/figures/index.js";
import type { Store } from "../src/store/store.js";
import { factStates, isSameFigure, isTradeFigure, readLabels, shownStates, subjectOf, type LabelledArticle, type LabelledClaim } from "./labels.js";
import path from "node:path";

const LABELS = process.env.BOEKI_LABELS ?? path.resolve(REPO, "..", "shared", "articles", "real", "labels.jsonl");
const words = (doc: BriefDocument) => [doc.title, ...doc.paragraphs.flat()].map((s) => s.text).join(" ").split(/\s+/).filter(Boolean).length;

/** Whether the brief's story or tables state the claim's figure, and where. */
function statedBy(doc: BriefDocument, claim: LabelledClaim): string | null {
  const facts = new Map(doc.facts.map((f) => [f.id, f]));
  const subject = subjectOf(claim);
  const sentences = [doc.title, ...doc.paragraphs.flat(), ...doc.tables.flatMap(tableSentences)];
  for (const s of sentences) {
    for (const span of s.spans) {
      const fact = facts.get(span.factId)!;
      const shown = s.text.slice(span.start, span.end);
      if (isSameFigure(fact, claim, subject) && shownStates(fact, span.kind, shown, doc.lang, claim)) return `"${shown}" (${fact.id})`;
    }
  }
  return null;
}

describe.skipIf(!hasSharedData || !existsSync(LABELS))("the brief states what the wires printed", () => {
  let store: Store;
  let articles: LabelledArticle[];
  let releases: Array<[month: string, released: string]>;
  beforeAll(async () => {
    store = await storeOfRealReleases();
    articles = readLabels(LABELS);
    const rows = Papa.parse<Record<string, string>>(readFileSync(shared("mof-press-release", "tidy", "press_area_country.tidy.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    releases = [...new Map(rows.map((r) => [r.period!, r.released!])).entries()].sort();
  }, 120_000);

  it("on every release held: coverage of the labelled figures, and a story of at most 450 words", async () => {
    const lines: string[] = [];
    const missed: string[] = [];
    let [allLabelled, allHeld, allCovered, coveredOfHeld] = [0, 0, 0, 0];
    for (const [month, released] of releases) {
      const en = await brief(store, month, { asOf: released, charts: false });
      expect(words(en), `${month}: the story is ${words(en)} words`).toBeLessThanOrEqual(450);
      const about = articles.filter((a) => a.release_month === month);
      if (about.length === 0) {
        lines.push(`${month} (released ${released}): ${words(en)} words; no labelled article`);
        continue;
      }
      const docs = { en, ja: await brief(store, month, { asOf: released, charts: false, lang: "ja" }) };
      // What the data held that day could state: every figure of the month, and of the year it closes.
      const all: Fact[] = (await figures(store, { month, asOf: released })).facts;
      const year = yearClosedBy(month);
      if (year) all.push(...(await annualFigures(store, { period: year, asOf: released }).catch(() => ({ facts: [] as Fact[] }))).facts);
      let [labelled, held, covered, coveredHeld] = [0, 0, 0, 0];
      for (const article of about) {
        for (const claim of article.claims.filter((c) => c.kind === "actual" && isTradeFigure(c))) {
          labelled++;
          const isHeld = all.some((f) => isSameFigure(f, claim) && factStates(f, claim));
          const where = statedBy(docs[article.language], claim);
          if (isHeld) held++;
          if (where) covered++;
          if (where && isHeld) coveredHeld++;
          if (!where) missed.push(`  ${month} ${article.file}: "${claim.text}" (${claim.metric}, ${claim.subject}, ${claim.value})${isHeld ? " — held, not stated" : " — not in the data held that day"}${subjectOf(claim).resolved ? "" : " [subject not resolved]"}`);
        }
      }
      [allLabelled, allHeld, allCovered, coveredOfHeld] = [allLabelled + labelled, allHeld + held, allCovered + covered, coveredOfHeld + coveredHeld];
      lines.push(`${month} (released ${released}): ${words(en)} words; ${about.length} article(s): covered ${covered}/${labelled} labelled trade figures (${(covered / labelled).toFixed(2)}); of the ${held} the data held that day, ${coveredHeld} (${held ? (coveredHeld / held).toFixed(2) : "n/a"})`);
      // The goal: of what the store could state that day, the brief states at least 90%.
      expect(coveredHeld / Math.max(held, 1), `${month}: ${coveredHeld} of ${held} held figures stated`).toBeGreaterThanOrEqual(0.9);
    }
    console.info(`[coverage] ${LABELS}\n${lines.join("\n")}\n` +
      `all: covered ${allCovered}/${allLabelled} labelled trade figures (${(allCovered / allLabelled).toFixed(2)}); of the ${allHeld} held that day, ${coveredOfHeld} (${(coveredOfHeld / allHeld).toFixed(2)})\n` +
      `not stated:\n${missed.join("\n")}`);
    expect(allLabelled).toBeGreaterThan(0);
  }, 180_000);
});
