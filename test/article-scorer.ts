// Scoring the claim checker against hand-labelled real articles (../shared/articles/real/labels.jsonl), as
// issue #8 defines it: recall and precision of the trade claims found, and the accuracy of their verdicts.

import type { CheckedClaim } from "../src/claims/index.js";

/** One labelled number of an article, as `labels.jsonl` writes it (only the fields the score reads). */
export interface LabelledClaim {
  text: string;
  char_start: number;
  char_end: number;
  /** `actual`, `prior_reference`, `revised`, `forecast`, `conversion` (a dollar conversion), `other`. */
  kind: string;
  metric: string;
  value?: number | null;
  unit?: string;
  decimals?: number | null;
  approx?: boolean;
  reference?: { value: number; unit: string };
}

export interface LabelledArticle {
  file: string;
  published: string;
  release_month: string;
  language: string;
  claims: LabelledClaim[];
}

/** Kinds and metrics that are not claims about the trade statistics: dollar conversions, tariffs, GDP … */
export const isTradeClaim = (c: LabelledClaim) => c.kind !== "conversion" && c.kind !== "other" && c.metric !== "other_indicator";

/** What each unit is worth in the label's base units: yen amounts in ¥ billion, the rest as they are. */
const SCALE: Record<string, number> = { JPY_tn: 1000, JPY_bn: 1, JPY_100m: 0.1, JPY_mn: 0.001, USD_bn: 1, pct: 1, months: 1, count: 1 };

/** The numbers a label states: its value, or the ends of a range ("-1.4% to 3.9%"). */
function labelNumbers(c: LabelledClaim): number[] {
  if (typeof c.value === "number") return [Math.abs(c.value)];
  return [...c.text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/** The same number in any unit: equal up to a power of ten (9.71 trillion = 9,710 billion = 97,100 oku). */
export function sameNumber(a: number, b: number): boolean {
  const [x, y] = [Math.abs(a), Math.abs(b)];
  if (x === 0 || y === 0) return x === y;
  const k = Math.round(Math.log10(x / y));
  return Math.abs(x - y * 10 ** k) <= 1e-6 * Math.max(x, y * 10 ** k);
}

const overlaps = (c: CheckedClaim, l: LabelledClaim) => c.start < l.char_end && l.char_start < c.end;
const matchesLabel = (c: CheckedClaim, l: LabelledClaim) => overlaps(c, l) && labelNumbers(l).some((n) => sameNumber(c.value, n));

/** Within the rounding of the printed number, in the reference's unit (an approximate claim gets 2% more room). */
export function withinRoundingOf(l: LabelledClaim): boolean {
  const ref = l.reference!;
  const scale = (SCALE[l.unit ?? ref.unit] ?? 1) / (SCALE[ref.unit] ?? 1);
  const value = (l.value ?? NaN) * scale;
  const half = 0.5 * 10 ** -(l.decimals ?? 0) * scale;
  const slack = l.approx ? Math.abs(ref.value) * 0.02 : 0;
  return Math.abs(value - ref.value) <= half + slack + 1e-9;
}

export interface ArticleScore {
  file: string;
  labelled: number;
  found: number;
  output: number;
  outputMatched: number;
  judged: number;
  right: number;
  misses: string[];
  spurious: string[];
  wrongVerdicts: string[];
}

/**
 * One article: labelled trade claims found by an output claim over their span with the same number; output
 * claims that the checker offers as trade data (any verdict but `not_data`) matching a labelled trade claim;
 * and for found claims with a reference, verdicts right when `supported` exactly where the value is within
 * rounding of the reference.
 */
export function scoreArticle(label: LabelledArticle, claims: CheckedClaim[]): ArticleScore {
  const trade = label.claims.filter(isTradeClaim);
  const offered = claims.filter((c) => c.verdict !== "not_data");
  const score: ArticleScore = { file: label.file, labelled: trade.length, found: 0, output: offered.length, outputMatched: 0, judged: 0, right: 0, misses: [], spurious: [], wrongVerdicts: [] };
  for (const l of trade) {
    const match = offered.find((c) => matchesLabel(c, l));
    if (!match) {
      score.misses.push(l.text);
      continue;
    }
    score.found++;
    if (!l.reference || typeof l.value !== "number") continue;
    score.judged++;
    const shouldSupport = withinRoundingOf(l);
    if ((match.verdict === "supported") === shouldSupport) score.right++;
    else score.wrongVerdicts.push(`"${l.text}": said ${match.verdict} (${match.note || match.matches || "no note"}), the reference ${l.reference.value} ${l.reference.unit} says ${shouldSupport ? "supported" : "not supported"}`);
  }
  for (const c of offered) {
    if (trade.some((l) => matchesLabel(c, l))) score.outputMatched++;
    else score.spurious.push(`"${c.text}" (${c.verdict})`);
  }
  return score;
}

export interface Score {
  recall: number;
  precision: number;
  verdictAccuracy: number;
  articles: ArticleScore[];
}

export function totalScore(articles: ArticleScore[]): Score {
  const sum = (f: (a: ArticleScore) => number) => articles.reduce((n, a) => n + f(a), 0);
  return {
    recall: sum((a) => a.found) / sum((a) => a.labelled),
    precision: sum((a) => a.outputMatched) / Math.max(1, sum((a) => a.output)),
    verdictAccuracy: sum((a) => a.right) / Math.max(1, sum((a) => a.judged)),
    articles,
  };
}
