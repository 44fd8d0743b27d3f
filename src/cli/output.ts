// How the CLI prints: aligned tables for people, one JSON document for programs, one-line errors for both.

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

export const thousands = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 3 });

/** Prints rows as an aligned table; numbers right-aligned. */
export function printTable(rows: Record<string, unknown>[], columns?: string[]): void {
  if (rows.length === 0) {
    console.log("(no rows)");
    return;
  }
  const names = columns ?? Object.keys(rows[0]!);
  const cells = rows.map((row) => names.map((n) => format(row[n])));
  const widths = names.map((n, i) => Math.max(displayWidth(n), ...cells.map((c) => displayWidth(c[i]!))));
  const numeric = names.map((n) => rows.every((row) => row[n] === null || row[n] === undefined || typeof row[n] === "number"));
  const pad = (v: string, i: number) => " ".repeat(widths[i]! - displayWidth(v));
  const line = (values: string[]) => values.map((v, i) => (numeric[i] ? pad(v, i) + v : v + pad(v, i))).join("  ").trimEnd();
  console.log(line(names));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

/** Columns a string takes on a terminal: Japanese (and other wide) characters take two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
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
