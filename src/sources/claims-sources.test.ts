// The sources the claim checker reads beyond the Ministry's world files: the by-area time series (d52ma/d62ma),
// the press table by area with the balance's printed %, an economic calendar's first prints (a secondary source),
// and months derived from year-to-date snapshots — each on the real files, with the figures their provenance notes give.

import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, shared } from "../../test/helpers.js";
import type { Observation } from "../domain.js";
import { InputError } from "../errors.js";
import { parseFirstPrints, type FirstPrintsFile } from "./first-prints.js";
import { parsePressTable } from "./mof-press-tables.js";
import { parseTimeSeries } from "./mof-timeseries.js";
import { readTidyRow, TIDY_COLUMNS, type TidyRow } from "./tidy.js";
import { parseYtdVintages, type YtdVintagesFile } from "./ytd-vintages.js";

const pick = (obs: Observation[], period: string, commodity: string, measure = "value") =>
  obs.filter((o) => o.period === period && o.commodity === commodity && o.measure === measure).map((o) => o.value);

describe.skipIf(!hasSharedData)("by-area time series d52ma/d62ma (vintage of 2025-08-03, UTF-8)", () => {
  const read = (name: string) => parseTimeSeries(readFileSync(shared("mof-timeseries-by-area", name)), name, "utf8");
  it("USA exports: the partner from the title row, 1988-01 … 2025-06, the Ministry's figures", () => {
    const usa = read("d52ma001.csv");
    expect([usa.kind, usa.partner, usa.lastPublished]).toEqual(["d52ma", "304", "2025-06"]);
    expect(pick(usa.observations, "2024-11", "total")).toEqual([1_670_217_017]);
    expect(pick(usa.observations, "1988-01", "total")).toEqual([738_613_800]);
    expect(usa.observations.every((o) => o.partner === "304" && o.flow === "export")).toBe(true);
  });
  it("China imports and the other areas' codes", () => {
    const china = read("d62ma004.csv");
    expect([china.kind, china.partner]).toEqual(["d62ma", "105"]);
    expect(Math.round(pick(china.observations, "2024-11", "total")[0]! / 1000)).toBe(2_345_034);
    const partners = ["d52ma002", "d52ma003", "d52ma005", "d52ma006", "d52ma007", "d52ma008"].map((f) => read(`${f}.csv`).partner);
    expect(partners).toEqual(["group:eu", "area:asia", "103", "group:asean", "area:middle_east", "224"]);
  });
  it("is refused as Shift_JIS, as the world files are, with the encoding named", () => {
    const bytes = readFileSync(shared("mof-timeseries-by-area", "d52ma001.csv"));
    expect(() => parseTimeSeries(bytes, "d52ma001.csv")).toThrow(InputError);
  });
});

describe.skipIf(!hasSharedData)("press table by area and country, and the balance's % the Ministry prints", () => {
  it("press_area_country.csv: exports, imports and the balance's % change as printed ('-' where the sign changed)", () => {
    const releases = parsePressTable(readFileSync(shared("mof-press-release", "press_area_country.csv")), "press_area_country.csv");
    const nov = releases.find((r) => r.period === "2025-11")!;
    const at = (flow: string, partner: string, measure: string) => nov.observations.filter((o) => o.flow === flow && o.partner === partner && o.measure === measure).map((o) => o.value);
    expect(at("balance", "304", "yoy_pct")).toEqual([11.3]);
    expect(at("balance", "105", "yoy_pct")).toEqual([13.8]);
    expect(at("export", "304", "value")).toEqual([1_816_875_000]);
    expect(at("balance", "world", "yoy_pct")).toEqual([]); // "-": the world balance changed sign
  });
});

const FORECASTS_2024_11 = [["balance", -688.9, "2024-12-21"], ["exports_yoy", 2.8, "2024-12-21"], ["imports_yoy", 1, "2024-12-21"]];

describe.skipIf(!hasSharedData)("first prints of an economic calendar (a secondary source)", () => {
  let parsed: FirstPrintsFile;
  beforeAll(() => {
    parsed = parseFirstPrints(readFileSync(shared("first-prints", "jp_trade_first_print_calendar_2023-06_2026-07.csv")), "first-prints.csv");
  });
  const first = (period: string, measure: string, stage = "provisional") =>
    parsed.releases.filter((r) => r.stage === stage).flatMap((r) => r.observations).filter((o) => o.period === period && o.measure === measure).map((o) => [o.flow, o.value]);
  it("the release-day balance, y/y and seasonally adjusted balance, in thousand yen and %", () => {
    expect(first("2024-11", "balance")).toEqual([["balance", -117_600_000]]);
    expect(first("2024-11", "yoy_pct")).toEqual([["export", 3.8], ["import", -3.8]]);
    expect(first("2024-11", "balance_sa")).toEqual([["balance", -380_000_000]]);
    expect(first("2023-11", "balance")).toEqual([["balance", -776_900_000]]);
  });
  it("the previous month as the calendar showed it, as a revised release on the same day", () => {
    expect(first("2024-10", "balance", "revised")).toEqual([["balance", -462_100_000]]);
    const release = parsed.releases.find((r) => r.stage === "revised" && r.observations.some((o) => o.period === "2024-10"))!;
    expect(release.released).toBe("2024-12-21");
    expect(release.source).toMatch(/secondary source/);
  });
  it("forecasts become consensus under the calendar's own name; the SA balance has no consensus metric", () => {
    expect(parsed.forecasts.filter((f) => f.period === "2024-11").map((f) => [f.metric, f.value, f.published]).sort()).toEqual(FORECASTS_2024_11);
    const balance = parsed.forecasts.find((f) => f.period === "2024-11" && f.metric === "balance")!;
    expect(balance).toMatchObject({ value: -688.9, source: expect.stringMatching(/economic calendar/) });
    expect(parsed.forecasts.every((f) => ["exports_yoy", "imports_yoy", "balance"].includes(f.metric))).toBe(true);
  });
  it("a figure it cannot read is an error naming line and column", () => {
    const bad = "ref_month,series,actual_raw,forecast_raw,previous_raw,actual_value,previous_value,unit,event_label,first_seen_commit,first_seen_commit_time_utc,source_file,actual_changed_later\n2024-11,trade_balance,-117.6X,,,0,0,x,x,abc,2024-12-21T23:06:10+00:00,news.md,no\n";
    expect(() => parseFirstPrints(Buffer.from(bad), "bad.csv")).toThrow(/bad\.csv:2.*actual_raw.*-117\.6X/);
  });
});

describe.skipIf(!hasSharedData)("months derived from year-to-date snapshots (a derived dataset)", () => {
  let parsed: YtdVintagesFile;
  beforeAll(() => {
    const bytes = gunzipSync(readFileSync(shared("mof-area-commodity-ytd-vintages", "trade_year_vintages_ytd.csv.gz")));
    parsed = parseYtdVintages(bytes, "trade_year_vintages_ytd.csv.gz");
  });
  const month = (period: string, partner: string, commodity: string, flow = "export") =>
    parsed.releases.find((r) => r.period === period)?.observations.find((o) => o.partner === partner && o.commodity === commodity && o.flow === flow)?.value;
  it("a month is its snapshot less the month before's: November 2024 world exports and USA, as the provenance computes them", () => {
    expect(Math.round(month("2024-11", "world", "total")! / 1000)).toBe(9_152_301);
    expect(Math.round(month("2024-11", "304", "total")! / 1000)).toBe(1_670_226);
    expect(parsed.releases.find((r) => r.period === "2024-11")!.released).toBe("2024-12-26");
  });
  it("cars and chip equipment to the U.S. in September 2025 fall 24.2% and 45.7% on September 2024", () => {
    const yoy = (commodity: string) => Math.round((month("2025-09", "304", commodity)! / month("2024-09", "304", commodity)! - 1) * 1000) / 10;
    expect([yoy("pc:70503"), yoy("pc:70131")]).toEqual([-24.2, -45.7]);
  });
  it("says what it passed over: snapshots naming no month, a month without the one before (May 2025 was never taken)", () => {
    expect(parsed.releases.some((r) => r.period === "2025-06")).toBe(false);
    expect(parsed.skipped["rows of snapshots whose message names no month"]).toBeGreaterThan(0);
    expect(parsed.skipped["months without the snapshot of the month before"]).toBeGreaterThan(0);
  });
});

describe("the tidy layout carries printed balances (flow balance), so that an export reads back", () => {
  it("reads a balance row, and refuses a balance measure on a flow", () => {
    const row = (line: string) => Object.fromEntries(TIDY_COLUMNS.map((c, k) => [c, line.split(",")[k]!])) as TidyRow;
    const ok = "2024-11,balance,world,total,balance_sa,-380,JPY_billion,provisional,2024-12-21,calendar";
    expect(readTidyRow(row(ok))).toMatchObject({ flow: "balance", measure: "balance_sa", value: -380_000_000, unit: "JPY_thousand" });
    expect(readTidyRow(row(ok.replace("2024-11,balance,", "2024-11,export,")))).toMatchObject({ column: "measure", problem: expect.stringMatching(/balance_sa goes with flow balance/) });
  });
});
