import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, hasSharedData, shared } from "../../test/helpers.js";
import type { Observation } from "../domain.js";
import { parseTimeSeries, type TimeSeriesFile } from "./mof-timeseries.js";

const pick = (obs: Observation[], period: string, commodity: string, measure = "value", flow?: string) =>
  obs.filter((o) => o.period === period && o.commodity === commodity && o.measure === measure && (!flow || o.flow === flow)).map((o) => o.value);

describe("MoF time series, our Shift_JIS fixtures", () => {
  it("reads d41ma totals and treats trailing zero months as not published", () => {
    const file = path.join(FIXTURES, "d41ma-small.sjis.csv");
    const parsed = parseTimeSeries(readFileSync(file), file);
    expect(parsed.kind).toBe("d41ma");
    expect(parsed.lastPublished).toBe("2025-11");
    expect(pick(parsed.observations, "2024-11", "total", "value", "export")).toEqual([8_100_000_001]);
    expect(pick(parsed.observations, "2024-11", "total", "value", "import")).toEqual([8_449_999_997]);
    expect(pick(parsed.observations, "2025-12", "total")).toEqual([]);
  });

  it("reads d51ma value and quantity pairs by their 概況品コード", () => {
    const file = path.join(FIXTURES, "d51ma-small.sjis.csv");
    const parsed = parseTimeSeries(readFileSync(file), file);
    expect(parsed.kind).toBe("d51ma");
    expect(pick(parsed.observations, "2025-11", "pc:70503")).toEqual([1_513_570_500]);
    expect(pick(parsed.observations, "2025-11", "pc:70503", "quantity1")).toEqual([495_021]);
    expect(parsed.observations.find((o) => o.commodity === "pc:70503" && o.measure === "quantity1")?.unit).toBe("NO");
    // 食料品 prints "-" for quantity: no observation, not a zero.
    expect(pick(parsed.observations, "2025-11", "pc:0+1", "quantity1")).toEqual([]);
    expect(parsed.lastPublished).toBe("2025-11");
  });
});

describe.skipIf(!hasSharedData)("MoF time series, the Ministry's real files", () => {
  const read = (name: string) => parseTimeSeries(readFileSync(shared("mof-timeseries", name)), name);
  // Read in beforeAll: a skipped describe still runs its body to collect the tests.
  let d41: TimeSeriesFile, d51: TimeSeriesFile, d61: TimeSeriesFile;
  beforeAll(() => {
    [d41, d51, d61] = ["d41ma.sjis.csv", "d51ma.sjis.csv", "d61ma.sjis.csv"].map(read) as [TimeSeriesFile, TimeSeriesFile, TimeSeriesFile];
  });

  it("d41ma: world totals 1979-01 … 2026-08 as printed", () => {
    expect(d41.lastPublished).toBe("2026-08");
    expect(d41.observations.length).toBe(572 * 2);
    expect(pick(d41.observations, "2025-11", "total", "value", "export")).toEqual([9_708_885_255]);
    expect(pick(d41.observations, "2025-11", "total", "value", "import")).toEqual([9_402_894_231]);
    expect(pick(d41.observations, "2024-11", "total", "value", "export")).toEqual([9_152_002_655]);
    expect(pick(d41.observations, "1979-01", "total", "value", "export")).toEqual([1_192_541_404]);
    expect(pick(d41.observations, "2026-09", "total")).toEqual([]);
  });

  it("d41ma: annual sums equal the Ministry's annual results", () => {
    const year = (y: string, flow: string) => d41.observations.filter((o) => o.period.startsWith(y) && o.flow === flow).reduce((s, o) => s + o.value, 0);
    expect(year("2024", "export")).toBe(107_087_511_087);
    expect(year("2025", "import")).toBe(113_330_098_822);
  });

  it("d51ma: motor vehicles, semiconductor machinery and foodstuff in several months", () => {
    expect(pick(d51.observations, "2025-11", "pc:70503")).toEqual([1_513_570_500]);
    expect(pick(d51.observations, "2025-11", "pc:70503", "quantity1")).toEqual([495_021]);
    expect(pick(d51.observations, "2025-06", "pc:70503")).toEqual([1_486_281_512]);
    expect(pick(d51.observations, "2025-11", "pc:0+1")).toEqual([122_567_087]);
    expect(pick(d51.observations, "2025-11", "total")).toEqual(pick(d41.observations, "2025-11", "total", "value", "export"));
    expect(d51.lastPublished).toBe("2026-08");
  });

  it("d51ma/d61ma: the nine sections add up to the total in every month", () => {
    const sections = ["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"];
    for (const parsed of [d51, d61]) {
      const byPeriod = new Map<string, number>();
      for (const o of parsed.observations) {
        if (o.measure !== "value") continue;
        const sign = o.commodity === "total" ? -1 : sections.includes(o.commodity) ? 1 : 0;
        byPeriod.set(o.period, (byPeriod.get(o.period) ?? 0) + sign * o.value);
      }
      expect(byPeriod.size).toBeGreaterThan(460);
      expect([...byPeriod.values()].filter((diff) => diff !== 0)).toEqual([]);
    }
  });

  it("d61ma: imports by their own codes (pc:70501 motor vehicles, pc:30301 crude oil), published through 2026-07", () => {
    expect(d61.kind).toBe("d61ma");
    expect(d61.lastPublished).toBe("2026-07");
    expect(pick(d61.observations, "2026-07", "total")).toEqual([12_147_718_419]);
    expect(pick(d61.observations, "2026-08", "total")).toEqual([]);
    expect(d61.observations.find((o) => o.commodity === "pc:30301" && o.measure === "quantity1")?.unit).toBe("KL");
  });

  it("refuses the UTF-8 copy unless told it is UTF-8, then reads the same numbers", () => {
    const bytes = readFileSync(shared("mof-timeseries", "d41ma.utf8.csv"));
    expect(() => parseTimeSeries(bytes, "d41ma.utf8.csv")).toThrow(/d41ma.utf8.csv:1: is UTF-8 text; expected Shift_JIS/);
    expect(parseTimeSeries(bytes, "d41ma.utf8.csv", "utf8").observations).toEqual(d41.observations.map((o) => ({ ...o })));
  });
});
