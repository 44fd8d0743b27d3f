// Reading the numbers of a sentence as an article prints them: percentages, points, yen in every form wire copy
// and Japanese papers use (¥117.6 billion, JPY 9.152T, -JPY117.6b, 9,152.4 billion yen, 1兆8169億円), dollar
// conversions, ranges, approximations, and the phrases of streaks and turning points. One pass per pattern: linear.

import { APPROXIMATE, APPROXIMATE_AFTER, SEQUENCE_PHRASES, WORD_NUMBERS, YEN_SCALES } from "./lexicon.js";

export type MentionKind = "pct" | "pp" | "yen" | "usd" | "sequence";

export interface Sequence {
  kind: "streak" | "first" | "highest" | "lowest";
  count: number;
  unit: "months" | "years";
  /** "the first increase since March [2024]". */
  since?: { month: number; year?: number };
  /** The words saying what it is of ("trade surplus", "増加に転じ", "declines"). */
  event: string;
}

export interface Mention {
  /** Offsets into the sentence. */
  start: number;
  end: number;
  kind: MentionKind;
  /** As printed, without sign: % or points; ¥ billion for yen; US$ billion for dollars; months for sequences. */
  value: number;
  /** Decimals printed, in the unit of `value` (¥ billion: "9.71 trillion" has −1, "3223億円" has 1). */
  decimals: number;
  /** A sign printed with the number ("-3.8%", "−2.4%", "+11.4%", "JPY -117.6B"). */
  sign?: 1 | -1;
  /** "about", "nearly", およそ: within a wider tolerance. */
  approx?: boolean;
  /** The other end of a range ("¥-17.00B to ¥128.30B"), signed. */
  high?: number;
  sequence?: Sequence;
}

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SIGN = String.raw`[−–+-]`;
// A number must not continue a number or a word ("3,8%" in a language with decimal commas: "8%" is not a figure).
const START = String.raw`(?<![\d.])(?<!\d,)(?<!\d[eE])`;
// "117.6 B. Yen" keeps its dot; "¥-34.0B." at a sentence's end does not.
const SCALE = String.raw`trillion|trln|tln|tn|billion|bln|bn|million|mln|mn|[TBM](?:\.(?=\s?(?:yen|Yen|YEN|JPY)))?(?![a-zA-Z])`;

const PATTERNS: Array<{ kind: MentionKind; pattern: RegExp }> = [
  // 1兆8169億円, 3,223億円, 9兆円, 1.5兆円 (and 億ドル: dollars)
  { kind: "yen", pattern: new RegExp(String.raw`(?<sign>${SIGN})?(?:(?<cho>\d+(?:\.\d+)?)兆(?:(?<oku>${NUM})億)?|(?<oku2>${NUM})億)(?<cur>円|ドル)`, "g") },
  // ¥117.6 billion, ¥-231.77B, JPY 9.152T, -JPY117.6b, Y117.6 bln, JPY -930.5B
  { kind: "yen", pattern: new RegExp(String.raw`(?<sign>${SIGN})?(?:¥|JP¥|JPY|(?<![A-Za-z/])Y(?=${SIGN}?\d))\s?(?<sign2>${SIGN})?(?<num>${NUM})\s?(?<scale>${SCALE})`, "gi") },
  // 117.6 billion yen, 9,152.4 billion yen, 117.6 B. Yen, 9.71 trillion yen
  { kind: "yen", pattern: new RegExp(String.raw`${START}(?<sign>${SIGN})?(?<num>${NUM})\s?(?<scale>${SCALE})\s?(?:of\s)?(?:yen|JPY)\b`, "gi") },
  // $1.56 billion, US$2 bn, 2 billion US dollars
  { kind: "usd", pattern: new RegExp(String.raw`(?:US\s?\$|\$|USD\s?)(?<num>${NUM})(?:\s?(?<scale>${SCALE}))?|${START}(?<num2>${NUM})\s?(?<scale2>${SCALE})\s(?:US |U\.S\. )?dollars`, "gi") },
  { kind: "pp", pattern: new RegExp(String.raw`${START}(?<sign>${SIGN})?(?<num>${NUM})\s?(?:percentage points?|pct points?|ppts?\b|pp\b|ポイント)`, "gi") },
  { kind: "pct", pattern: new RegExp(String.raw`${START}(?<sign>${SIGN})?(?<num>${NUM})\s?(?:%|percent\b|per cent\b|pct\b)`, "gi") },
];

const decimalsOf = (s: string) => (s.split(".")[1] ?? "").length;
const numberOf = (s: string) => Number(s.replace(/,/g, ""));

function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  for (const [pattern, scale] of YEN_SCALES) if (pattern.test(word)) return scale;
  return 1;
}

/** A sign is a sign when nothing but space, a bracket, a colon, a currency or another figure's end stands before it. */
function signAt(sentence: string, index: number, sign: string | undefined): 1 | -1 | undefined {
  if (!sign) return undefined;
  const before = sentence[index - 1];
  if (before !== undefined && /[\dA-Za-z]/.test(before) && !/[%BT]$/.test(before)) return undefined; // "4-5%", "COVID-19"
  return sign === "+" ? 1 : -1;
}

/** A count in words or digits: `fifth`, `44th`, `seven`, `12`. */
export function countOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w in WORD_NUMBERS) return WORD_NUMBERS[w]!;
  const digits = /^(\d+)(st|nd|rd|th)?$/.exec(w);
  return digits ? Number(digits[1]) : null;
}

const MONTH_INDEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthOf = (word: string) => MONTH_INDEX.indexOf(word.slice(0, 3).toLowerCase()) + 1 || null;

function sequenceMentions(sentence: string): Mention[] {
  const found: Mention[] = [];
  for (const { kind, pattern } of SEQUENCE_PHRASES) {
    for (const m of sentence.matchAll(pattern)) {
      const g = m.groups ?? {};
      const since = g.since ?? g.since2;
      const countWord = g.n ?? g.n2 ?? g.n3;
      const count = since ? 0 : countOf(countWord ?? "");
      if (count === null || (!since && count < 1)) continue;
      const unitWord = g.unit ?? g.unit2 ?? g.unit3 ?? "months";
      const sequence: Sequence = {
        kind, count, unit: /year|年/i.test(unitWord) ? "years" : "months", event: (g.event ?? "").trim(),
        ...(since ? { since: { month: monthOf(since)!, ...(g.year ?? g.year2 ? { year: Number(g.year ?? g.year2) } : {}) } } : {}),
      };
      // The span is the phrase's core: "fifth consecutive month" of "for the fifth consecutive month of deficit".
      const lead = /^(?:for |marking |making )?(?:the |a |an |its |their )?/i.exec(m[0])![0].length;
      const core = kind === "streak" ? /^(.*?\b(?:months?|quarters?))\b(?= of )/i.exec(m[0].slice(lead)) : null;
      const start = m.index! + lead;
      found.push({ start, end: core ? start + core[1]!.length : m.index! + m[0].length, kind: "sequence", value: count, decimals: 0, sequence });
    }
  }
  return found;
}

/**
 * Every number of a sentence with its unit, longest reading first where two overlap ("¥117.6 billion" over
 * "117.6 billion yen"'s parts). Offsets are into `sentence`.
 */
export function readMentions(sentence: string): Mention[] {
  const found: Mention[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const m of sentence.matchAll(pattern)) {
      const g = m.groups ?? {};
      const start = m.index!;
      const end = start + m[0].length;
      if (kind === "yen" && g.cur) {
        // 兆 and 億 are 10^12 and 10^8 yen: ¥ billion is 億 / 10.
        const cho = g.cho ? numberOf(g.cho) : 0;
        const oku = numberOf(g.oku ?? g.oku2 ?? "0");
        const okuText = g.oku ?? g.oku2;
        const value = cho * 1000 + oku / 10;
        const decimals = okuText ? 1 + decimalsOf(okuText) : decimalsOf(g.cho ?? "") - 3;
        found.push({ start, end, kind: g.cur === "ドル" ? "usd" : "yen", value, decimals, sign: signAt(sentence, start, g.sign) });
        continue;
      }
      const numText = g.num ?? g.num2 ?? "";
      const scale = kind === "yen" || kind === "usd" ? scaleOf(g.scale ?? g.scale2) : 1;
      const value = numberOf(numText) * scale;
      const decimals = decimalsOf(numText) + (scale === 1 ? 0 : -Math.round(Math.log10(scale)));
      const sign = signAt(sentence, start, g.sign) ?? (g.sign2 ? (g.sign2 === "+" ? 1 : -1) : undefined);
      found.push({ start, end, kind, value, decimals, sign });
    }
  }
  found.push(...sequenceMentions(sentence));
  // One reading per place: the earlier, and of two starting together the longer.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const m of found) {
    const last = kept.at(-1);
    if (last && m.start < last.end) {
      // A sequence phrase holding a number ("for the 44th straight month") wins over what it holds.
      if (m.kind === "sequence" && last.kind !== "sequence" && m.end > last.end) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  for (const m of kept) {
    if (m.kind === "sequence") continue;
    if (APPROXIMATE.test(sentence.slice(Math.max(0, m.start - 24), m.start)) || APPROXIMATE_AFTER.test(sentence.slice(m.end, m.end + 4))) m.approx = true;
  }
  return kept;
}

/** Joins "A to B" (or "A-B", "A～B") of the same kind into one mention with a `high` end: a forecast's range. */
export function joinRanges(sentence: string, mentions: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions) {
    const last = out.at(-1);
    if (last && last.kind === m.kind && (m.kind === "pct" || m.kind === "yen") && last.high === undefined && /^\s*(?:to|-|–|~|〜|～)\s*$/.test(sentence.slice(last.end, m.start))) {
      last.end = m.end;
      last.high = (m.sign ?? 1) * m.value;
      continue;
    }
    out.push({ ...m });
  }
  return out;
}
