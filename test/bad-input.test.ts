// The corpus of broken files in test/bad-input: each must fail with a message naming the file, the line
// (and column, where one cell is at fault) and what was expected — and leave the store exactly as it was.

import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../src/store/ingest.js";
import type { Store } from "../src/store/store.js";
import { BAD_INPUT, boeki, FIXTURES, fingerprint, freshStore, tempDir } from "./helpers.js";

/** file → what the error must say, starting with its place: `file:line:column` or `file:line column "name"`. */
const EXPECTED: Record<string, RegExp> = {
  "empty.csv": /empty\.csv: is empty \(0 bytes\); expected a MoF time series/,
  "d41ma-header-only.csv": /d41ma-header-only\.csv:5: has a header but no rows/,
  "hs9-header-only.csv": /hs9-header-only\.csv:2: has a header but no rows/,
  "tidy-header-only.csv": /tidy-header-only\.csv:2: has a header but no rows/,
  "d41ma-truncated.csv": /d41ma-truncated\.csv:10: ends in the middle of a row .* truncated/,
  "hs9-truncated.csv": /hs9-truncated\.csv:4: ends in the middle of a row \(29 of 44 fields\)/,
  "d51ma-utf8-not-sjis.csv": /d51ma-utf8-not-sjis\.csv:1: is UTF-8 text; expected Shift_JIS/,
  "tidy-sjis-not-utf8.csv": /tidy-sjis-not-utf8\.csv:2: is not valid UTF-8 \(the bytes look like Shift_JIS/,
  "html-error-page.csv": /html-error-page\.csv:1: is an HTML page, not a data file/,
  "d41ma-shifted-header.csv": /d41ma-shifted-header\.csv:3:2: expected "Exp-Total", found "Imp-Total"/,
  "d41ma-extra-field.csv": /d41ma-extra-field\.csv:11: expected 3 fields, found 4/,
  "hs9-missing-column.csv": /hs9-missing-column\.csv:1:5: expected column "Unit2", found "Quantity1-Year"/,
  "hs9-shifted-row.csv": /hs9-shifted-row\.csv:3: expected 44 fields, found 45/,
  "d41ma-non-numeric.csv": /d41ma-non-numeric\.csv:12:2: "87OOOOOOO7" in Exp-Total: expected a whole number/,
  "hs9-non-numeric.csv": /hs9-non-numeric\.csv:4 column "Quantity2-Jan": expected a whole number, found "5O"/,
  "hs9-negative.csv": /hs9-negative\.csv:3 column "Quantity2-Jan": a negative amount \(-200\)/,
  "d51ma-negative.csv": /d51ma-negative\.csv:8:6: "-1631820658" in 自動車 金額: a negative amount/,
  "tidy-negative.csv": /tidy-negative\.csv:2 column "value": a negative value \(-5\)/,
  "hs9-duplicate-key_2026-08.csv": /hs9-duplicate-key_2026-08\.csv:5: repeats the key \(Exp or Imp, HS\) = \(1, 870323929\) of line 2/,
  "tidy-duplicate-key.csv": /tidy-duplicate-key\.csv:7 column "value": 1726000000 conflicts with 1725000000 at line 4/,
  "d41ma-duplicate-month.csv": /d41ma-duplicate-month\.csv:14:1: month 2025-06 appears again \(first at line 13\)/,
  "hs9-unknown-country.csv": /hs9-unknown-country\.csv:3 column "Country": unknown MoF country code 999/,
  "tidy-unknown-partner.csv": /tidy-unknown-partner\.csv:2 column "partner": unknown partner "moon"/,
  "d51ma-unknown-commodity.csv": /d51ma-unknown-commodity\.csv:5:5: unknown principal-commodity code '99999' for exports/,
  "tidy-unknown-commodity.csv": /tidy-unknown-commodity\.csv:2 column "commodity": unknown principal-commodity code pc:7050301 for imports/,
  "hs9-year-to-date.csv": /hs9-year-to-date\.csv: cannot tell through which month this 2026 table is published .*pass --through 2026-08/,
  "hs9_E_2026-03.csv": /hs9_E_2026-03\.csv column "Value-Aug": has figures for Aug 2026, after Mar, the last published month according to the file name/,
  "hs9-year-total-wrong.csv": /hs9-year-total-wrong\.csv:2 column "Quantity1-Year": the year total 829 is not the sum of the months \(828\)/,
  "d41ma-gap.csv": /d41ma-gap\.csv:10: a month with no figures comes before 2025-04/,
  "tidy-bad-period.csv": /tidy-bad-period\.csv:2 column "period": expected YYYY-MM, found "2025-13"/,
  "tidy-bad-unit.csv": /tidy-bad-unit\.csv:2 column "unit": expected a yen unit .* found "USD_million"/,
  "tidy-corrupt.parquet": /tidy-corrupt\.parquet: cannot be read as Parquet/,
};

describe("the bad-input corpus", () => {
  let store: Store;
  let before: string;
  beforeAll(async () => {
    ({ store } = await freshStore());
    // A store with something in it, so that "unchanged" means more than "still empty".
    await ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv"), path.join(FIXTURES, "hs9_E_2026-08.csv"), path.join(FIXTURES, "tidy-small.csv")]);
    before = await fingerprint(store);
  });
  afterAll(() => store.close());

  it("holds at least 20 files, each with its expected error", () => {
    const files = readdirSync(BAD_INPUT).filter((f) => /\.(csv|parquet)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, message] of Object.entries(EXPECTED)) {
    it(`${name}: says what is wrong and where, and changes nothing`, async () => {
      await expect(ingest(store, [path.join(BAD_INPUT, name)])).rejects.toThrow(message);
      expect(await fingerprint(store)).toBe(before);
    });
  }

  it("through the CLI: exit code 3 for bad input and one line naming the place", () => {
    const db = path.join(tempDir(), "cli.duckdb");
    const result = boeki(["--db", db, "ingest", path.join(BAD_INPUT, "hs9-negative.csv")]);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^boeki: .*hs9-negative\.csv:3 column "Quantity2-Jan": a negative amount/);
    const asJson = boeki(["--db", db, "--json", "ingest", path.join(BAD_INPUT, "empty.csv")]);
    expect(asJson.code).toBe(3);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ exitCode: 3, error: expect.stringMatching(/is empty/) });
  });
});
