import { describe, expect, it } from "vitest";
import { isCalendarDay, measureProblem, wholeNumberProblem } from "./numbers.js";

describe("numbers as the publishers print them", () => {
  it("a whole amount is digits only, no leading zero, at most 15 digits", () => {
    for (const good of ["0", "7", "9708885255", "999999999999999"]) expect(wholeNumberProblem(good), good).toBeNull();
    expect(wholeNumberProblem("1000000000000000")).toMatch(/has 16 digits: beyond any trade figure/);
    expect(wholeNumberProblem("123456789012345678901234567890")).toMatch(/has 30 digits/);
    expect(wholeNumberProblem("-5")).toMatch(/a negative amount \(-5\)/);
    expect(wholeNumberProblem("007")).toMatch(/leading zero/);
    // What Number() or DuckDB's integer cast would take, refused: hex, binary, separators, signs, exponents, fractions.
    for (const odd of ["0x10", "0b11", "1_000", "+5", "+-1", "1e3", "1.5", "Infinity", "NaN", "１２", " 5", "5 ", ""]) {
      expect(wholeNumberProblem(odd), JSON.stringify(odd)).toMatch(/expected a whole number/);
    }
  });

  it("each measure has its bounds: Infinity, negative values and shares, a 1e308 percentage are refused", () => {
    expect(measureProblem("value", 9_714_672_000)).toBeNull();
    expect(measureProblem("value", Infinity, "1e400")).toMatch(/1e400 is Infinity, not a figure/);
    expect(measureProblem("value", 1e15)).toMatch(/out of bounds for value/);
    expect(measureProblem("quantity1", -1)).toMatch(/a negative quantity1/);
    expect(measureProblem("yoy_pct", -100)).toBeNull(); // ZENGEN: fell to nothing
    expect(measureProblem("yoy_pct", -100.1)).toMatch(/between -100% and/);
    expect(measureProblem("yoy_pct", 1e308, "1e308")).toMatch(/1e308 is out of bounds for yoy_pct/);
    expect(measureProblem("yoy_pct", 2588.9)).toBeNull(); // a real printed rise
    expect(measureProblem("share_pct", 100)).toBeNull();
    expect(measureProblem("share_pct", -1.3, "-1.3")).toMatch(/a negative share_pct \(-1\.3\)/);
    expect(measureProblem("share_pct", 100.5)).toMatch(/between 0 and 100%/);
    expect(measureProblem("contribution_pp", -0.7)).toBeNull();
    expect(measureProblem("contribution_pp", NaN)).toMatch(/NaN, not a figure/);
  });

  it("a release day is a day of the calendar", () => {
    for (const day of ["2025-12-17", "2024-02-29", "2000-02-29"]) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ["2025-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-1-5", "2025-12-17 "]) expect(isCalendarDay(day), day).toBe(false);
  });
});
