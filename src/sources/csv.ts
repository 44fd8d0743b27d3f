// CSV read strictly, for the small formats parsed in JavaScript (press tables, area × commodity): every row whole,
// every quote closed, and each row's own line number for the messages.

import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { InputError } from "../errors.js";

/**
 * The rows of a CSV text with RFC 4180 quoting, empty lines passed over, and the line each row stands on.
 * Refused: a text that does not end with a line end (a cut-off file), a malformed or unterminated quote, a field
 * running over two lines (none of the formats read this way has one), a row of another width than the header's.
 */
export function csvRows(text: string, file: string): { rows: string[][]; lineOf: (row: number) => number } {
  let lines: number[] | undefined;
  // Computed on the way to an error only: the n-th non-empty line (rows hold no line ends, as checked below).
  const lineOf = (row: number) => {
    lines ??= text.split("\n").flatMap((line, i) => (line === "" || line === "\r" ? [] : [i + 1]));
    return lines[row] ?? lines.length + 1;
  };
  if (!text.endsWith("\n")) {
    throw new InputError({ file, line: text.split("\n").length }, "ends in the middle of a row (no line end after the last row): the file is truncated");
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true });
  const quoteError = parsed.errors[0];
  if (quoteError) throw new InputError({ file, line: lineOf(quoteError.row ?? 0) }, `${quoteError.message.toLowerCase()} (CSV quoting)`);
  const rows = parsed.data;
  const width = rows[0]?.length ?? 0;
  rows.forEach((cells, i) => {
    const broken = cells.findIndex((cell) => /[\r\n]/.test(cell));
    if (broken >= 0) throw new InputError({ file, line: lineOf(i), column: broken + 1 }, "a field runs over two lines; expected one row per line");
    if (cells.length !== width) throw new InputError({ file, line: lineOf(i) }, `expected ${width} fields as in the header, found ${cells.length}`);
  });
  return { rows, lineOf };
}

/** One line of a file as read by `fileLines`: its number, its text without the line end, and how it ended. */
export interface FileLine {
  line: number;
  text: string;
  /** `"\r\n"`, `"\n"`, or `""` for a last line with no line end (a cut-off file). */
  end: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const shiftJis = new TextDecoder("shift_jis", { fatal: true });

/**
 * The lines of a UTF-8 file, read in chunks so that a file of any size is held a line at a time. A byte that is
 * not UTF-8 is an error naming its line. A leading byte-order mark is dropped.
 */
export async function* fileLines(file: string): AsyncGenerator<FileLine> {
  let rest = Buffer.alloc(0);
  let line = 0;
  const decode = (bytes: Buffer): string => {
    try {
      return utf8.decode(line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
    } catch {
      let sjis = "";
      try {
        shiftJis.decode(bytes);
        sjis = " (the bytes look like Shift_JIS: re-encode the file as UTF-8)";
      } catch {}
      throw new InputError({ file, line }, `is not valid UTF-8${sjis}; expected UTF-8 text`);
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    let bytes = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let nl = bytes.indexOf(0x0a, start); nl >= 0; nl = bytes.indexOf(0x0a, start)) {
      line++;
      const crlf = nl > start && bytes[nl - 1] === 0x0d;
      yield { line, text: decode(bytes.subarray(start, crlf ? nl - 1 : nl)), end: crlf ? "\r\n" : "\n" };
      start = nl + 1;
    }
    rest = Buffer.from(bytes.subarray(start));
    bytes = rest;
  }
  if (rest.length) {
    line++;
    yield { line, text: decode(rest), end: "" };
  }
}

/**
 * Whether a file is UTF-8 throughout, read in chunks (simdutf through `buffer.isUtf8`, gigabytes a second). Checked
 * before DuckDB groups a CSV's rows: DuckDB 1.5 fails with an internal error that ends the database, rather than a
 * CSV error, when an aggregate meets a byte that is not UTF-8.
 */
export async function isUtf8File(file: string): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) {
    const bytes = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    // A character cut by the chunk's end waits for the next chunk: back up to the start of the last one.
    let end = bytes.length;
    for (let k = 1; k <= 3 && end - k >= 0; k++) {
      const byte = bytes[end - k]!;
      if ((byte & 0xc0) !== 0x80) {
        const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        if (length > k) end -= k;
        break;
      }
    }
    if (!isUtf8(bytes.subarray(0, end))) return false;
    carry = Buffer.from(bytes.subarray(end));
  }
  return carry.length === 0 || isUtf8(carry);
}
