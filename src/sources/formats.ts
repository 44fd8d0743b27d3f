// The formats boeki reads, by name: kept apart from the parsers so that naming them (`--format` choices, `--help`)
// loads no parser.

import { UsageError } from "../errors.js";

export const FORMATS = ["mof-timeseries", "hs9", "tidy-csv", "tidy-parquet", "mof-press-xml", "mof-press-table", "mof-area-commodity", "first-prints", "ytd-vintages"] as const;
export type SourceFormat = (typeof FORMATS)[number];

export function checkFormat(name: string): SourceFormat {
  if (!(FORMATS as readonly string[]).includes(name)) throw new UsageError(`unknown format "${name}"; expected one of ${FORMATS.join(", ")}`);
  return name as SourceFormat;
}
