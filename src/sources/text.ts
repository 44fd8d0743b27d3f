// Turning a file's bytes into text: the Ministry's time series are Shift_JIS (cp932), everything else
// ASCII or UTF-8. A wrong encoding is named as such, with the line it first shows on, never decoded into mojibake.

import { InputError } from "../errors.js";

export type Encoding = "shift_jis" | "utf8";

/** Line (1-based) of a byte offset. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const shiftJis = new TextDecoder("shift_jis", { fatal: true });

function decodes(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The first line that does not decode, by decoding line by line (LF never occurs inside a Shift_JIS character). */
export function firstBadLine(decoder: TextDecoder, bytes: Uint8Array): number {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!decodes(decoder, bytes.subarray(start, i))) return line;
      start = i + 1;
      line++;
    }
  }
  return line;
}

/** Refuses what a web server sends in place of a data file: an HTML error or login page, also behind a BOM or comments. */
export function refuseHtml(bytes: Uint8Array, file: string): void {
  let head = Buffer.from(bytes.subarray(0, 8192)).toString("latin1").replace(/^\xef\xbb\xbf/, "").toLowerCase();
  // What a browser skips before the first element: white space, comments, an XML declaration.
  head = head.replace(/^(\s+|<!--[\s\S]*?-->|<\?xml[^>]*\?>)+/, "");
  if (head.startsWith("<!--") || /^<(!doctype html|html|head|body|title|meta|script|style|div|p|h1)[\s>/]/.test(head)) {
    throw new InputError({ file, line: 1 }, "is an HTML page, not a data file (an error page saved in place of the CSV?)");
  }
}

/**
 * Decodes `bytes` as `expected`. Pure ASCII passes either way. UTF-8 where Shift_JIS was expected (and the
 * reverse) is an error naming the first line that shows it, because both decode to plausible garbage otherwise.
 */
export function decodeText(bytes: Uint8Array, file: string, expected: Encoding): string {
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (expected === "shift_jis") throw new InputError({ file, line: 1 }, "starts with a UTF-8 byte-order mark; expected Shift_JIS bytes as the Ministry publishes them (pass --encoding utf8 to read a re-encoded copy)");
    body = bytes.subarray(3);
  }
  const nonAscii = firstNonAscii(body);
  if (nonAscii < 0) return Buffer.from(body).toString("latin1");
  if (expected === "shift_jis") {
    if (decodes(utf8, body)) {
      throw new InputError({ file, line: lineOf(body, nonAscii) }, "is UTF-8 text; expected Shift_JIS bytes as the Ministry publishes them (pass --encoding utf8 to read a re-encoded copy)");
    }
    if (!decodes(shiftJis, body)) {
      throw new InputError({ file, line: firstBadLine(shiftJis, body) }, "has bytes that are not Shift_JIS; expected the Ministry's Shift_JIS (cp932) text");
    }
    return shiftJis.decode(body);
  }
  if (!decodes(utf8, body)) {
    const sjis = decodes(shiftJis, body) ? " (the bytes look like Shift_JIS: re-encode the file as UTF-8)" : "";
    throw new InputError({ file, line: firstBadLine(utf8, body) }, `is not valid UTF-8${sjis}; expected UTF-8 text`);
  }
  return utf8.decode(body);
}

/** Splits text into lines, accepting CRLF or LF; the final line terminator (if any) yields no empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
