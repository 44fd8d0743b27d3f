// check(store, text, { date }): every trade figure in an article, judged against the data as they stood on
// the article's date.

import { UsageError } from "../errors.js";
import { warmSnapshots } from "../figures/snapshot.js";
import { latestMonth, parseDate } from "../store/months.js";
import type { Store } from "../store/store.js";
import { extractClaims, storyMonthOf } from "./extract.js";
import { dateInText } from "./text.js";
import { FactBook, verifyAll, type CheckedClaim } from "./verify.js";

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
  // The store's first queries run while the article is read.
  const warm = warmSnapshots(store);
  // Month names are read against the article's date ("in November" on 2025-12-17 is 2025-11); the latest month
  // the data had on that day is the story's month only when the text names none. An article from before every
  // release held is judged on later data, and says so.
  const latest = storyMonthOf(text, date) ?? (await latestMonth(store, date));
  const book = new FactBook(store, date);
  const claims = extractClaims(text, { date, latest });
  await warm;
  return { date, claims: await verifyAll(claims, book) };
}
