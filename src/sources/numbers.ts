// How the publishers print numbers, and the bounds a trade figure can take: what the parsers accept and refuse.
// JavaScript's Number() reads "0x10" as 16, "1e400" as Infinity and " 12 " as 12; nothing here relies on it.

import type { Measure } from "../domain.js";

/**
 * The largest amount accepted, exclusive: 10^15 of the store's unit (thousand yen: 10^18 yen, some ten thousand
 * times Japan's yearly trade; or 10^15 KG, NO, MT …). Below it every whole number is exact in a double, and twelve
 * months of such cells still sum exactly in a BIGINT. A longer number is a misprint, never a figure.
 */
export const MAX_AMOUNT = 1e15;
/** Most digits of a whole amount: 15, below MAX_AMOUNT. */
export const MAX_AMOUNT_DIGITS = 15;
/** A y/y change or contribution above this many percent (a ten-thousandfold rise) is refused as a misprint. */
export const MAX_PERCENT = 1_000_000;

/** Digits only, no sign, no leading zero, at most 15 digits: how the Ministry's CSV files print amounts. */
export const WHOLE_NUMBER = /^(0|[1-9]\d{0,14})$/;
/** The same in a DuckDB (RE2) regular expression. */
export const WHOLE_NUMBER_SQL = "0|[1-9][0-9]{0,14}";

/** Why `text` is not a whole amount as the Ministry prints one (digits, at most 15), or null. */
export function wholeNumberProblem(text: string): string | null {
  if (WHOLE_NUMBER.test(text)) return null;
  if (/^-\d+$/.test(text)) return `a negative amount (${text}); quantities and values are never below zero`;
  if (/^\d+$/.test(text)) {
    return /^0\d/.test(text)
      ? `"${text}" has a leading zero; expected a whole number as the Ministry prints it`
      : `"${text}" has ${text.length} digits: beyond any trade figure (at most ${MAX_AMOUNT_DIGITS} digits, below 10^15)`;
  }
  return `expected a whole number, found "${text}" (digits 0-9 only, as the Ministry prints them)`;
}

const MEASURE_BOUNDS: Record<Measure, { min: number; max: number; what: string }> = {
  value: { min: 0, max: MAX_AMOUNT, what: "a value is never below zero and below 10^15 thousand yen" },
  quantity1: { min: 0, max: MAX_AMOUNT, what: "a quantity is never below zero and below 10^15" },
  quantity2: { min: 0, max: MAX_AMOUNT, what: "a quantity is never below zero and below 10^15" },
  // A value can fall by 100% at most (to nothing); a rise beyond MAX_PERCENT is a misprint.
  yoy_pct: { min: -100, max: MAX_PERCENT, what: `a y/y change lies between -100% and +${MAX_PERCENT.toLocaleString("en-US")}%` },
  share_pct: { min: 0, max: 100, what: "a share lies between 0 and 100%" },
  // A part can take at most its whole former share (100 points) off the total's change.
  contribution_pp: { min: -100, max: MAX_PERCENT, what: `a contribution lies between -100 and +${MAX_PERCENT.toLocaleString("en-US")} points` },
  // A balance printed as such (flow balance) is a difference of two values: either sign, within the values' bounds.
  balance: { min: -MAX_AMOUNT, max: MAX_AMOUNT, what: "a balance lies within ±10^15 thousand yen" },
  balance_sa: { min: -MAX_AMOUNT, max: MAX_AMOUNT, what: "a balance lies within ±10^15 thousand yen" },
};

/** The bounds of a measure, for SQL that checks the same thing. */
export const measureBounds = (measure: Measure) => MEASURE_BOUNDS[measure];

/**
 * Why `value` (in the store's unit) cannot be a `measure`, or null. Infinity and NaN never can. `printed` is the
 * number as the file gave it, for the message.
 */
export function measureProblem(measure: Measure, value: number, printed: string = String(value)): string | null {
  const { min, max, what } = MEASURE_BOUNDS[measure];
  if (!Number.isFinite(value)) return `${printed} is ${value}, not a figure (${what})`;
  if (value < min || (max === MAX_AMOUNT ? value >= max : value > max)) {
    return value < 0 && min === 0 ? `a negative ${measure} (${printed}); ${what}` : `${printed} is out of bounds for ${measure}: ${what}`;
  }
  return null;
}

/** `YYYY-MM-DD` that is a real day of the calendar (no 2025-02-30, which DuckDB would refuse mid-ingest). */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
