// Which format a file is in, told from its first bytes, and the parsers for the formats read in JavaScript.
// (HS-9 tables and Parquet are read by DuckDB in store/ingest; their layouts live in their own modules.)

import { InputError } from "../errors.js";
import { isFirstPrintsHeader } from "./first-prints.js";
import type { SourceFormat } from "./formats.js";
import { isYtdVintagesHeader } from "./ytd-vintages.js";
import { isHs9Header } from "./hs9-table.js";
import { AREA_COMMODITY_HEADER } from "./mof-area-commodity.js";
import { isPressXml } from "./mof-press-release.js";
import { pressTableKind } from "./mof-press-tables.js";
import { timeSeriesKind } from "./mof-timeseries.js";
import { refuseHtml } from "./text.js";
import { isTidyHeader } from "./tidy.js";

export { checkFormat, FORMATS, type SourceFormat } from "./formats.js";

/** Tells the format from the first bytes of a file; an error saying what was seen when it is none we read. */
export function detectFormat(head: Uint8Array, file: string): SourceFormat {
  if (head.length === 0) throw new InputError({ file }, "is empty (0 bytes); expected a MoF time series, an HS-9 table or a tidy CSV/Parquet file");
  if (Buffer.from(head.subarray(0, 4)).toString("latin1") === "PAR1") return "tidy-parquet";
  refuseHtml(head, file);
  // Shift_JIS and UTF-8 agree on ASCII, and the time series' Japanese title is recognised after decoding as either.
  // A UTF-8 byte-order mark (spreadsheets write one) is not part of the header.
  const firstLine = Buffer.from(head).toString("latin1").replace(/^\xEF\xBB\xBF/, "").split(/\r?\n/)[0] ?? "";
  if (isHs9Header(firstLine)) return "hs9";
  if (isTidyHeader(firstLine)) return "tidy-csv";
  if (pressTableKind(firstLine)) return "mof-press-table";
  if (firstLine.startsWith(AREA_COMMODITY_HEADER)) return "mof-area-commodity";
  if (isFirstPrintsHeader(firstLine)) return "first-prints";
  if (isYtdVintagesHeader(firstLine)) return "ytd-vintages";
  if (isPressXml(Buffer.from(head).toString("utf8"))) return "mof-press-xml";
  const newline = head.indexOf(0x0a);
  const titleBytes = head.subarray(0, newline < 0 ? head.length : newline);
  for (const encoding of ["shift_jis", "utf-8"]) {
    if (timeSeriesKind(new TextDecoder(encoding).decode(titleBytes))) return "mof-timeseries";
  }
  throw new InputError({ file, line: 1 }, `cannot tell the format from the first line "${firstLine.slice(0, 80)}"; expected a MoF time series, an HS-9 table (Exp or Imp,Year,…), a press release (XML or its tables), an area × commodity table, an economic calendar's first prints or a tidy CSV (period,flow,partner,…); --format forces one`);
}

export { parseTimeSeries, TIME_SERIES_URLS, type TimeSeriesKind } from "./mof-timeseries.js";
export { parsePressRelease } from "./mof-press-release.js";
export { parsePressTable } from "./mof-press-tables.js";
export { parseAreaCommodity } from "./mof-area-commodity.js";
export { diagnoseTidyCsv, readTidyRow, TIDY_COLUMNS, type TidyRow } from "./tidy.js";
export { parseFirstPrints, FIRST_PRINTS_SOURCE } from "./first-prints.js";
export { parseYtdVintages } from "./ytd-vintages.js";
