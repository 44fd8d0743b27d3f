// No text may crash the checker (issue #8 point 9): over random text and mutated articles, reading gives claims
// whose offsets lie inside the text and whose text is the text there, throws nothing, and gives the same answer
// twice; and a whole check against a store does the same. 10,000 texts for reading, 150 for whole checks.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, freshStore, REPO } from "../../test/helpers.js";
import { ingest } from "../store/ingest.js";
import type { Store } from "../store/store.js";
import { extractClaims } from "./extract.js";
import { check } from "./index.js";

const CORPUS = path.join(REPO, "test", "claims-corpus");
const articles = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(CORPUS, f), "utf8"));
/** Pieces articles are made of, for mutations that look like trade news gone wrong. */
const pieces = ["¥", "JPY ", "-", "−", "%", " percent", "億円", "兆", "9,152.4", "1,", ".", "(prior: ", ")", " billion yen", "T", "B", "for the 44th straight month", "first rise in eight months", "5カ月ぶりの黒字", "か月連続", "\n", "、", "。", " while ", " and ", "—", "\u0000", "\u001b[31m", "😀", "e400", "0".repeat(40)];

/** An article with some characters replaced, dropped, doubled or spliced with pieces of another. */
const mutated = fc.tuple(fc.constantFrom(...articles), fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 }), fc.constantFrom(...articles).map((a) => a.slice(0, 60)))), { maxLength: 12 }))
  .map(([text, edits]) => edits.reduce((t, [at, cut, insert]) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + insert + t.slice(i + cut);
  }, text));
const texts = fc.oneof({ weight: 2, arbitrary: mutated }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 400 }) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...pieces, "Exports", " rose ", "3.8", "to China", "in November", " ", "12"), { maxLength: 60 }).map((a) => a.join("")) });
const dates = fc.constantFrom("2023-05-18", "2024-12-18", "2025-12-17", "2026-10-01");

describe("no text crashes the checker", () => {
  it("reading: offsets inside the text, no exception, the same claims twice (10,000 texts)", () => {
    fc.assert(
      fc.property(texts, dates, (text, date) => {
        const claims = extractClaims(text, { date });
        for (const c of claims) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.start).toBeLessThanOrEqual(c.end);
          expect(text.slice(c.start, c.end)).toBe(c.text);
          expect(Number.isNaN(c.value)).toBe(false);
        }
        expect(extractClaims(text, { date })).toEqual(claims);
      }),
      { numRuns: 10_000, seed: 8 },
    );
  });

  describe("whole checks against a store", () => {
    let store: Store;
    beforeAll(async () => {
      store = (await freshStore()).store;
      await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "d51ma-small.sjis.csv")], { released: "2025-12-17" });
    });
    afterAll(() => store?.close());
    it("verdicts for every claim, offsets inside the text, no exception, the same answer twice (150 texts)", async () => {
      await fc.assert(
        fc.asyncProperty(texts, dates, async (text, date) => {
          const result = await check(store, text, { date });
          for (const c of result.claims) {
            expect(text.slice(c.start, c.end)).toBe(c.text);
            expect(["supported", "contradicted", "unverifiable", "not_data"]).toContain(c.verdict);
          }
          expect(await check(store, text, { date })).toEqual(result);
        }),
        { numRuns: 150, seed: 9 },
      );
    });
  });
});
