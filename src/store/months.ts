// Months and days as users type them: `latest`, `latest-1` or `YYYY-MM` turned into a month the store holds, and
// `YYYY-MM-DD` checked as a real calendar day before it reaches the database (2025-02-30 is a usage error, not SQL's).

import { addMonths, dayInJapan, DATE_PATTERN, PERIOD_PATTERN } from "../domain.js";
import { UsageError } from "../errors.js";
import type { Store } from "./store.js";

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A `YYYY-MM-DD` that is a day of the calendar, or a UsageError naming the option. */
export function parseDate(text: string, optionName: string): string {
  const date = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`${optionName}: expected a day as YYYY-MM-DD, found "${text}"`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  if (month < 1 || month > 12) throw new UsageError(`${optionName}: ${date} has no month ${month} (months run 01 to 12)`);
  const last = daysIn(year, month);
  if (day < 1 || day > last) throw new UsageError(`${optionName}: ${date} is not a day of the calendar (${MONTH_NAMES[month - 1]} ${year} has ${last} days)`);
  if (!DATE_PATTERN.test(date)) throw new UsageError(`${optionName}: expected a day as YYYY-MM-DD, found "${text}"`);
  return date;
}

/** A `YYYY-MM`, or a UsageError naming the option. */
export function parseMonth(text: string, optionName: string): string {
  const month = text.trim();
  if (!PERIOD_PATTERN.test(month)) throw new UsageError(`${optionName}: expected a month as YYYY-MM${optionName === "--month" ? ", latest or latest-N" : ""}, found "${text}"`);
  return month;
}


export const isAfterToday = (date: string, now?: Date) => date > dayInJapan(now);

/** Refuses a day after today, for options where one cannot be true (an article's date, a release date). */
export function refuseFuture(date: string, optionName: string, why: string): string {
  if (isAfterToday(date)) throw new UsageError(`${optionName}: ${date} is after today (${dayInJapan()} in Japan): ${why}`);
  return date;
}

const LATEST = /^latest\s*(?:-\s*(\d+))?$/i;

/**
 * The latest month the store holds as of `asOf` (or now): the latest with world exports and imports both, as a
 * release prints them; failing that, the latest month of any observation. Null for a store with no observations.
 */
export async function latestMonth(store: Store, asOf?: string): Promise<string | null> {
  const [row] = await store.rows<{ both: string | null; any: string | null }>(
    `SELECT (${LATEST_OF_BOTH_FLOWS}) AS both,
            (SELECT strftime(max(o.period), '%Y-%m') FROM observations o JOIN releases r USING (release_id) WHERE r.effective <= $asOf::DATE) AS any`,
    { asOf: asOf ?? "9999-12-31" },
  );
  return row?.both ?? row?.any ?? null;
}

/**
 * The latest month with both world exports and imports as of `$asOf`, `YYYY-MM` (NULL when either flow has none):
 * one aggregate, as reading whole series to find it costs ten times more.
 */
export const LATEST_OF_BOTH_FLOWS = `
  SELECT strftime(min(last), '%Y-%m') FROM (
    SELECT max(o.period) AS last FROM observations o JOIN releases r USING (release_id)
    WHERE o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value' AND r.effective <= $asOf::DATE
    GROUP BY o.flow) HAVING count(*) = 2`;

/** The first and last month of any observation as of `asOf`, for messages. */
async function heldRange(store: Store, asOf?: string): Promise<{ first: string | null; last: string | null }> {
  const [row] = await store.rows<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(o.period), '%Y-%m') AS first, strftime(max(o.period), '%Y-%m') AS last
     FROM observations o JOIN releases r USING (release_id) WHERE r.effective <= $asOf::DATE`,
    { asOf: asOf ?? "9999-12-31" },
  );
  return row ?? { first: null, last: null };
}

async function holds(store: Store, month: string, asOf?: string): Promise<boolean> {
  const rows = await store.rows(
    `SELECT 1 FROM observations o JOIN releases r USING (release_id) WHERE o.period = $month::DATE AND r.effective <= $asOf::DATE LIMIT 1`,
    { month: `${month}-01`, asOf: asOf ?? "9999-12-31" },
  );
  return rows.length > 0;
}

/**
 * `latest`, `latest-N` or `YYYY-MM` as a month the store holds (as of `asOf`): a UsageError (exit 2) for a malformed
 * month, and for one the store does not hold, saying which months it does.
 */
export async function resolveMonth(store: Store, text: string, options: { asOf?: string; optionName?: string } = {}): Promise<string> {
  const optionName = options.optionName ?? "--month";
  const asOfNote = options.asOf ? ` as of ${options.asOf}` : "";
  const latest = LATEST.exec(text.trim());
  let month: string;
  if (latest) {
    const last = await latestMonth(store, options.asOf);
    if (!last) throw new UsageError(`${optionName} ${text}: the store holds no months${asOfNote}: ingest a release or the time series first (boeki update)`);
    month = addMonths(last, -Number(latest[1] ?? 0));
  } else {
    month = parseMonth(text, optionName);
  }
  if (await holds(store, month, options.asOf)) return month;
  const { first, last } = await heldRange(store, options.asOf);
  const range = first ? `it holds ${first} to ${last}` : "it holds no months";
  const hint = last && month > last ? " (not released yet, or not ingested: boeki update)" : "";
  throw new UsageError(`${optionName} ${text}: the store has no figures for ${month}${asOfNote}${hint}; ${range}`);
}

/**
 * The day a month's world figures were first published, as the store knows it: the earliest effective date of a
 * release that holds the month's world exports. What an article about that month's release is judged as of.
 */
export async function firstPublished(store: Store, month: string): Promise<string | null> {
  const [row] = await store.rows<{ day: string | null }>(
    `SELECT strftime(min(r.effective), '%Y-%m-%d') AS day FROM observations o JOIN releases r USING (release_id)
     WHERE o.period = $month::DATE AND o.flow = 'export' AND o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value'`,
    { month: `${month}-01` },
  );
  return row?.day ?? null;
}
