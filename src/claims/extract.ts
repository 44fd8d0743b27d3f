// Finding the numeric claims of an article by reading its structure: sentences → clauses → for each clause its
// subject (flow × partner × goods, carried over to "those to…", "shipments of…"), its verb of change and its
// figures → claims. A subject a clause does not name comes from the clause it depends on, or from the sentence
// before; where that is a guess, the claim carries the other readings so that verification never contradicts a
// figure on a guess. All words come from lexicon.ts.

import { addMonths } from "../figures/fact.js";
import type { Flow } from "../domain.js";
import { clausesOf, type Clause } from "./clauses.js";
import {
  ANAPHORS, BALANCE_SIGN, CALENDAR_COLUMNS, COMPARATIVES, DIRECTION, EVENT_WORDS, FLOW_WORDS, FORECASTERS, GOODS_ALIASES, JA_GOODS_AS_CAUSE,
  JA_SHORT_PARTNERS, KIND_CUES, KNOWN_SOURCES, ROLE_FLOWS, LOW_EXTREMES, MEASURE_CUES, PARTNER_NAMES, PARTNER_ROLES, RATE_LEVEL, SIGN_EVENT_WORDS, WORLD_WORDS,
} from "./lexicon.js";
import { joinRanges, readMentions, type Mention } from "./numbers.js";
import { monthNumber, normalizeText, paragraphs, sentences, type TextSpan } from "./text.js";

export type ClaimKind = "data" | "forecast" | "prior" | "other";
export type ClaimMetric =
  | "level" | "yoy_pct" | "mom_pct" | "sa_mom_pct" | "balance" | "balance_sa" | "balance_yoy_pct" | "share_pct" | "contribution_pp"
  | "unit_value_yoy_pct" | "volume_yoy_pct" | "ytd" | "ytd_yoy_pct"
  | "streak" | "first_since" | "highest_since" | "lowest_since" | "balance_change_streak" | "balance_change_first_since"
  | "volume_streak" | "volume_first_since" | "attribution" | "conversion" | "";

export type ClaimFlow = Flow | "balance" | "";

/** Another way to read a claim's subject (or its period), when the text does not settle it. */
export interface Reading {
  flow: ClaimFlow;
  partner: string;
  commodity: string;
  period?: string;
}

export interface ExtractedClaim {
  start: number;
  end: number;
  text: string;
  kind: ClaimKind;
  metric: ClaimMetric;
  flow: ClaimFlow;
  partner: string;
  commodity: string;
  /** `YYYY-MM`, or `YYYY` for a calendar year; empty when the text names a period boeki does not compute. */
  period: string;
  /** As printed, with the sign the words give it (`fell 4.1%` → −4.1), in `unit`. */
  value: number;
  unit: "pct" | "pp" | "JPY_billion" | "USD_billion" | "months" | "";
  /** Decimals printed: the rounding interval is ± half a unit of the last one. */
  decimals: number;
  /** For "the first increase since March": the month named. */
  since?: string;
  /** What a streak or turning point is of. */
  sign?: "rise" | "fall" | "surplus" | "deficit";
  /** "about", "nearly", およそ. */
  approx?: boolean;
  /** The other end of a range ("-1.4% to 3.9%"). */
  high?: number;
  /** Who made a forecast, as named ("a Reuters poll") or inferred from the article's own byline. */
  forecaster?: { key: string; name: string; inferred: boolean };
  /** The subject was carried over from elsewhere: these are the other readings to try. */
  readings?: Reading[];
  /** The words say the change is in value ("in value terms", 金額): not a change in volume. */
  valueSaid?: boolean;
  /** "the 1.3% first reported": the figure as the first release printed it, judged on that release. */
  firstPrinted?: boolean;
  /** "a revised ¥226.07 billion deficit": a revision, which may come with a release after the article's day. */
  revised?: boolean;
  note?: string;
}

export interface ExtractOptions {
  /** `YYYY-MM-DD` the article was published: month names resolve to the latest such month before it. */
  date: string;
  /** The latest month with data on that day, when the store knows it: the story's month when the text names none. */
  latest?: string | null;
}

// ——— Months and periods ————————————————————————————————————————————————————————————————————————————————

const MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?(?![a-z])";
/** A month named as a period ("in November", "October's", "November 2024", "11月"); "December 17" is a date, not one. */
const MONTH_WORD = new RegExp(`\\b(?<name>${MONTH_NAMES})(?:'s|’s)?(?:,? (?<year>(?:19|20)\\d\\d))?(?![ .]*\\d{1,2}\\b(?!\\d))|(?<![\\d年])(?<ja>\\d{1,2})月(?!\\d{1,2}日)|(?<jy>(?:19|20)\\d\\d)年(?<jm>\\d{1,2})月(?!\\d{1,2}日)`, "g");
const YEAR_WORD = /\b(?:in|for|of|during) (?<year>(?:19|20)\d\d)\b(?![-–/]\d)|(?<jy>(?:19|20)\d\d)年(?![度\d]|\d{1,2}月)/g;
const RELATIVE_MONTH = /\blast month\b|\bthe previous month\b|\bthe month before\b|前月/i;
const FORECAST_COMPARED = /\b(?:miss(?:ed|es|ing)?|beat(?:s|ing)?|top(?:ped|s|ping)?|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|fell short of|falling short of|came in (?:above|below)|in line with|weaker than|stronger than|(?:less|more|lower|higher|better|worse) than)\s+(?:the\s+|a\s+)?(?:median\s+)?(?:market\s+)?(?:economists'\s+)?(?:expectations?|forecasts?|estimates?|consensus)\b|予想を(?:上回|下回)/i;
const YEAR_EARLIER = /\ba year (?:earlier|ago|before)\b|\byear[- ](?:before|earlier|ago)\b|\bsame (?:month|period) (?:of |in )?(?:the )?(?:previous|last|prior) year\b|\bsame period last year\b|\blast year's\b|\bprevious year\b|前年同月(?!比)|前年の/i;

/** The latest `month` (1–12) before the article's month: "November" on 2025-12-17 is 2025-11, "December" is 2024-12. */
export function monthBefore(month: number, date: string, year?: number): string {
  if (year) return `${year}-${String(month).padStart(2, "0")}`;
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return `${month < m ? y : y - 1}-${String(month).padStart(2, "0")}`;
}

function monthsIn(text: string, date: string): Array<{ at: number; period: string }> {
  const found: Array<{ at: number; period: string }> = [];
  for (const m of text.matchAll(MONTH_WORD)) {
    const g = m.groups!;
    if (/\bsince (?:last )?$/i.test(text.slice(Math.max(0, m.index! - 11), m.index!))) continue; // "the first rise since March": not the figure's month
    if (g.name) {
      const n = monthNumber(g.name.replace(/\.$/, ""));
      if (n) found.push({ at: m.index!, period: monthBefore(n, date, g.year ? Number(g.year) : undefined) });
    } else if (g.ja && Number(g.ja) >= 1 && Number(g.ja) <= 12) {
      found.push({ at: m.index!, period: monthBefore(Number(g.ja), date) });
    } else if (g.jy && Number(g.jm) >= 1 && Number(g.jm) <= 12) {
      found.push({ at: m.index!, period: `${g.jy}-${String(Number(g.jm)).padStart(2, "0")}` });
    }
  }
  return found;
}

// ——— Subjects ———————————————————————————————————————————————————————————————————————————————————————

const PARTNER_ALTERNATIVES = PARTNER_NAMES.map(([source]) => `(?:${source})`).join("|");
/** Every partner name, Japanese 対 + one character included: a name is a partner when a role stands around it. */
const PARTNER_NAME = new RegExp(`${PARTNER_ALTERNATIVES}|(?<=対)[${Object.keys(JA_SHORT_PARTNERS).join("")}]`, "gi");
const SECOND_PARTNER = new RegExp(`^,? and (?:the )?(${PARTNER_ALTERNATIVES})`, "i");
const PARTNER_PATTERNS = PARTNER_NAMES.map(([source, code]) => [new RegExp(`^(?:${source})$`, "i"), code] as const);

/** The partner a name means: the code of the first name pattern that reads all of it. */
function partnerCode(name: string): string | undefined {
  if (JA_SHORT_PARTNERS[name]) return JA_SHORT_PARTNERS[name];
  for (const [pattern, code] of PARTNER_PATTERNS) if (pattern.test(name)) return code;
  return undefined;
}

interface Found<T> {
  at: number;
  end: number;
  value: T;
}

/** Partners named in a trade role, each with the flow its role says (exports to, imports from, 向け, から). */
function partnersIn(text: string): Array<Found<string> & { flow?: Flow }> {
  const found: Array<Found<string> & { flow?: Flow }> = [];
  for (const m of text.matchAll(PARTNER_NAME)) {
    const code = partnerCode(m[0]);
    if (!code) continue;
    const [at, end] = [m.index!, m.index! + m[0].length];
    const before = text.slice(Math.max(0, at - 90), at);
    const after = text.slice(end, end + 60);
    const role = PARTNER_ROLES.find((r) => (!r.before || r.before.test(before)) && (!r.after || r.after.test(after)));
    if (!role) continue;
    const flow = role.flow ?? ROLE_FLOWS.find(([pattern]) => pattern.test(before))?.[1];
    // The role starts where its words do ("exports to …", "a surplus of ¥739.8 billion with …").
    found.push({ at: role.before ? at - before.length + before.search(role.before) : at, end, value: code, ...(flow ? { flow } : {}) });
    // "to both Europe and Asia": the second partner of the same role.
    const both = SECOND_PARTNER.exec(after);
    const second = both ? partnerCode(both[1]!) : undefined;
    if (second) found.push({ at: end, end: end + both![0].length, value: second, ...(flow ? { flow } : {}) });
  }
  return found;
}

/** Each lexicon pattern compiled once with the `g` flag, for matchAll. */
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let global = globals.get(pattern);
  if (!global) globals.set(pattern, (global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g")));
  return global;
}

function matchesIn<T>(text: string, patterns: ReadonlyArray<readonly [RegExp, T]>): Array<Found<T>> {
  const found: Array<Found<T>> = [];
  for (const [pattern, value] of patterns) {
    for (const m of text.matchAll(globalOf(pattern))) found.push({ at: m.index!, end: m.index! + m[0].length, value });
  }
  // Of two found at one place, the longer ("semiconductor equipment" over "semiconductor").
  found.sort((a, b) => a.at - b.at || b.end - a.end);
  return found.filter((f, i) => i === 0 || !(found[i - 1]!.at <= f.at && f.end <= found[i - 1]!.end));
}

/** The found item nearest before `at` or spanning it, else the first after it. `found` is sorted by start. */
function nearest<T>(found: ReadonlyArray<Found<T>>, at: number): Found<T> | undefined {
  let lo = 0;
  let hi = found.length; // first index whose item starts at or after `at`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (found[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  // The last starting before the place: wholly before it, or spanning it ("a surplus of ¥739.8 billion with the U.S."
  // holds its amount); else the first after it.
  return found[lo - 1] ?? found[lo];
}

const FLOW_PATTERNS = (["balance", "export", "import"] as const).map((flow) => [FLOW_WORDS[flow], flow] as const);

/** What a clause says of itself, before anything is inherited. */
interface ClauseFrame {
  flows: Array<Found<Flow | "balance">>;
  partners: Array<Found<string> & { flow?: Flow }>;
  world: boolean;
  goods: Record<Flow, Array<Found<string>>>;
  balanceSigns: Array<Found<1 | -1>>;
  anaphor: boolean;
  months: Array<{ at: number; period: string }>;
  years: Array<{ at: number; year: string }>;
  text: string;
  other: boolean;
  conversion: boolean;
  forecast: boolean;
  /** Where the clause's forecast words stand ("expected", "poll"): a number is a forecast when one stands beside it. */
  forecastCues: Array<Found<true>>;
  /** "missed expectations", "beat forecasts": the clause compares an actual figure with a forecast. */
  forecastCompared: boolean;
  prior: boolean;
  revised: boolean;
  yearEarlier: boolean;
  relativeMonth: boolean;
  sa: boolean;
  annual: boolean;
  ytd: boolean;
  mom: boolean;
  share: boolean;
  yoy: boolean;
  price: boolean;
  volume: boolean;
  value: boolean;
  /** Where the first "for the full year" and "seasonally adjusted" stand: they frame the rest of a sentence. */
  annualAt: number;
  saAt: number;
  unsupportedPeriod: string;
  balanceSign: 1 | -1 | 0;
}

function readClause(text: string, date: string): ClauseFrame {
  const balanceSigns = matchesIn(text, BALANCE_SIGN);
  const balanceSign = balanceSigns.at(-1)?.value ?? 0;
  const years: Array<{ at: number; year: string }> = [];
  for (const m of text.matchAll(YEAR_WORD)) years.push({ at: m.index!, year: m.groups!.year ?? m.groups!.jy! });
  return {
    flows: matchesIn(text, FLOW_PATTERNS),
    partners: partnersIn(text),
    world: WORLD_WORDS.test(text),
    goods: { export: goodsIn(text, "export"), import: goodsIn(text, "import") },
    balanceSigns,
    anaphor: ANAPHORS.test(text),
    months: monthsIn(text, date),
    years,
    text,
    other: KIND_CUES.other.test(text),
    conversion: KIND_CUES.conversion.test(text),
    forecast: KIND_CUES.forecast.test(text),
    forecastCues: matchesIn(text, [[KIND_CUES.forecast, true] as const]),
    forecastCompared: FORECAST_COMPARED.test(text),
    prior: /\bprior\b|\bprevious(?:ly)?\b|\bpreceding\b/i.test(text),
    revised: KIND_CUES.revised.test(text),
    yearEarlier: YEAR_EARLIER.test(text),
    relativeMonth: RELATIVE_MONTH.test(text),
    sa: MEASURE_CUES.seasonallyAdjusted.test(text),
    annual: MEASURE_CUES.annual.test(text),
    ytd: MEASURE_CUES.yearToDate.test(text),
    mom: MEASURE_CUES.mom.test(text),
    share: MEASURE_CUES.share.test(text),
    yoy: MEASURE_CUES.yoy.test(text),
    price: MEASURE_CUES.price.test(text),
    volume: MEASURE_CUES.volume.test(text),
    value: MEASURE_CUES.value.test(text),
    annualAt: text.search(MEASURE_CUES.annual),
    saAt: text.search(MEASURE_CUES.seasonallyAdjusted),
    unsupportedPeriod: MEASURE_CUES.fiscalYear.test(text) ? "a fiscal year" : MEASURE_CUES.half.test(text) ? "a half year" : MEASURE_CUES.quarter.test(text) ? "a quarter" : "",
    balanceSign,
  };
}

/** The subject a clause ends up with: its own words, then what it inherits. */
interface Subject {
  flow: ClaimFlow;
  partner: string;
  commodity: string;
  /** Where the partner came from: the clause, the sentence, or carried from an earlier sentence (a guess). */
  partnerFrom: "clause" | "sentence" | "carried" | "default";
  period: string;
  /** The period came from a month or year named, not from the story's month. */
  periodNamed: boolean;
  annual: boolean;
  sa: boolean;
  other: boolean;
  /** The clause held a figure that is not trade data (a tariff, GDP): what continues it is not either. */
  otherTopic: boolean;
  /** The clause is a forecast ("exports are expected to rise"): what continues it is one too. */
  forecast: boolean;
  /** The clause continues a forecast: its figures are forecasts. */
  forecastInherited: boolean;
  balanceSign: 1 | -1 | 0;
}

function goodsOf(text: string, flow: ClaimFlow, at: number): string | undefined {
  const aliases = GOODS_ALIASES[flow === "import" ? "import" : "export"];
  return nearest(matchesIn(text, aliases), at)?.value;
}

/** Goods named in a text as a subject: not those a Japanese clause names as the cause (半導体などが好調で). */
function goodsIn(text: string, flow: Flow): Array<Found<string>> {
  return matchesIn(text, GOODS_ALIASES[flow]).filter((f) => !JA_GOODS_AS_CAUSE.test(text.slice(f.end, f.end + 16)));
}

/** The goods a clause names for a figure at `at` (before `limit`), in the words of its flow. */
function clauseGoods(frame: ClauseFrame, flow: ClaimFlow, at: number, limit: number): string | undefined {
  const found = nearest(frame.goods[flow === "import" ? "import" : "export"], at);
  return found && found.at < limit ? found.value : undefined;
}

// ——— Numbers: sign, metric, kind ————————————————————————————————————————————————————————————————————————

/** Which way the words say a change went: a Japanese 増/減 right after it, else the nearest direction before, else after. */
function directionOf(clause: string, mention: Mention, windowStart: number, nextStart: number): 1 | -1 | 0 {
  const after = clause.slice(mention.end, Math.min(nextStart, mention.end + 30));
  const jaAfter = /^\s*(?:の)?(増|減|伸び|拡大|縮小|上昇|低下|プラス|マイナス)/.exec(after);
  if (jaAfter) return /減|縮小|低下|マイナス/.test(jaAfter[1]!) ? -1 : 1;
  const before = clause.slice(windowStart, mention.start).replace(COMPARATIVES, (m) => " ".repeat(m.length));
  if (RATE_LEVEL.test(before)) return 1;
  const down = lastIndex(before, DIRECTION.down);
  const up = lastIndex(before, DIRECTION.up);
  if (down >= 0 || up >= 0) return down > up ? -1 : 1;
  const afterDown = firstIndex(after, DIRECTION.down);
  const afterUp = firstIndex(after, DIRECTION.up);
  if (afterDown >= 0 || afterUp >= 0) return afterUp < 0 || (afterDown >= 0 && afterDown < afterUp) ? -1 : 1;
  return 0;
}

function lastIndex(text: string, pattern: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(globalOf(pattern))) at = m.index!;
  return at;
}
const firstIndex = (text: string, pattern: RegExp) => text.search(pattern);

/** What a streak or turning point is of, from its own words, else the words before it in the clause. */
function eventOf(event: string, before: string, after: string): "rise" | "fall" | "surplus" | "deficit" | "widen" | "narrow" | undefined {
  for (const text of [event, after.slice(0, 24), before.slice(-60)]) {
    let best: { at: number; value: ReturnType<typeof eventOf> } | undefined;
    for (const [pattern, value] of EVENT_WORDS) {
      const at = text === before.slice(-60) ? lastIndex(text, pattern) : firstIndex(text, pattern);
      if (at < 0) continue;
      if (!best || (text === before.slice(-60) ? at > best.at : at < best.at)) best = { at, value };
    }
    if (best) return best.value;
  }
  return undefined;
}

// ——— The article ————————————————————————————————————————————————————————————————————————————————————

/** A calendar table pasted from a web page: "ConsensusConsensus RangePrevious", then "Balance¥47.60B¥-17.00B to ¥128.30B¥-231.77B". */
function calendarTables(text: string): Array<{ start: number; end: number; columns: Array<(typeof CALENDAR_COLUMNS)[number][1]>; rows: TextSpan[] }> {
  const tables: Array<{ start: number; end: number; columns: Array<(typeof CALENDAR_COLUMNS)[number][1]>; rows: TextSpan[] }> = [];
  const lines = [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0] }));
  for (let i = 0; i < lines.length; i++) {
    let rest = lines[i]!.text.trim();
    const columns: Array<(typeof CALENDAR_COLUMNS)[number][1]> = [];
    while (rest) {
      const hit = CALENDAR_COLUMNS.find(([pattern]) => pattern.test(rest));
      if (!hit) break;
      columns.push(hit[1]);
      rest = rest.replace(hit[0], "").replace(/^[\s|\t]+/, "");
    }
    if (rest || columns.length < 2) continue;
    const rows: TextSpan[] = [];
    for (let j = i + 1; j < lines.length && /\d/.test(lines[j]!.text) && lines[j]!.text.length < 120; j++) rows.push(lines[j]!);
    if (rows.length) tables.push({ start: lines[i]!.start, end: rows.at(-1)!.end, columns, rows });
    i += rows.length;
  }
  return tables;
}

const CALENDAR_ROWS: Array<[RegExp, ClaimFlow, ClaimMetric]> = [
  [/adjusted (?:trade )?balance|balance.*\bSA\b/i, "balance", "balance_sa"],
  [/balance/i, "balance", "balance"],
  [/imports?.*(?:y\/y|yoy|year)/i, "import", "yoy_pct"],
  [/exports?.*(?:y\/y|yoy|year)/i, "export", "yoy_pct"],
  [/imports?/i, "import", "level"],
  [/exports?/i, "export", "level"],
];

/** The story's month: the month named in the first sentence that names one beside a trade word; else the latest data. */
function storyMonth(spans: TextSpan[], options: ExtractOptions): string {
  return namedStoryMonth(spans, options.date) ?? options.latest ?? addMonths(options.date.slice(0, 7), -1);
}

/**
 * The month an article names as its story's, or null when it names none (the caller then asks the store for the
 * latest month it held on the article's day).
 */
export function storyMonthOf(text: string, date: string): string | null {
  return namedStoryMonth(sentences(normalizeText(text)), date);
}

function namedStoryMonth(spans: TextSpan[], date: string): string | null {
  for (const s of spans) {
    if (!/\bexports?\b|\bimports?\b|\btrade\b|\bshipments\b|貿易|輸出|輸入/i.test(s.text)) continue;
    // A month named for comparison ("up from October's 3.6%") is not the story's.
    const named = monthsIn(s.text, date).filter((m) => !COMPARED_MONTH.test(s.text.slice(Math.max(0, m.at - 28), m.at)));
    if (named.length) return named.reduce((a, b) => (b.period > a.period ? b : a)).period;
  }
  return null;
}

const COMPARED_MONTH = /\b(?:from|than|following|after|versus|vs\.?|compared (?:with|to)|against|since|over|prior|previous)\b[^.;]*$/i;

/** The outlet of an article that runs its own poll, from its dateline or byline: "TOKYO (Reuters)". */
function outletOf(text: string): { key: string; name: string } | undefined {
  const head = text.slice(0, 600);
  const dateline = /\((Reuters|Bloomberg|Kyodo|Jiji Press)\)|\bBy [^\n]{0,60}\b(Reuters|Bloomberg)\b|^(Reuters|Bloomberg)\b/m.exec(head);
  const name = dateline?.slice(1).find(Boolean);
  if (!name) return undefined;
  const key = FORECASTERS.find(([pattern]) => pattern.test(name))?.[1];
  return key ? { key, name: `${name} poll` } : undefined;
}

function forecasterOf(clause: string, sentence: string, outlet: { key: string; name: string } | undefined): ExtractedClaim["forecaster"] {
  // A dateline's "(Reuters)" names who wrote the story, not who forecast the figure.
  for (const text of [clause, sentence].map((t) => t.replace(/\((?:Reuters|Bloomberg|Kyodo|Jiji Press|AP|AFP)\)/g, (m) => " ".repeat(m.length)))) {
    for (const [pattern, key] of FORECASTERS) {
      const m = pattern.exec(text);
      if (m) {
        const poll = new RegExp(`(?:(?:a|the) )?(?:${pattern.source})(?:'s)?(?: (?:poll|survey|consensus|median|estimate))?|(?:economists |analysts )?(?:polled|surveyed) by ${pattern.source}`, "i").exec(text);
        return { key, name: (poll?.[0] ?? m[0]).trim(), inferred: false };
      }
    }
  }
  return outlet ? { ...outlet, inferred: true } : undefined;
}

/**
 * Every numeric claim of an article, in order, with offsets into `text`. Linear in the text: each sentence is
 * read clause by clause, each clause once, and each number looks only inside its clause.
 */
export function extractClaims(text: string, options: ExtractOptions): ExtractedClaim[] {
  const normalized = normalizeText(text);
  const claims: ExtractedClaim[] = [];
  const tables = calendarTables(normalized);
  const inTable = (at: number) => tables.some((t) => t.start <= at && at < t.end);
  const spans = sentences(normalized).filter((s) => !inTable(s.start));
  const story = storyMonth(spans, options);
  const outlet = outletOf(normalized);
  const original = (start: number, end: number) => text.slice(start, end);

  for (const table of tables) {
    for (const row of table.rows) {
      const label = CALENDAR_ROWS.find(([pattern]) => pattern.test(row.text.replace(/[¥$\d].*$/, "")));
      if (!label) continue;
      const mentions = joinRanges(row.text, readMentions(row.text)).filter((m) => m.kind === "pct" || m.kind === "yen");
      mentions.forEach((m, i) => {
        const column = table.columns[i];
        if (!column) return;
        const [, flow, metric] = label;
        const value = (m.sign ?? 1) * m.value;
        const period = column === "previous" || column === "revised" ? addMonths(story, -1) : story;
        const kind: ClaimKind = column === "forecast" || column === "range" ? "forecast" : column === "actual" ? "data" : "prior";
        claims.push({
          start: row.start + m.start, end: row.start + m.end, text: original(row.start + m.start, row.start + m.end), kind, metric: m.kind === "pct" ? (flow === "balance" ? "balance_yoy_pct" : metric === "level" ? "yoy_pct" : metric) : metric,
          flow, partner: "world", commodity: "total", period, value, unit: m.kind === "pct" ? "pct" : "JPY_billion", decimals: m.decimals,
          ...(m.high !== undefined ? { high: m.high } : {}),
          note: `a calendar table's ${column === "range" ? "range of forecasts" : column} column`,
        });
      });
    }
  }

  let carried: (Subject & { paragraph: number; namedNothing: boolean; topicOther: boolean }) | undefined;
  const paragraphOf = paragraphs(normalized);
  for (const s of spans) {
    for (const [pattern, note] of KNOWN_SOURCES) {
      const m = pattern.exec(s.text);
      if (m) {
        claims.push({ start: s.start + m.index, end: s.start + m.index + m[0].length, text: m[0], kind: "other", metric: "attribution", flow: "", partner: "", commodity: "", period: "", value: 0, unit: "", decimals: 0, note });
        break;
      }
    }
    const mentions = joinRanges(s.text, readMentions(s.text));
    const paragraph = paragraphOf(s.start);
    if (carried && carried.paragraph !== paragraph) carried = { ...carried, partner: "world", partnerFrom: "default", commodity: "total", paragraph, topicOther: false };
    const clauses = clausesOf(s.text, mentions);
    const sentenceFrame = readClause(s.text, options.date);
    const sentenceNamesTrade = sentenceFrame.flows.length > 0 || sentenceFrame.partners.length > 0 || !!goodsOf(s.text, "export", 0) || !!goodsOf(s.text, "import", 0);
    const sentenceNamesGoods = !!goodsOf(s.text, sentenceFrame.flows[0]?.value === "import" ? "import" : "export", 0);
    const startsWithAnaphor = ANAPHORS.test(s.text) || /^(?:Those|That|These|It|They|The figure)\b/.test(s.text);
    const namesNothing = sentenceFrame.flows.length === 0 && sentenceFrame.partners.length === 0 && !sentenceNamesGoods && !sentenceFrame.world;

    // The frame a sentence starts from: carried over when it names too little to stand alone.
    const base: Subject = {
      flow: sentenceFrame.flows.length ? "" : carried?.flow ?? "",
      partner: "world", partnerFrom: "default", commodity: "total", period: story, periodNamed: false, annual: false, sa: false, other: false, otherTopic: false, forecast: false, forecastInherited: false, balanceSign: 0,
    };
    if (carried && !sentenceFrame.world && sentenceFrame.partners.length === 0 && carried.partner !== "world") {
      if (namesNothing || startsWithAnaphor) Object.assign(base, { partner: carried.partner, partnerFrom: "sentence", commodity: namesNothing ? carried.commodity : "total" });
      else if (sentenceNamesGoods && !sentenceFrame.flows.some((f) => f.value === "balance")) Object.assign(base, { partner: carried.partner, partnerFrom: "carried" });
    }
    if (carried && namesNothing) Object.assign(base, { flow: carried.flow, commodity: carried.commodity, balanceSign: carried.balanceSign });
    const topicOther = !!carried?.topicOther && !sentenceNamesTrade;

    let governing: Subject = base;
    let previous: Subject = base;
    let sentenceOther = false;
    let sentenceTrade = false;
    let mentionIndex = 0;
    for (const clause of clauses) {
      const clauseText = s.text.slice(clause.start, clause.end);
      const own = readClause(clauseText, options.date);
      const from = clause.role === "relative" || clause.role === "aside" ? previous : governing;
      const subject = inherit(own, from, clause, sentenceFrame, story);
      if (topicOther && own.flows.length === 0) subject.other = true;
      const inClause: Mention[] = [];
      while (mentionIndex < mentions.length && mentions[mentionIndex]!.start < clause.end) {
        if (mentions[mentionIndex]!.start >= clause.start) inClause.push(mentions[mentionIndex]!);
        mentionIndex++;
      }
      inClause.forEach((mention, i) => {
        const local: Mention = { ...mention, start: mention.start - clause.start, end: mention.end - clause.start };
        const windowStart = i === 0 ? openerEnd(clauseText) : inClause[i - 1]!.end - clause.start;
        const nextStart = inClause[i + 1] ? inClause[i + 1]!.start - clause.start : clauseText.length;
        const atTextEnd = s.start + clause.end >= normalized.trimEnd().length;
        const claim = claimOf(local, clauseText, windowStart, nextStart, own, subject, clause, { story, date: options.date, sentence: s.text, outlet, atTextEnd });
        if (!claim) return;
        claim.start += s.start + clause.start;
        claim.end += s.start + clause.start;
        claim.text = original(claim.start, claim.end);
        if (claim.kind !== "other") sentenceTrade = true;
        else if (claim.metric !== "conversion") {
          sentenceOther = true;
          subject.otherTopic = true;
        }
        claims.push(claim);
      });
      previous = subject;
      if (clause.role === "main" || clause.role === "with") governing = subject;
      // "Prior (Oct) balance revised to …": a month in an aside with no figure of its own dates the clause it sits in.
      else if (clause.role === "aside" && inClause.length === 0 && own.months.length) governing = { ...governing, period: own.months.at(-1)!.period, periodNamed: true };
    }
    carried = { ...governing, paragraph, namedNothing: namesNothing, topicOther: (sentenceOther && !sentenceTrade) || topicOther };
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** Where the words after a clause's opener begin ("down from", "compared with"): direction words there are not the change's. */
function openerEnd(clause: string): number {
  const m = /^\W*(?:and |or )?(?:down from|up from|compared (?:with|to)|lower than|higher than|less than|more than|following|after|against|versus|vs\.?|from)\b/i.exec(clause);
  return m ? m[0].length : 0;
}

function inherit(own: ClauseFrame, from: Subject, clause: Clause, sentenceFrame: ClauseFrame, story: string): Subject {
  const subject: Subject = { ...from };
  // A flow word, else a role that says the flow ("アジア向け", "U.S.-bound").
  const flow = own.flows.length ? own.flows.at(-1)!.value : own.partners.at(-1)?.flow;
  if (flow) subject.flow = flow;
  const ownPartner = own.partners.at(-1);
  if (ownPartner) Object.assign(subject, { partner: ownPartner.value, partnerFrom: "clause" });
  else if (own.world && !/^\W*(?:the )?world\b/i.test(own.text)) Object.assign(subject, { partner: "world", partnerFrom: "clause" });
  // "Exports to China rose 5.8%, and the trade deficit was ¥234.6 billion": another flow in its own clause may or
  // may not be the same partner's; both readings are tried.
  else if (flow && from.flow && flow !== from.flow && from.partner !== "world" && !own.anaphor && clause.role !== "continuation" && clause.role !== "aside") subject.partnerFrom = "carried";
  // Goods: inherited by clauses that continue their subject, by "those …", or by a clause that names no flow of its own.
  const continues = clause.role !== "main" && clause.role !== "with" && clause.role !== "cause";
  if (!(continues || own.anaphor || !flow || flow === from.flow)) subject.commodity = "total";
  const goods = own.goods[subject.flow === "import" ? "import" : "export"].at(-1);
  if (goods) subject.commodity = goods.value;
  if (!subject.flow) {
    // No flow named or inherited: goods traded one way only say which ("crude oil" is imported).
    const [exports, imports] = [own.goods.export.length > 0, own.goods.import.length > 0];
    if (exports !== imports) Object.assign(subject, { flow: imports ? "import" : "export", commodity: (imports ? own.goods.import : own.goods.export).at(-1)!.value });
  }
  if (subject.flow === "balance") subject.commodity = "total";
  if (own.balanceSign) subject.balanceSign = own.balanceSign;
  else if (flow && flow !== "balance") subject.balanceSign = 0;
  // Period: a month named in the clause, else the governing one.
  if (own.months.length) Object.assign(subject, { period: own.months.at(-1)!.period, periodNamed: true, annual: false });
  if (own.annual || (sentenceFrame.annualAt >= 0 && sentenceFrame.annualAt < clause.start && !own.months.length)) Object.assign(subject, { annual: true, period: story.slice(0, 4), periodNamed: true });
  if (own.years.length && !own.months.length && !/\bsince\b/i.test(own.text)) Object.assign(subject, { annual: true, period: own.years.at(-1)!.year, periodNamed: true });
  subject.sa = own.sa || from.sa || (sentenceFrame.saAt >= 0 && sentenceFrame.saAt < clause.start);
  // Not trade data: a clause about tariffs, GDP or markets that names no flow, or one continuing such a clause.
  subject.other = (own.other && !own.flows.length) || (!own.flows.length && continues && from.otherTopic) || (!subject.flow && sentenceFrame.other);
  subject.otherTopic = false;
  // A clause continuing a forecast is one ("…expected to rise, marking the third month"); one continuing "exports
  // missed expectations, rising 3.9%" is not.
  subject.forecastInherited = continues && clause.role !== "comparison" && from.forecast;
  subject.forecast = (own.forecast && !own.forecastCompared) || subject.forecastInherited;
  if (clause.role === "aside" && own.prior) Object.assign(subject, { period: subject.annual ? String(Number(subject.period) - 1) : addMonths(subject.period, -1), periodNamed: true });
  return subject;
}

interface Context {
  story: string;
  date: string;
  sentence: string;
  outlet: { key: string; name: string } | undefined;
  /** The clause runs to the end of the text: a page cut off mid-word ("… shipments in 202"). */
  atTextEnd: boolean;
}

function claimOf(mention: Mention, clause: string, windowStart: number, nextStart: number, own: ClauseFrame, subject: Subject, role: Clause, ctx: Context): ExtractedClaim | null {
  const words = clause.slice(mention.start, mention.end);
  const base = { start: mention.start, end: mention.end, text: words, decimals: mention.decimals, ...(mention.approx ? { approx: true } : {}) };
  if (mention.kind === "usd" || (own.conversion && role.role === "aside" && mention.kind !== "sequence" && /\$|dollar|ドル/i.test(clause))) {
    return { ...base, kind: "other", metric: "conversion", flow: "", partner: "", commodity: "", period: "", value: mention.value, unit: "USD_billion", note: "a dollar conversion of a yen figure, not a figure of the statistics" };
  }
  // A tariff, a tax or GDP right beside the number ("tariffs of 25% on auto imports", "a 15% tax on goods imported").
  const nearOther = mention.kind !== "sequence" && KIND_CUES.other.test(clause.slice(Math.max(0, mention.start - 40), Math.min(clause.length, mention.end + 12)));
  if (subject.other || nearOther) {
    const otherSign = mention.kind === "pct" || mention.kind === "pp" ? mention.sign ?? (directionOf(clause, mention, windowStart, nextStart) || 1) : mention.sign ?? 1;
    return { ...base, kind: "other", metric: "", flow: "", partner: "", commodity: "", period: "", value: otherSign * mention.value, unit: mention.kind === "yen" ? "JPY_billion" : mention.kind === "sequence" ? "months" : mention.kind === "pp" ? "pp" : "pct", note: "not a trade statistic (tariffs, GDP, prices, markets …)" };
  }
  let flow: ClaimFlow = subject.flow;
  // A figure's own flow word nearest it in the clause wins ("the 0.2% mom rise in exports").
  const nearestFlow = nearest(own.flows, mention.start);
  if (nearestFlow) flow = nearestFlow.value;
  let period = subject.period;
  const monthHere = nearestMonth(own.months, mention, nextStart);
  if (monthHere) period = monthHere;
  const after = clause.slice(mention.end, nextStart);
  const sign = mention.sign ?? directionOf(clause, mention, windowStart, nextStart);
  let metric: ClaimMetric;
  let value = mention.value;
  let unit: ExtractedClaim["unit"];
  let extra: Partial<ExtractedClaim> = {};

  if (mention.kind === "sequence") {
    const seq = mention.sequence!;
    let event = eventOf(seq.event, clause.slice(Math.max(0, mention.start - 80), mention.start), clause.slice(mention.end, mention.end + 40));
    // "Positive" and "negative" are a balance's sign only when the subject is a balance ("the balance turned positive").
    const signWords = SIGN_EVENT_WORDS.test(`${seq.event} ${clause.slice(Math.max(0, mention.start - 30), mention.start)}`);
    if ((event === "surplus" || event === "deficit") && flow !== "balance" && !signWords) event = event === "surplus" ? "rise" : "fall";
    const balanceEvent = event === "surplus" || event === "deficit";
    if (balanceEvent) flow = "balance";
    const volume = own.volume && flow !== "balance";
    const months = seq.unit === "years" ? seq.count * 12 : seq.count;
    if (seq.kind === "streak") {
      metric = flow === "balance" && !balanceEvent && event ? "balance_change_streak" : volume ? "volume_streak" : "streak";
      value = months;
    } else if (seq.kind === "first") {
      metric = flow === "balance" && !balanceEvent && event ? "balance_change_first_since" : volume ? "volume_first_since" : "first_since";
      const since = seq.since ? monthBefore(seq.since.month, `${period}-28`, seq.since.year) : addMonths(period, -months);
      value = (Number(period.slice(0, 4)) - Number(since.slice(0, 4))) * 12 + Number(period.slice(5, 7)) - Number(since.slice(5, 7));
      extra.since = since;
    } else {
      const low = LOW_EXTREMES.test(seq.event) || (/sharpest|steepest|biggest|largest/i.test(seq.event) && DIRECTION.down.test(seq.event));
      metric = low ? "lowest_since" : "highest_since";
      value = months;
    }
    if (event) {
      const balanceLike = subject.balanceSign || own.balanceSign;
      extra.sign = event === "widen" ? (balanceLike < 0 ? "fall" : "rise") : event === "narrow" ? (balanceLike < 0 ? "rise" : "fall") : event;
      if (/黒字幅|赤字幅/.test(seq.event)) extra.sign = (/赤字幅/.test(seq.event) ? -1 : 1) * (event === "narrow" ? -1 : 1) > 0 ? "rise" : "fall";
    }
    unit = "months";
    if (subject.annual) period = ctx.story;
  } else if (mention.kind === "yen") {
    const balance = flow === "balance";
    metric = balance ? (subject.sa ? "balance_sa" : "balance") : own.ytd ? "ytd" : "level";
    const deficit = mention.sign === -1 || (balance && (nearest(own.balanceSigns, mention.start)?.value ?? subject.balanceSign) < 0);
    value = (balance && deficit ? -1 : 1) * mention.value;
    if (!balance && mention.sign === -1) value = -mention.value; // a negative level is a misprint: keep it as printed
    unit = "JPY_billion";
    // "the year-before deficit of ¥813.9 billion", "down from ¥499.95 billion a year earlier": the amount a year before.
    if (yearEarlierOf(clause, mention) && !monthHere) period = subject.annual ? String(Number(period) - 1) : addMonths(period, -12);
    else if (own.relativeMonth && !monthHere && role.role !== "main") period = addMonths(period, -1);
  } else {
    value = (sign || 1) * mention.value;
    unit = mention.kind === "pp" ? "pp" : "pct";
    metric = mention.kind === "pp" ? "contribution_pp"
      : subject.sa && own.mom ? "sa_mom_pct"
      : own.share && !MEASURE_CUES.yoy.test(after.slice(0, 30)) ? "share_pct"
      : own.mom ? "mom_pct"
      : flow === "balance" ? "balance_yoy_pct"
      : own.price ? "unit_value_yoy_pct"
      : own.volume ? "volume_yoy_pct"
      : own.ytd ? "ytd_yoy_pct"
      : "yoy_pct";
    if (subject.sa && metric === "yoy_pct" && own.sa) metric = "sa_mom_pct";
    if (mention.high !== undefined) extra.high = mention.high;
  }
  if (flow === "" && metric !== "balance" && metric !== "balance_sa") flow = "export";
  const partner = subject.partner;
  const named = clauseGoods(own, flow, mention.start, nextStart);
  let commodity = flow === "balance" ? "total" : named ?? (subject.commodity !== "total" && sameGoodsFlow(subject, flow) ? subject.commodity : "total");
  if (role.role === "cause" && !named) commodity = "total";

  // Kind: forecast, prior or data; a conversion or a non-trade figure was settled above.
  let kind: ClaimKind = "data";
  // A forecast word beside the number: before it (after the figure before), or after it unless it introduces the next figure.
  const hasNext = nextStart < clause.length;
  const cueBeside = own.forecastCues.some((c) => (c.at >= windowStart && c.end <= mention.start) || (c.at >= mention.end && c.at < nextStart && !(hasNext && nextStart - c.end < 24)));
  if ((subject.forecastInherited && !own.forecastCompared) || cueBeside) kind = "forecast";
  if (kind === "forecast") extra.forecaster = forecasterOf(clause, ctx.sentence, ctx.outlet);
  if (own.unsupportedPeriod && !subject.annual) {
    extra.note = `about ${own.unsupportedPeriod}, a period boeki does not compute`;
    period = "";
  }
  if (kind === "data" && period && period.length === 7 && period < ctx.story) kind = "prior";
  if (kind === "data" && period.length === 4 && period < ctx.story.slice(0, 4)) kind = "prior";
  if (kind !== "forecast" && own.revised) Object.assign(extra, { revised: true, note: join(extra.note, "printed as a revised figure") });
  let readings: Reading[] | undefined = subject.partnerFrom === "carried" ? [{ flow, partner: "world", commodity }] : undefined;
  // A year cut off by the end of the text ("… of all shipments in 202"): the years it can be, latest first.
  const cut = ctx.atTextEnd && nextStart >= clause.length ? /\b(?:in|for|during|of) (\d{1,3})\s*$/.exec(clause.slice(Math.max(mention.end, clause.length - 16))) : null;
  if (cut && (cut[1]!.startsWith("2") || cut[1]!.startsWith("1"))) {
    const years = Array.from({ length: 12 }, (_, i) => String(Number(ctx.date.slice(0, 4)) - 1 - i)).filter((y) => y.startsWith(cut[1]!));
    if (years.length) {
      period = years[0]!;
      readings = [...(readings ?? []), ...years.slice(1).map((y) => ({ flow, partner, commodity, period: y }))];
      extra.note = join(extra.note, `the year is cut off in the text ("in ${cut[1]}"): read as ${years.join(" or ")}`);
    }
  }
  if (mention.kind === "pct" && own.value) extra.valueSaid = true;
  if (KIND_CUES.firstPrinted.test(clause.slice(Math.max(0, mention.start - 40), mention.end + 40)) && kind !== "forecast") extra.firstPrinted = true;
  return { ...base, kind, metric, flow, partner, commodity, period, value, unit, ...extra, ...(readings ? { readings } : {}) };
}

const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join("; ");

function sameGoodsFlow(subject: Subject, flow: ClaimFlow): boolean {
  return subject.flow === flow || subject.flow === "";
}

/** "the year-before deficit of ¥813.9 billion", "¥499.95 billion a year earlier", "In the same period last year, …". */
function yearEarlierOf(clause: string, mention: Mention): boolean {
  const before = clause.slice(Math.max(0, mention.start - 60), mention.start);
  const phrase = lastMatch(before, YEAR_EARLIER);
  // "rose 3.8% from a year before to ¥9,152.4 billion": the amount is the new level, the year before only the basis.
  if (phrase && !/\bto\b|\bat\b|\bhit\b|\breached\b/.test(before.slice(phrase.index! + phrase[0].length))) return true;
  return YEAR_EARLIER.test(clause.slice(mention.end, mention.end + 64));
}

function lastMatch(text: string, pattern: RegExp): RegExpMatchArray | undefined {
  let last: RegExpMatchArray | undefined;
  for (const m of text.matchAll(globalOf(pattern))) last = m;
  return last;
}

/** The month named for this number: right after it ("4.2% in September", no other figure between), or before it in its clause ("October's 3.6%"). */
function nearestMonth(months: ReadonlyArray<{ at: number; period: string }>, mention: Mention, nextStart: number): string | undefined {
  let lo = 0;
  let hi = months.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (months[mid]!.at < mention.end) lo = mid + 1;
    else hi = mid;
  }
  const after = months[lo];
  if (after && after.at < nextStart && after.at - mention.end < 60) return after.period;
  const before = months[lo - 1];
  return before && before.at < mention.start ? before.period : undefined;
}
