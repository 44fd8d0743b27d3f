// The corpus of broken files in test/bad-input: each must fail with a message naming the file, the line
// (and column, where one cell is at fault) and what was expected — and leave the store exactly as it was.

import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoekiError, EXIT } from "../src/errors.js";
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

  // Wrong data that once landed with exit 0 (issue #9, item 3).
  "d41ma-30-digits.csv": /d41ma-30-digits\.csv:12:2: "123456789012345678901234567890" in Exp-Total: .*has 30 digits: beyond any trade figure/,
  "d41ma-hex.csv": /d41ma-hex\.csv:12:2: "0x10" in Exp-Total: expected a whole number/,
  "d41ma-full-width-digits.csv": /d41ma-full-width-digits\.csv:12:2: "８７００" in Exp-Total: expected a whole number/,
  "d41ma-quoted.csv": /d41ma-quoted\.csv:12:2: a double quote in .*the Ministry's time series quote nothing/,
  "d41ma-missing-month.csv": /d41ma-missing-month\.csv:13:1: month 2025-07 follows 2025-05; expected 2025-06 \(a month row missing\?\)/,
  "d41ma-blank-cell.csv": /d41ma-blank-cell\.csv:12:2: a blank cell in Exp-Total of 2025-05, a month with figures; expected a number or -/,
  "d51ma-blank-cell.csv": /d51ma-blank-cell\.csv:9:6: a blank cell in 自動車 金額 of 2025-11, a month with figures/,
  "d51ma-missing-month.csv": /d51ma-missing-month\.csv:9:1: month 2025-11 follows 2025-09; expected 2025-10/,
  "d51ma-units-swapped.csv": /d51ma-units-swapped\.csv:7:3: the quantity of pc:0\+1 is printed in "\(単位：NO\)", but pc:0\+1 is counted in no quantity unit/,
  "hs9-hex_2026-08.csv": /hs9-hex_2026-08\.csv:3 column "Quantity2-Jan": expected a whole number, found "0xC8"/,
  "hs9-fraction_2026-08.csv": /hs9-fraction_2026-08\.csv:3 column "Quantity2-Jan": expected a whole number, found "199\.5"/,
  "hs9-plus-sign_2026-08.csv": /hs9-plus-sign_2026-08\.csv:3 column "Quantity2-Jan": expected a whole number, found "\+200"/,
  "hs9-blank-cell_2026-08.csv": /hs9-blank-cell_2026-08\.csv:3 column "Quantity2-Jan": a blank cell; expected a whole number/,
  "hs9-30-digits_2026-08.csv": /hs9-30-digits_2026-08\.csv:3 column "Quantity2-Jan": "123456789012345678901234567890" has 30 digits/,
  "hs9-trailing-comma_2026-08.csv": /hs9-trailing-comma_2026-08\.csv:2: expected 44 fields, found 45/,
  "hs9-no-final-newline_2026-08.csv": /hs9-no-final-newline_2026-08\.csv:4: has no line end after its last row: the file may be cut off/,
  "press-hex.xml": /press-hex\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[2\]\/kagaku": expected a number as the release prints it .* found "0x10"/,
  "press-1e308-percent.xml": /press-1e308-percent\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[2\]\/kagakunobiritsu": expected a percentage with one decimal .* found "1e308"/,
  "press-infinity.xml": /press-infinity\.xml column "sogakutsuki\/export\/nobiritsu": expected a percentage .* found "Infinity"/,
  "press-negative-share.xml": /press-negative-share\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[2\]\/koseihi": a negative share_pct \(-1\.3\)/,
  "press-tani-twice.xml": /press-tani-twice\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[3\]\/tani": <tani> appears 2 times; expected it once/,
  "press-missing-kagaku.xml": /press-missing-kagaku\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[3\]\/kagaku": <kagaku> is missing/,
  "press-quantity-without-unit.xml": /press-quantity-without-unit\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[3\]\/suryo": a quantity \(495,021\) with no unit/,
  "press-bad-date.xml": /press-bad-date\.xml column "sogakutsuki\/kohyoymd": expected a release date .* found "February 30, 2025"/,
  "press-misgrouped-number.xml": /press-misgrouped-number\.xml column "shuyochiikikunihin\[1\]\/shuyochiikikunihininfo\[4\]\/kagaku": .* found "4,50120"/,
  "press-commodity-1e308-percent.csv": /press-commodity-1e308-percent\.csv:3 column "value_yoy_pct": expected a percentage with one decimal .* found "1e308"/,
  "press-commodity-share-above-100.csv": /press-commodity-share-above-100\.csv:3 column "share_pct": 130\.0 is out of bounds for share_pct: a share lies between 0 and 100%/,
  "press-commodity-short-row.csv": /press-commodity-short-row\.csv:3: expected 13 fields as in the header, found 12/,
  "press-commodity-truncated.csv": /press-commodity-truncated\.csv:6: ends in the middle of a row .* truncated/,
  "press-headline-bad-date.csv": /press-headline-bad-date\.csv:2 column "release_date": expected a day as YYYY-MM-DD, found "2025-11-31"/,
  "area-commodity-30-digits.csv": /area-commodity-30-digits\.csv:3 column "value_jpy_k": "123456789012345678901234567890" has 30 digits/,
  "area-commodity-truncated.csv": /area-commodity-truncated\.csv:6: ends in the middle of a row .* truncated/,
  "tidy-infinity.csv": /tidy-infinity\.csv:2 column "value": 1e400 is Infinity, not a figure/,
  "tidy-1e308-percent.csv": /tidy-1e308-percent\.csv:2 column "value": 1e308 is out of bounds for yoy_pct/,
  "tidy-30-digits.csv": /tidy-30-digits\.csv:2 column "value": 123456789012345678901234567890 is out of bounds for value/,
  "tidy-negative-share.csv": /tidy-negative-share\.csv:2 column "value": a negative share_pct \(-1\.3\)/,
  "tidy-share-above-100.csv": /tidy-share-above-100\.csv:2 column "value": 100\.5 is out of bounds for share_pct/,
  "tidy-hex.csv": /tidy-hex\.csv:2 column "value": expected a number .* found "0x10"/,
  "tidy-underscore.csv": /tidy-underscore\.csv:2 column "value": expected a number .* found "1_000"/,
  "tidy-nan.csv": /tidy-nan\.csv:2 column "value": expected a number .* found "NaN"/,
  "tidy-bad-date.csv": /tidy-bad-date\.csv:2 column "released": expected a day as YYYY-MM-DD or nothing, found "2025-02-30"/,
  "tidy-truncated.csv": /tidy-truncated\.csv:6: ends in the middle of a row \(no line end after the last row\): the file is truncated/,
  "tidy-identical-rows.csv": /tidy-identical-rows\.csv:7 column "value": repeats line 4: the observation \(2025-11 export 304 total value\) twice/,
  "tidy-trailing-comma.csv": /tidy-trailing-comma\.csv:5: expected 10 fields .* found 11/,
  "tidy-quoted-newline.csv": /tidy-quoted-newline\.csv:6:10: a quoted field is not closed on its line/,
  "tidy-mixed-line-ends.csv": /tidy-mixed-line-ends\.csv:5: ends with CRLF where the lines above end with LF; the CSV reader refused the mix/,
  "tidy-quantity-without-unit.csv": /tidy-quantity-without-unit\.csv:2 column "unit": expected a quantity unit as printed/,
  "tidy-space-padded.csv": /tidy-space-padded\.csv:2 column "flow": expected export, import or balance, found " export"/,

  // Minimal reproducers of what the fuzz test found.
  "d51ma-stray-cr.csv": /d51ma-stray-cr\.csv:6:2: a carriage return inside the row/,
  "press-area-table-twice.xml": /press-area-table-twice\.xml column "chiikikunisogaku": <chiikikunisogaku> appears 2 times/,
  "press-commodity-two-units.csv": /press-commodity-two-units\.csv:7 column "quantity": 495021 KG conflicts with 495021 NO at line 5/,
  "tidy-not-utf8-late.csv": /tidy-not-utf8-late\.csv:7: is not valid UTF-8; expected UTF-8 text/,
};

describe("the bad-input corpus", () => {
  let store: Store;
  let before: string;
  beforeAll(async () => {
    ({ store } = await freshStore());
    // A store with something in it, so that "unchanged" means more than "still empty".
    await ingest(store, ["d41ma-small.sjis.csv", "hs9_E_2026-08.csv", "tidy-small.csv", "press-small.xml", "area-commodity-small.csv"].map((f) => path.join(FIXTURES, f)));
    before = await fingerprint(store);
  });
  afterAll(() => store.close());

  it("holds at least 60 files, each with its expected error", () => {
    const files = readdirSync(BAD_INPUT).filter((f) => /\.(csv|parquet|xml)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, message] of Object.entries(EXPECTED)) {
    it(`${name}: says what is wrong and where, and changes nothing`, async () => {
      const error = await ingest(store, [path.join(BAD_INPUT, name)]).then(() => null, (e: unknown) => e);
      expect(error, `${name} was accepted`).toBeInstanceOf(BoekiError);
      expect((error as Error).message).toMatch(message);
      // Bad input is exit 3; only a table whose last month cannot be told is a choice left to the user (exit 2).
      expect((error as BoekiError).exitCode).toBe(name === "hs9-year-to-date.csv" ? EXIT.usage : EXIT.badInput);
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
