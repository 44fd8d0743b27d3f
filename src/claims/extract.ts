// Finding the numeric claims in an article: each number with its unit, read in the words around it for what
// it measures (flow, partner, goods, metric, month) and what kind of claim it is (data, forecast, prior, other).

import { addMonths } from "../figures/fact.js";
import type { Flow } from "../domain.js";
import { CUES, GOODS_ALIASES, KNOWN_SOURCES, PARTNER_ALIASES } from "./lexicon.js";
import { countOf, monthNumber, sentences } from "./text.js";

export type ClaimKind = "data" | "forecast" | "prior" | "other";
export type ClaimMetric =
  | "level" | "yoy_pct" | "mom_pct" | "sa_mom_pct" | "balance" | "balance_yoy_pct" | "streak" | "first_since"
  | "highest_since" | "lowest_since" | "share_pct" | "contribution_pp" | "attribution" | "";

export interface ExtractedClaim {
  start: number;
  end: number;
  text: string;
  kind: ClaimKind;
  metric: ClaimMetric;
  flow: Flow | "balance" | "";
  partner: string;
  commodity: string;
  period: string;
  /** As printed, with the sign the words give it (`fell 4.1%` → −4.1), in `unit`. */
  value: number;
  unit: "pct" | "pp" | "JPY_billion" | "months" | "";
  /** Decimals printed: the rounding interval is ± half a unit of the last one. */
  decimals: number;
  /** For "the first rise since March": the month named. */
  since?: string;
  note?: string;
}

interface Mention {
  start: number;
  end: number;
  type: "pct" | "pp" | "yen" | "streak" | "highest" | "lowest" | "first";
  number: number;
  decimals: number;
  /** Words inside the mention that tell what it is ("first rise since March", "fifth consecutive month"). */
  words: string;
  negative?: boolean;
  positive?: boolean;
  since?: { month: number; year?: number };
}

const decimalsOf = (s: string) => (s.split(".")[1] ?? "").length;
const num = (s: string) => Number(s.replace(/,/g, ""));

function mentions(sentence: string): Mention[] {
  const found: Mention[] = [];
  const add = (m: RegExpMatchArray, type: Mention["type"], numberText: string, extra: Partial<Mention> = {}, value?: number) =>
    found.push({ start: m.index!, end: m.index! + m[0].length, type, number: value ?? num(numberText), decimals: decimalsOf(numberText), words: m[0], ...extra });
  // A sign printed before the number (typographic minus −, en dash, hyphen, plus) says the direction itself.
  const signed = (m: RegExpMatchArray) => (m[1] && /[−–-]/.test(m[1]) ? { negative: true } : m[1] === "+" ? { positive: true } : {});
  for (const m of sentence.matchAll(/([−–+-])?(\d+(?:\.\d+)?)\s*(?:percentage points?|pct points?|ポイント)/gi)) add(m, "pp", m[2]!, signed(m));
  for (const m of sentence.matchAll(/([−–+-](?=\d))?(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b|pct\b)/gi)) add(m, "pct", m[2]!, signed(m));
  for (const m of sentence.matchAll(/¥\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(trillion|billion|million)?\b/gi)) {
    const scale = { trillion: 1000, billion: 1, million: 0.001 }[(m[2] ?? "billion").toLowerCase() as "billion"];
    add(m, "yen", m[1]!, { decimals: decimalsOf(m[1]!) + Math.round(Math.log10(1 / scale)) }, num(m[1]!) * scale);
  }
  for (const m of sentence.matchAll(/(\d+(?:\.\d+)?)\s*(trillion|billion|million)\s+yen\b/gi)) {
    const scale = { trillion: 1000, billion: 1, million: 0.001 }[m[2]!.toLowerCase() as "billion"];
    add(m, "yen", m[1]!, { decimals: decimalsOf(m[1]!) + Math.round(Math.log10(1 / scale)) }, num(m[1]!) * scale);
  }
  for (const m of sentence.matchAll(/(?:(\d+)兆)?(\d{1,3}(?:,\d{3})*|\d+)億円|(\d+)兆円/g)) {
    const oku = m[3] ? num(m[3]) * 10_000 : num(m[1] ?? "0") * 10_000 + num(m[2]!);
    add(m, "yen", "0", { decimals: 1 }, oku / 10); // 億円 → ¥ billion, to 0.1
  }
  for (const m of sentence.matchAll(/\b(\w+)\s+(?:consecutive|straight|successive)\s+(?:monthly\s+)?(?:months?|\w+)?|\b(\w+)\s+months?\s+in a row|(\d+)か月連続/gi)) {
    const n = countOf(m[1] ?? m[2] ?? m[3]!);
    if (n !== null) add(m, "streak", "0", { decimals: 0 }, n);
  }
  for (const m of sentence.matchAll(/\b(fastest|strongest|quickest|highest|biggest|largest|sharpest|steepest|slowest|weakest|smallest|lowest)\b[^.;]{0,60}?\bin\s+(?:at least\s+)?(\w+)\s+months|(\d+)か月ぶりの(?:高い|大きな)?伸び/gi)) {
    const n = countOf(m[2] ?? m[3]!);
    if (n === null) continue;
    const low = /slowest|weakest|smallest|lowest/i.test(m[1] ?? "") || (/sharpest|steepest|biggest|largest/i.test(m[1] ?? "") && CUES.down.test(m[0]));
    add(m, low ? "lowest" : "highest", "0", { decimals: 0 }, n);
  }
  for (const m of sentence.matchAll(/\bfirst\s+(?:monthly\s+)?(increase|rise|gain|growth|decline|fall|drop|decrease|surplus|deficit)\b[^;]{0,60}?\bsince\s+([A-Z][a-z]+)(?:\s+(\d{4}))?/g)) {
    const month = monthNumber(m[2]!);
    if (month) add(m, "first", "0", { decimals: 0, since: { month, year: m[3] ? Number(m[3]) : undefined } }, 0);
  }
  for (const m of sentence.matchAll(/(\d+)か月ぶりの(増加|減少|黒字|赤字)/g)) add(m, "first", m[1]!, { decimals: 0 });
  // One mention per place: a streak or "first since" phrase may contain a number matched on its own.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((m, i) => !found.some((o, j) => j !== i && o.start <= m.start && m.end <= o.end && (o.end - o.start > m.end - m.start || j < i)));
}

/** The last (nearest) match of `pattern` in `text`, or undefined. */
function lastMatch(text: string, pattern: RegExp): RegExpMatchArray | undefined {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g");
  return [...text.matchAll(global)].at(-1);
}

/** The alias ending nearest before the number; of two ending together ("electrical machinery", "machinery"), the longer. */
function nearestCode(before: string, after: string, aliases: Array<[RegExp, string]>): string | undefined {
  let best: { end: number; length: number; code: string } | undefined;
  for (const [pattern, code] of aliases) {
    const m = lastMatch(before, pattern);
    if (!m) continue;
    const end = m.index! + m[0].length;
    if (!best || end > best.end || (end === best.end && m[0].length > best.length)) best = { end, length: m[0].length, code };
  }
  if (best) return best.code;
  for (const [pattern, code] of aliases) if (pattern.test(clauseAfter(after))) return code;
  return undefined;
}

function nearestFlow(before: string, after: string): Flow | "balance" | undefined {
  const found = (["export", "import", "balance"] as const)
    .map((flow) => ({ flow, at: lastMatch(before, CUES[flow])?.index ?? -1 }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => b.at - a.at);
  if (found[0]) return found[0].flow;
  for (const flow of ["balance", "export", "import"] as const) if (CUES[flow].test(after.slice(0, 50))) return flow;
  return undefined;
}

/** Which way the words say a change went: a Japanese 増/減 right after it, else the nearest direction word before, else just after. */
function direction(before: string, after: string): 1 | -1 | 0 {
  if (/^\s*減/.test(after)) return -1;
  if (/^\s*増/.test(after)) return 1;
  const down = lastMatch(before, CUES.down)?.index ?? -1;
  const up = lastMatch(before, CUES.up)?.index ?? -1;
  if (down >= 0 || up >= 0) return down > up ? -1 : 1;
  const next = after.slice(0, 12);
  if (CUES.down.test(next)) return -1;
  if (CUES.up.test(next)) return 1;
  return 0;
}

/** The month a month name refers to, seen from a release month: the latest such month not after it. */
function resolveMonth(month: number, year: number | undefined, latest: string): string {
  if (year) return `${year}-${String(month).padStart(2, "0")}`;
  const [y, m] = latest.split("-").map(Number) as [number, number];
  return `${month <= m ? y : y - 1}-${String(month).padStart(2, "0")}`;
}

/** The words of the number's own clause: up to the first comma or "and"/"while" after it, back to the last before it. */
const clauseAfter = (after: string) => after.split(/,|;|\band\b|\bwhile\b|\bwhereas\b|、/)[0] ?? "";
const clauseBefore = (before: string) => before.split(/,|;|\band\b|\bwhile\b|、/).at(-1) ?? "";

/** A month named as a period ("in November", "October's", "November 2024", "11月"); "December 17" is a date, not one. */
const MONTH_WORD = /\b(January|February|March|April|May|June|July|August|September|October|November|December)(?:'s|’s)?(?:\s+(\d{4}))?(?!\s+\d{1,2}\b)|(\d{1,2})月(?!\d{1,2}日)/g;

export function extractClaims(text: string, latestPeriod: string): ExtractedClaim[] {
  const claims: ExtractedClaim[] = [];
  let carriedFlow: Flow | "balance" | undefined;
  for (const s of sentences(text)) {
    for (const [pattern, note] of KNOWN_SOURCES) {
      const m = pattern.exec(s.text);
      if (m && !/Ministry of Finance/.test(m[0])) {
        claims.push({ start: s.start + m.index, end: s.start + m.index + m[0].length, text: m[0], kind: "other", metric: "attribution", flow: "", partner: "", commodity: "", period: "", value: 0, unit: "", decimals: 0, note });
        break;
      }
    }
    const found = mentions(s.text);
    const sentenceFlow = nearestFlow(s.text, "");
    found.forEach((mention, i) => {
      const before = s.text.slice(i === 0 ? 0 : found[i - 1]!.end, mention.start);
      const after = s.text.slice(mention.end, found[i + 1]?.start ?? s.text.length);
      const around = `${before.slice(-80)} ${mention.words} ${after.slice(0, 60)}`;
      const wholeBefore = s.text.slice(0, mention.start);
      const flow = nearestFlow(before, after) ?? nearestFlow(wholeBefore, "") ?? sentenceFlow ?? carriedFlow ?? "export";
      const goodsFlow: Flow = flow === "import" ? "import" : "export";
      const partner = nearestCode(wholeBefore, after, PARTNER_ALIASES) ?? "world";
      const commodity = flow === "balance" ? "total" : nearestCode(wholeBefore, after, GOODS_ALIASES[goodsFlow]) ?? "total";
      // The month: one named in the number's own clause, else the release month.
      const named = [...`${clauseBefore(before)} ${clauseAfter(after)}`.matchAll(MONTH_WORD)].at(-1);
      const namedMonth = named ? (named[1] ? monthNumber(named[1]) : Number(named[3])) : null;
      let period = namedMonth ? resolveMonth(namedMonth, named?.[2] ? Number(named[2]) : undefined, latestPeriod) : latestPeriod;
      const clause = `${clauseBefore(before)} ${mention.words} ${clauseAfter(after)}`;
      let kind: ClaimKind = CUES.other.test(around) ? "other" : CUES.forecast.test(clause) ? "forecast" : "data";
      const sign = mention.negative ? -1 : mention.positive ? 1 : direction(before, after);
      const base = { start: s.start + mention.start, end: s.start + mention.end, text: mention.words, partner, commodity, decimals: mention.decimals };
      let claim: ExtractedClaim;
      switch (mention.type) {
        case "yen": {
          const isBalance = flow === "balance";
          const side = lastMatch(`${wholeBefore} ${clauseAfter(after)}`, /deficit|surplus|赤字|黒字/);
          const deficit = !!side && /deficit|赤字/.test(side[0]);
          if (isBalance && CUES.yearEarlierLevel.test(`${clauseBefore(before)} ${mention.words} ${clauseAfter(after)}`)) {
            period = addMonths(period, -12);
            if (kind === "data") kind = "prior";
          }
          claim = { ...base, kind, metric: isBalance ? "balance" : "level", flow, period, value: (isBalance && deficit ? -1 : 1) * mention.number, unit: "JPY_billion" };
          break;
        }
        case "pp":
          claim = { ...base, kind, metric: "contribution_pp", flow, period, value: (sign || 1) * mention.number, unit: "pp" };
          break;
        case "pct": {
          const metric: ClaimMetric = CUES.seasonallyAdjusted.test(around) ? "sa_mom_pct"
            : CUES.mom.test(clause) ? "mom_pct"
            : flow === "balance" ? "balance_yoy_pct"
            : /\bshare\b|accounted for|of (?:total|all|Japan's) (?:exports|imports|shipments)/i.test(clause) ? "share_pct" : "yoy_pct";
          claim = { ...base, kind, metric, flow, period, value: (sign || 1) * mention.number, unit: "pct" };
          break;
        }
        case "streak":
          claim = { ...base, kind, metric: "streak", flow, period, value: mention.number, unit: "months" };
          break;
        case "highest":
        case "lowest":
          claim = { ...base, kind, metric: mention.type === "highest" ? "highest_since" : "lowest_since", flow, period, value: mention.number, unit: "months" };
          break;
        case "first": {
          const since = mention.since ? resolveMonth(mention.since.month, mention.since.year, addMonths(period, -1)) : addMonths(period, -mention.number);
          const months = (Number(period.slice(0, 4)) - Number(since.slice(0, 4))) * 12 + Number(period.slice(5)) - Number(since.slice(5));
          claim = { ...base, kind, metric: "first_since", flow, period, value: months, unit: "months", since };
          break;
        }
      }
      // A month named before the release month, for a change or a level: a figure cited for comparison.
      if (claim.kind === "data" && claim.period < latestPeriod && claim.metric !== "balance") claim.kind = "prior";
      // Not trade data: what it measures is none of boeki's business.
      if (claim.kind === "other") Object.assign(claim, { metric: "", flow: "", partner: "", commodity: "", period: "" });
      claims.push(claim);
    });
    carriedFlow = sentenceFlow ?? carriedFlow;
  }
  return claims;
}
