// How the CLI reads what a user types into options: names for partners and goods, lists of them, real calendar
// days (a day after today warned about or refused, per option), each error naming the option it came from.

import type { Flow } from "../domain.js";
import { UsageError } from "../errors.js";
import { commodityByFlow, resolveCommodity, resolvePartner } from "../sources/codes/resolve.js";
import { dayInJapan } from "../domain.js";
import { isAfterToday, parseDate, parseMonth, refuseFuture } from "../store/months.js";

/** A usage error that names `optionName`, unless it names an option already. */
function naming(optionName: string, error: unknown): unknown {
  return error instanceof UsageError && !error.message.startsWith("--") ? new UsageError(`${optionName}: ${error.message}`) : error;
}

/** Runs `read`, naming `optionName` in the usage error it may throw. */
export function inOption<T>(optionName: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw naming(optionName, error);
  }
}

/**
 * The codes of the names a user listed, comma-separated (`USA,China`) or repeated: a value that reads whole is one
 * name (`Central and East Europe, Russia etc.` holds a comma of its own), else each part is read. Duplicates dropped.
 */
export function listedCodes(optionName: string, values: string | string[] | undefined, read: (text: string) => string): string[] {
  const codes: string[] = [];
  for (const value of typeof values === "string" ? [values] : values ?? []) {
    let whole: string | undefined;
    try {
      whole = read(value);
    } catch (error) {
      if (!value.includes(",")) throw naming(optionName, error);
    }
    const parts = whole !== undefined ? [whole] : value.split(",").filter((p) => p.trim()).map((p) => inOption(optionName, () => read(p)));
    for (const code of parts) if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

export const partnerCodes = (values: string | string[] | undefined) => listedCodes("--partner", values, resolvePartner);
export const partnerCode = (value: string) => inOption("--partner", () => resolvePartner(value));

/** A commodity for one flow, or for a balance (exports and imports each read the name in their own codes). */
export function commodityFor(value: string, flow: Flow | "balance"): string | Partial<Record<Flow, string>> {
  return inOption("--commodity", () => (flow === "balance" ? commodityByFlow(value) : resolveCommodity(value, flow)));
}

/**
 * A day given with an option such as `--as-of`: a real calendar day. After today, it is answered (nothing published
 * later can be in the store, so the answer is the store as it now stands) with a warning on standard error: a
 * mistyped year (2052 for 2025) then shows, and a script that passes a far date to mean "everything" still works.
 */
export function asOfDate(text: string | undefined, optionName = "--as-of"): string | undefined {
  if (text === undefined) return undefined;
  const date = parseDate(text, optionName);
  if (isAfterToday(date)) {
    console.error(`boeki: warning: ${optionName} ${date} is after today (${dayInJapan()} in Japan); the answer is the store as it stands now`);
  }
  return date;
}

/** A day that cannot be after today (an article's date, a release date, a forecast's date): refused when it is. */
export function pastDate(text: string | undefined, optionName: string, why: string): string | undefined {
  return text === undefined ? undefined : refuseFuture(parseDate(text, optionName), optionName, why);
}

/** A month bound (`--from`, `--to`, `--through`): YYYY-MM; months after the data are fine as bounds. */
export const monthBound = (text: string | undefined, optionName: string) => (text === undefined ? undefined : parseMonth(text, optionName));

/** A whole number of at least 1 (`--last 24`). */
export function countOption(text: string | undefined, optionName: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${optionName}: expected a whole number of months (1 or more), found "${text}"`);
  return Number(text);
}
