// Months and days as a user types them: `latest`, `latest-1`, `YYYY-MM` turned into a month the store holds,
// and `YYYY-MM-DD` checked as a real calendar day. (The smallest version of the shared contract; i10 owns it.)

import { UsageError } from "../errors.js";
import type { Store } from "./store.js";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const LATEST = /^latest(?:-(\d+))?$/i;

const shiftMonth = (month: string, by: number) => {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
};

/** `latest`, `latest-N` or `YYYY-MM` → a month with world exports in the store (as of `asOf`). */
export async function resolveMonth(store: Store, text: string, options: { asOf?: string } = {}): Promise<string> {
  const asOf = options.asOf === undefined ? undefined : parseDate(options.asOf, "--as-of");
  const latestMatch = LATEST.exec(text.trim());
  if (!latestMatch && !MONTH.test(text.trim())) throw new UsageError(`--month: expected YYYY-MM, latest or latest-N, found "${text}"`);
  const [held] = await store.rows<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(o.period), '%Y-%m') AS first, strftime(max(o.period), '%Y-%m') AS last
     FROM observations o JOIN releases r USING (release_id)
     WHERE o.flow = 'export' AND o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value' AND r.effective <= ?::DATE`,
    [asOf ?? "9999-12-31"],
  );
  const when = asOf ? ` as of ${asOf}` : "";
  if (!held?.last) throw new UsageError(`no month is held${when}: ingest a release or the time series first`);
  const month = latestMatch ? shiftMonth(held.last, -Number(latestMatch[1] ?? 0)) : text.trim();
  if (month < held.first! || month > held.last) throw new UsageError(`${month} is not held${when}: the store holds ${held.first} to ${held.last}`);
  return month;
}

/** Checks `YYYY-MM-DD` is a real calendar day; the error names the option. */
export function parseDate(text: string, optionName: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !day || day.toISOString().slice(0, 10) !== text) throw new UsageError(`${optionName}: expected YYYY-MM-DD, found "${text}"`);
  return text;
}
