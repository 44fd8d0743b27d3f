// What a downloaded file must be before it replaces the cached copy: the parser of its format reads it whole,
// and it is the file asked for (d51ma, not d61ma). A truncated body or a page served in its place is refused.

import { InputError } from "../errors.js";
import type { Expectation } from "./fetch.js";
import { parseTimeSeries, TIME_SERIES_URLS } from "./mof-timeseries.js";

/** The MoF time series `kind`, in the Ministry's Shift_JIS; its last published month is the release's floor. */
export function expectTimeSeries(kind: keyof typeof TIME_SERIES_URLS): Expectation {
  return (bytes, from) => {
    const parsed = parseTimeSeries(bytes, from);
    if (parsed.kind !== kind) throw new InputError({ file: from, line: 1 }, `is the time series ${parsed.kind}, expected ${kind} (${TIME_SERIES_URLS[kind]})`);
    return { through: parsed.lastPublished };
  };
}
