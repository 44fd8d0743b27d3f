// How the CLI prints: aligned tables for people, one JSON document for programs, one-line errors for both.

import path from "node:path";

/**
 * Text from input (an article, a file's first line, a source name from a tidy file) made safe for a terminal:
 * each control character but newline and tab (ANSI escapes, NUL, backspace, a lone carriage return, C1 codes)
 * and each bidirectional override becomes one visible stand-in (␛ for ESC, ␀ for NUL, � for the rest), so that
 * nothing in the input can move the cursor, retitle the window or hide text; offsets into the text stay valid.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/**
 * `1,192,541,404`, `-1,234.5`: digits grouped by thousands, at most three decimals. By hand, not toLocaleString: the
 * first call of that loads ICU's locale data, a tenth of a cold `boeki series`.
 */
export function thousands(n: number): string {
  const rounded = Math.round(n * 1000) / 1000;
  const [whole, decimals] = String(Math.abs(rounded)).split(".") as [string, string | undefined];
  if (/e/.test(whole)) return String(rounded); // beyond 1e21: no grouping to do
  return `${rounded < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${decimals ? `.${decimals}` : ""}`;
}

/** Prints rows as an aligned table; numbers right-aligned. */
export function printTable(rows: Record<string, unknown>[], columns?: string[]): void {
  process.stdout.write(formatTable(rows, columns));
}

/** Rows as an aligned table, one line each and a newline at the end; numbers right-aligned. */
export function formatTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return "(no rows)\n";
  const names = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((row) => names.map((n) => format(row[n])));
  const widths = names.map((n, i) => Math.max(displayWidth(n), ...cells.map((c) => displayWidth(c[i]!))));
  const numeric = names.map((n) => rows.every((row) => row[n] === null || row[n] === undefined || typeof row[n] === "number"));
  const pad = (v: string, i: number) => " ".repeat(widths[i]! - displayWidth(v));
  const line = (values: string[]) => values.map((v, i) => (numeric[i] ? pad(v, i) + v : v + pad(v, i))).join("  ").trimEnd();
  return [line(names), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

/** Columns a string takes on a terminal: CJK ideographs, kana and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return width;
}

function format(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return thousands(value);
  return printable(String(value));
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** ¥ in the desk's style from thousand yen: ¥9.71 trillion, ¥322.2 billion. */
export function yen(jpyThousand: number): string {
  const yenValue = jpyThousand * 1000;
  const abs = Math.abs(yenValue);
  const sign = yenValue < 0 ? "-" : "";
  if (abs >= 1e12) return `${sign}¥${(abs / 1e12).toFixed(2)} trillion`;
  if (abs >= 1e9) return `${sign}¥${(abs / 1e9).toFixed(1)} billion`;
  return `${sign}¥${(abs / 1e6).toFixed(1)} million`;
}

export const OUTPUT_FORMATS = ["table", "csv", "json", "parquet"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `--json` wins; then `--format`; then the extension of `--out` (`x.csv`, `x.parquet`, `x.json`); else a table. */
export function outputFormat(o: { json?: boolean; format?: string; out?: string }): OutputFormat {
  if (o.json) return "json";
  if (o.format) return o.format as OutputFormat;
  const ext = o.out && o.out !== "-" ? path.extname(o.out).slice(1).toLowerCase() : "";
  return (OUTPUT_FORMATS as readonly string[]).includes(ext) && ext !== "table" ? (ext as OutputFormat) : "table";
}
