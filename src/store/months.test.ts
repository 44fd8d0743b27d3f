import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, storesClosedAfterEach } from "../../test/helpers.js";
import { ingest } from "./ingest.js";
import { dayInJapan } from "../domain.js";
import { firstPublished, latestMonth, parseDate, resolveMonth } from "./months.js";

const usage = async (f: () => unknown) => {
  try {
    await f();
  } catch (error) {
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error("expected a usage error");
};

describe("parseDate", () => {
  it("takes a real calendar day and names the option for anything else", async () => {
    expect(parseDate("2024-02-29", "--as-of")).toBe("2024-02-29");
    expect(parseDate(" 2025-12-17 ", "--date")).toBe("2025-12-17");
    expect(await usage(() => parseDate("2025-02-30", "--as-of"))).toBe("--as-of: 2025-02-30 is not a day of the calendar (February 2025 has 28 days)");
    expect(await usage(() => parseDate("2025-04-31", "--released"))).toMatch(/^--released: 2025-04-31 is not a day.*April 2025 has 30 days/);
    expect(await usage(() => parseDate("2025-13-01", "--date"))).toMatch(/^--date: 2025-13-01 has no month 13/);
    expect(await usage(() => parseDate("17/12/2025", "--as-of"))).toBe('--as-of: expected a day as YYYY-MM-DD, found "17/12/2025"');
  });

  it("knows today in Japan, nine hours ahead of UTC all year", () => {
    expect(dayInJapan(new Date("2025-12-16T14:59:00Z"))).toBe("2025-12-16");
    expect(dayInJapan(new Date("2025-12-16T15:00:00Z"))).toBe("2025-12-17");
    expect(dayInJapan(new Date("2025-06-30T23:50:00Z"))).toBe("2025-07-01"); // no summer time
  });
});

describe("resolveMonth", () => {
  const store = storesClosedAfterEach();

  it("reads latest, latest-N and YYYY-MM as months the store holds, as of a day", async () => {
    const s = await store();
    // The fixture d41ma runs 2024-10 … 2025-11 (2025-12 is printed as 0: not yet published).
    await ingest(s, [path.join(FIXTURES, "d41ma-small.sjis.csv")], { released: "2025-12-17" });
    expect(await latestMonth(s)).toBe("2025-11");
    expect(await resolveMonth(s, "latest")).toBe("2025-11");
    expect(await resolveMonth(s, "latest-1")).toBe("2025-10");
    expect(await resolveMonth(s, "LATEST - 12")).toBe("2024-11");
    expect(await resolveMonth(s, "2025-03")).toBe("2025-03");
    expect(await firstPublished(s, "2025-11")).toBe("2025-12-17");
    expect(await usage(() => resolveMonth(s, "2027-03"))).toBe("--month 2027-03: the store has no figures for 2027-03 (not released yet, or not ingested: boeki update); it holds 2024-10 to 2025-11");
    expect(await usage(() => resolveMonth(s, "latest-14"))).toMatch(/no figures for 2024-09; it holds 2024-10 to 2025-11/);
    expect(await usage(() => resolveMonth(s, "Nov 2025"))).toMatch(/expected a month as YYYY-MM, latest or latest-N, found "Nov 2025"/);
    expect(await usage(() => resolveMonth(s, "latest", { asOf: "2025-12-16" }))).toMatch(/the store holds no months as of 2025-12-16/);
  });
});
