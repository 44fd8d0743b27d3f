// check(store, text, { date }): every trade figure in an article, judged against the data as they stood on
// the article's date.

import { UsageError } from "../errors.js";
import { parseDate } from "../store/months.js";
import { monthTotals } from "../store/read.js";
import type { Store } from "../store/store.js";
import { extractClaims } from "./extract.js";
import { dateInText } from "./text.js";
import { FactBook, verify, type CheckedClaim } from "./verify.js";

export type { CheckedClaim, Verdict } from "./verify.js";

export interface CheckResult {
  date: string;
  claims: CheckedClaim[];
}

export interface CheckOptions {
  /** `YYYY-MM-DD` the article was published; found in the text when absent. */
  date?: string;
}

/** The article's date and where it came from: the caller, or the text. */
export function articleDate(text: string, date?: string): { date: string; from: "option" | "text" } {
  if (date) {
    return { date: parseDate(date, "--date"), from: "option" };
  }
  const found = dateInText(text);
  if (!found) throw new UsageError("no date in the article: pass --date YYYY-MM-DD (the day it was published)");
  return { date: found, from: "text" };
}

export async function check(store: Store, text: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { date } = articleDate(text, options.date);
  // Month names are read against the latest month the data had on that day ("in November" on 2025-12-17).
  const latest = (await monthTotals(store, { asOf: date }))?.period;
  if (!latest) throw new UsageError(`no trade data as of ${date}: ingest the releases first`);
  const book = new FactBook(store, date);
  const claims: CheckedClaim[] = [];
  for (const claim of extractClaims(text, latest)) claims.push(await verify(claim, book));
  return { date, claims };
}
