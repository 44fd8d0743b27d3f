// Reading an article's text as it arrives from the web: sentences with their offsets into the original
// (including sentences run together without a space, "balanceAccording to"), and dates found in the text.

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Splits text into sentences, keeping offsets into the original. Boundaries: . ! ? 。 followed by a space or
 * line end, line breaks, and a lower-case word running straight into a capitalised one ("sectorThe"), which
 * is how pasted web text loses its full stops.
 */
export function sentences(text: string): TextSpan[] {
  const cuts = new Set<number>();
  for (const m of text.matchAll(/[.!?](?=\s|$)|\n+/g)) {
    const before = text.slice(Math.max(0, m.index! - 12), m.index! + 1);
    const next = text.slice(m.index! + m[0].length).trimStart()[0];
    // "U.S. since", "Mr. Koll": an abbreviation, not the end of a sentence, when a lower-case word follows.
    if (m[0] === "." && /(?:\b[A-Z]\.[A-Z]?\.?|\b(?:Mr|Ms|Dr|St|No|Inc|Corp|Co|Ltd|vs|approx))\.$/.test(before) && next !== undefined && /[a-z]/.test(next)) continue;
    cuts.add(m.index! + m[0].length);
  }
  for (const m of text.matchAll(/[a-z]{3}(?=[A-Z][a-z]+\s)/g)) cuts.add(m.index! + 3);
  for (const m of text.matchAll(/。/g)) cuts.add(m.index! + 1);
  const spans: TextSpan[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(text.length)) {
    if (cut <= start) continue;
    const raw = text.slice(start, cut);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    start = cut;
  }
  return spans;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));

/** A date printed in the text (`December 17, 2025`, `17 Dec 2025`, `2025-12-17`, `2025年12月17日`), as YYYY-MM-DD. */
export function dateInText(text: string): string | null {
  const pad = (n: number | string) => String(n).padStart(2, "0");
  const iso = /\b(20\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b/.exec(text);
  if (iso) return iso[0];
  const us = /\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? (20\d\d)(?!\d)/.exec(text);
  if (us && MONTH_ABBR.includes(us[1]!.slice(0, 3).toLowerCase())) return `${us[3]}-${pad(MONTH_ABBR.indexOf(us[1]!.slice(0, 3).toLowerCase()) + 1)}-${pad(us[2]!)}`;
  const eu = /\b(\d{1,2}) ([A-Z][a-z]{2,8}) (20\d\d)(?!\d)/.exec(text);
  if (eu && MONTH_ABBR.includes(eu[2]!.slice(0, 3).toLowerCase())) return `${eu[3]}-${pad(MONTH_ABBR.indexOf(eu[2]!.slice(0, 3).toLowerCase()) + 1)}-${pad(eu[1]!)}`;
  const ja = /(20\d\d)年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (ja) return `${ja[1]}-${pad(ja[2]!)}-${pad(ja[3]!)}`;
  return null;
}

/** `November`, `Nov`, `Sept` → 11, 11, 9; null for a word that is no month. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  const i = MONTHS.indexOf(w);
  if (i >= 0) return i + 1;
  const j = w.length >= 3 && (MONTHS.some((m) => m.startsWith(w)) || w === "sept") ? MONTH_ABBR.indexOf(w.slice(0, 3)) : -1;
  return j < 0 ? null : j + 1;
}

/**
 * The text with full-width digits, signs and symbols as ASCII (８．８％ → 8.8%) and typographic spaces as spaces,
 * one character for one, so that offsets into it are offsets into the original.
 */
export function normalizeText(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u00A0\u2009\u202F\uFFE5]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000 || code === 0xa0 || code === 0x2009 || code === 0x202f) return " ";
    if (code === 0xffe5) return "¥";
    const ascii = String.fromCharCode(code - 0xfee0);
    // Only digits, signs and the symbols numbers are printed with: ＥＵ stays as written (the lexicon reads it).
    return /[0-9%.,+\-$¥]/.test(ascii) ? ascii : c;
  });
}

/** A function telling the paragraph (0, 1, …) an offset is in: paragraphs are separated by blank lines or line breaks. */
export function paragraphs(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (const m of text.matchAll(/\n\s*\n|\n/g)) breaks.push(m.index!);
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
};

/** A number word or ordinal (`fifth`, `nine`, `10th`, `12`) as a number. */
export function countOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w in WORD_NUMBERS) return WORD_NUMBERS[w]!;
  const digits = /^(\d+)(st|nd|rd|th)?$/.exec(w);
  return digits ? Number(digits[1]) : null;
}
