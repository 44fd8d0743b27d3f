// The fuzz test in CI: 2,000 mutants of the repo's fixtures and of slices of the Ministry's real files, each
// either refused with exit 3 (the store unchanged) or landing exactly what a strict reader of the format lands;
// never a crash, never a hang. `npm run fuzz` runs more (test/fuzz/run.ts); a failure keeps its mutant to replay.

import { describe, expect, it } from "vitest";
import { hasSharedData } from "./helpers.js";
import { formatSummary, runFuzz } from "./fuzz/run.js";

const MUTANTS = Number(process.env.BOEKI_FUZZ_MUTANTS ?? 2000);

describe("fuzz: mutated files are refused cleanly or read right", () => {
  // The count is fixed and the seed too (the same mutants on every run); the time it takes is not a test.
  it(`${MUTANTS} mutants: 0 wrong, 0 crashed, 0 hung`, { timeout: 30 * 60_000 }, async () => {
    if (!hasSharedData) console.warn("[boeki fuzz] ../shared/data is absent: mutating the repo's fixtures only, not the Ministry's real files");
    const summary = await runFuzz({ count: MUTANTS, seed: 20251217, workers: 2, timeoutMs: 120_000 });
    console.log(formatSummary(summary));
    expect(summary.tried).toBe(MUTANTS);
    expect(summary.failures.map((f) => `${f.i} ${f.outcome}: ${f.detail}`)).toEqual([]);
    expect([summary.wrong, summary.crashed, summary.hung]).toEqual([0, 0, 0]);
    // Both ways out are exercised: some mutants are refused, and some land (and land right).
    expect(summary.rejected).toBeGreaterThan(MUTANTS / 4);
    expect(summary.right).toBeGreaterThan(MUTANTS / 8);
  });
});
