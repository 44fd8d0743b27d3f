// Judging extracted claims against the facts as they stood on the article's date: supported within the rounding
// of the printed number, contradicted (with the right figure and what the printed one matches instead),
// unverifiable (with what is missing: a release not held, history too short, a forecaster not stored, a subject
// the text does not settle), or not a data claim. Later revisions are reported, never held against a story.

import { factById, type Fact } from "../figures/index.js";
import { addMonths, monthsBetween, roundPct } from "../figures/fact.js";
import { loadSeriesSnapshots, seriesCondition, Snapshot, type SeriesRequest, type SnapshotDay } from "../figures/snapshot.js";
import { consensusFor, type Consensus } from "../store/consensus.js";
import type { Store } from "../store/store.js";
import type { ExtractedClaim, Reading } from "./extract.js";
import { FORECASTERS } from "./lexicon.js";

export type Verdict = "supported" | "contradicted" | "unverifiable" | "not_data";

export interface CheckedClaim {
  start: number;
  end: number;
  text: string;
  kind: ExtractedClaim["kind"];
  metric: string;
  flow: string;
  partner: string;
  commodity: string;
  period: string;
  value: number;
  unit: string;
  verdict: Verdict;
  /** The data's figure, in the claim's unit, when the data hold one. */
  expected: number | null;
  /** What the printed number matches instead, when it is wrong ("the month-on-month change", "the revised figure"). */
  matches: string;
  facts: string[];
  note: string;
}

/** The day a month's final figures are public: the Ministry fixes a year's figures by the March after it. */
const finalBy = (period: string) => `${Number(period.slice(0, 4)) + 1}-04-01`;

/** The history a check reads first: enough for y/y and most streaks; a streak that runs into its start is read again on the whole history. */
const HISTORY_WINDOW_MONTHS = 36;

/** Sequences in a claim check look back this far: the by-area series reach back to 1988. */
const CLAIM_LOOKBACK_MONTHS = 600;

/**
 * The facts a check asks for, computed from snapshots of only the series the article's claims name (a few
 * milliseconds each): one as of the article's date, one for each later release a claim has to fall back on, and
 * one of the data as they stand now (for revisions).
 */
export class FactBook {
  private readonly forecasts = new Map<string, Promise<Consensus[]>>();
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  private readonly judged = new Map<string, Promise<Snapshot>>();
  private series: SeriesRequest[] = [];
  /** The series of streaks and turning points: the only ones whose whole history may be needed. */
  private sequenceSeries: SeriesRequest[] = [];
  private months: string[] = [];
  private through = "0000-00";
  constructor(private readonly store: Store, readonly asOf: string) {}

  /** Names the series and months the claims need, before any fact is asked for. */
  prepare(claims: readonly ExtractedClaim[]): void {
    const keys = new Map<string, SeriesRequest>();
    const months = new Set<string>();
    const sequenceKeys = new Map<string, SeriesRequest>();
    let sequence = false;
    const add = (flow: SeriesRequest["flow"], partner: string, commodity: string) => {
      keys.set(`${flow}|${partner}|${commodity}`, { flow, partner, commodity });
      if (sequence) sequenceKeys.set(`${flow}|${partner}|${commodity}`, { flow, partner, commodity });
    };
    for (const claim of claims) {
      if (claim.kind === "other" || !claim.period) continue;
      sequence = isSequence(claim.metric);
      const through = claim.period.length === 4 ? `${claim.period}-12` : claim.period;
      if (through > this.through) this.through = through;
      if (claim.period.length === 7) months.add(claim.period);
      else for (let m = 1; m <= 12; m++) months.add(`${claim.period}-${String(m).padStart(2, "0")}`);
      for (const r of [{ flow: claim.flow, partner: claim.partner, commodity: claim.commodity }, ...(claim.readings ?? [])]) {
        if (r.flow === "balance" || r.flow === "") {
          for (const flow of ["export", "import"] as const) add(flow, r.partner, "total");
          add("balance", r.partner, "total");
          add("export", "world", "total");
          add("import", "world", "total");
          add("balance", "world", "total");
          continue;
        }
        const other = r.flow === "import" ? "export" : "import";
        for (const [flow, partner, commodity] of [[r.flow, r.partner, r.commodity], [r.flow, r.partner, "total"], [r.flow, "world", r.commodity], [r.flow, "world", "total"], [other, r.partner, r.commodity]] as const) {
          add(flow, partner, commodity);
        }
      }
    }
    this.series = [...keys.values()];
    this.sequenceSeries = [...sequenceKeys.values()];
    this.months = [...months].sort();
  }

  /**
   * The claims' series as of `asOf` (null: everything in the store): the two years before the claims' months, which
   * serve all but long streaks; `full`, their whole history.
   */
  snapshot(asOf: string | null, full = false): Promise<Snapshot> {
    return this.snapshots2([{ asOf }], full).then(([s]) => s!);
  }

  /** Several snapshots in one pass over the store. */
  private snapshots2(days: SnapshotDay[], full: boolean): Promise<Snapshot[]> {
    const key = (d: SnapshotDay) => `${JSON.stringify(d)} ${full}`;
    const wanted = days.filter((d) => !this.snapshots.has(key(d)));
    if (wanted.length) {
      const from = full || !this.months.length ? undefined : addMonths(this.months[0]!, -HISTORY_WINDOW_MONTHS);
      const loaded = loadSeriesSnapshots(this.store, full ? this.sequenceSeries : this.series, this.through, wanted, CLAIM_LOOKBACK_MONTHS, from);
      wanted.forEach((d, i) => this.snapshots.set(key(d), loaded.then((all) => all[i]!)));
    }
    return Promise.all(days.map((d) => this.snapshots.get(key(d))!));
  }

  /**
   * What a claim is judged on: the data as of the article's date; a month of the claims that day did not hold, from
   * the earliest release after it that holds the month; the history the day lacked (year-earlier months, streaks),
   * from the data as they stand now. Each figure keeps the release it stands on, and the verdict says so.
   */
  judgedOn(full = false): Promise<Snapshot> {
    let judged = this.judged.get(String(full));
    if (judged) return judged;
    judged = (async () => {
      // The day's data; each figure the day did not hold, as the first release after it printed it; the data now.
      const [base, firstAfter, now] = await this.snapshots2([{ asOf: this.asOf }, { firstAfter: this.asOf }, { asOf: null }], full);
      // A month's final figures are public by April of the next year: where the article's day came after that, the
      // figures held now are the ones in force then, though the store may have no release of them before the day.
      // They were in force on the day, whatever day the store got them: they take the day as their effective date.
      const final = new Snapshot([...now!.points()].filter((p) => finalBy(p.period) <= this.asOf).map((p) => ({ ...p, effective: p.effective > this.asOf ? this.asOf : p.effective })), this.asOf, now!.lookback);
      return final.filledFrom(base!, firstAfter!, now!);
    })();
    this.judged.set(String(full), judged);
    return judged;
  }

  /** A fact from the snapshot as of a day, or as judged (`judged`), or judged on the series' whole history (`judged-full`). */
  async fact(id: string, asOf: string | null | "judged" | "judged-full"): Promise<Fact | undefined> {
    if (asOf === "judged" || asOf === "judged-full") return factById(await this.judgedOn(asOf === "judged-full"), id);
    return factById(await this.snapshot(asOf), id);
  }

  /** Days of the releases that held `month` for the claims' series after the article's day, the first few. */
  async laterReleases(month: string, limit = 3): Promise<string[]> {
    const rows = await this.store.rows<{ day: string }>(
      `SELECT DISTINCT strftime(r.effective, '%Y-%m-%d') AS day FROM observations o JOIN releases r USING (release_id)
       WHERE o.period = ?::DATE AND r.effective > ?::DATE AND ${seriesCondition(this.series)}
       ORDER BY day LIMIT ${limit}`,
      [`${month}-01`, this.asOf],
    );
    return rows.map((r) => r.day);
  }

  /** The day of the first release that held `month` for the claims' series: what "first reported" refers to. */
  async firstRelease(month: string): Promise<string | null> {
    const [row] = await this.store.rows<{ day: string | null }>(
      `SELECT strftime(min(r.effective), '%Y-%m-%d') AS day FROM observations o JOIN releases r USING (release_id)
       WHERE o.period = ?::DATE AND ${seriesCondition(this.series)}`,
      [`${month}-01`],
    );
    return row?.day ?? null;
  }

  consensus(period: string): Promise<Consensus[]> {
    let result = this.forecasts.get(period);
    if (!result) this.forecasts.set(period, (result = consensusFor(this.store, period, this.asOf)));
    return result;
  }
}

// ——— Units and rounding ——————————————————————————————————————————————————————————————————————————————

/** A fact's value in the unit the claim printed: ¥ billion for levels and balances. */
const inClaimUnit = (value: number, claim: ExtractedClaim): number => (claim.unit === "JPY_billion" ? value / 1e6 : value);

/** How far from the data a printed number may stand: half its last printed digit, the data's own printed rounding, and 2% for "about". */
function tolerance(claim: ExtractedClaim, fact: Fact): number {
  let half = 0.5 * 10 ** -claim.decimals;
  if (fact.unit === "pct" || fact.unit === "pp") half += claim.decimals > 1 ? 0.05 : 0; // the fact is itself rounded to one decimal
  if (fact.resolution) half += inClaimUnit(fact.resolution, claim);
  if (claim.approx) half += Math.abs(claim.value) * 0.02;
  return half + 1e-9;
}

const within = (data: number, claim: ExtractedClaim, fact: Fact) => Math.abs(data - claim.value) <= tolerance(claim, fact);

/** How much a release after the article's day may have revised a figure: 2% of a level, 0.3 points of a percentage. */
const revisionMargin = (claim: ExtractedClaim, data: number) => (claim.unit === "JPY_billion" ? Math.max(Math.abs(data) * 0.02, 5) : claim.unit === "pct" || claim.unit === "pp" ? 0.3 : 0);

const shown = (value: number, claim: ExtractedClaim) =>
  claim.unit === "JPY_billion" ? `¥${Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: Math.max(1, Math.min(2, claim.decimals)), maximumFractionDigits: Math.max(1, Math.min(2, claim.decimals)) })} billion${value < 0 ? " deficit" : ""}`
    : claim.unit === "months" ? `${value} months` : `${roundPct(value)}${claim.unit === "pp" ? " pp" : "%"}`;

function factIdOf(claim: ExtractedClaim, r: Reading = claim, period = r.period ?? claim.period, metric: string = claim.metric): string {
  if (r.flow === "balance" || metric.startsWith("balance")) return `${metric}/balance/${r.partner}/total/${period}`;
  return `${metric}/${r.flow || "export"}/${r.partner}/${r.commodity}/${period}`;
}

const PARTNER_NAMES: Record<string, string> = {
  world: "all partners", "304": "the U.S.", "105": "China", "103": "South Korea", "106": "Taiwan", "108": "Hong Kong", "group:eu": "the EU", "group:asean": "ASEAN",
  "area:asia": "Asia", "area:western_europe": "Western Europe", "area:middle_east": "the Middle East", "224": "Russia",
};
const readingName = (r: Reading) => `${r.flow === "balance" ? "the balance" : `${r.flow}s`}${r.partner === "world" ? "" : ` with ${PARTNER_NAMES[r.partner] ?? r.partner}`}${r.commodity !== "total" ? ` of ${r.commodity}` : ""}${r.period ? ` in ${r.period}` : ""}`;
const describeWhat = (c: ExtractedClaim, r: Reading = c) => `${c.metric.replaceAll("_", " ")} of ${readingName(r)} for ${c.period}`;

// ——— Verdicts ———————————————————————————————————————————————————————————————————————————————————————

/** Judges every claim; the same claim twice (the same figure, subject and month) is judged once. */
export async function verifyAll(claims: readonly ExtractedClaim[], book: FactBook): Promise<CheckedClaim[]> {
  book.prepare(claims);
  const memo = new Map<string, Promise<Omit<CheckedClaim, "start" | "end" | "text">>>();
  const out: CheckedClaim[] = [];
  for (const claim of claims) {
    const { start, end, text, ...rest } = claim;
    const key = JSON.stringify(rest);
    let verdict = memo.get(key);
    if (!verdict) memo.set(key, (verdict = verify(claim, book).then(({ start: _s, end: _e, text: _t, ...v }) => v)));
    out.push({ start, end, text, ...(await verdict) });
  }
  return out;
}

export async function verify(claim: ExtractedClaim, book: FactBook): Promise<CheckedClaim> {
  const out: CheckedClaim = {
    start: claim.start, end: claim.end, text: claim.text, kind: claim.kind, metric: claim.metric, flow: claim.flow, partner: claim.partner,
    commodity: claim.commodity, period: claim.period, value: claim.value, unit: claim.unit, verdict: "unverifiable", expected: null, matches: "", facts: [], note: claim.note ?? "",
  };
  if (claim.kind === "other") {
    if (claim.metric !== "attribution" && !out.note) out.note = "not a trade statistic (GDP, a survey, a market share, prices …)";
    return { ...out, verdict: "not_data" };
  }
  if (claim.kind === "forecast") return verifyForecast(claim, out, book);
  if (!claim.period) return out;
  if (claim.metric === "sa_mom_pct") return { ...out, note: "seasonally adjusted month-on-month changes are not in the store (of seasonally adjusted figures it holds only the balance, where the first-prints dataset is ingested)" };

  const primary = await judge(claim, claim, book);
  if (!claim.readings?.length || primary.verdict === "supported") return { ...out, ...primary.result, note: join(out.note, primary.result.note) };
  // The subject was carried over from another sentence: another reading that the data support settles it; none
  // does, and the claim stays unverifiable with the readings named, never contradicted on a guess.
  const others = await Promise.all(claim.readings.map((r) => judge(claim, r, book)));
  const supported = others.findIndex((o) => o.verdict === "supported");
  if (supported >= 0) {
    const r = claim.readings[supported]!;
    return { ...out, ...others[supported]!.result, flow: r.flow, partner: r.partner, commodity: r.commodity, note: join(out.note, `read as ${readingName(r)}`, others[supported]!.result.note) };
  }
  const candidates = [{ r: claim as Reading, j: primary }, ...claim.readings.map((r, i) => ({ r, j: others[i]! }))]
    .map(({ r, j }) => `${readingName(r)}: ${j.result.expected === null ? "no figure" : shown(j.result.expected, claim)}`);
  return { ...out, verdict: "unverifiable", facts: [...new Set([...primary.result.facts ?? [], ...others.flatMap((o) => o.result.facts ?? [])])], note: join(out.note, `the text does not settle what the figure is of; candidates — ${candidates.join("; ")}`) };
}

const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join("; ");

interface Judgement {
  verdict: Verdict;
  result: Partial<CheckedClaim> & { note: string; expected: number | null; facts: string[] };
}

/** The fact of a claim read one way, from the data as of the article's date, gaps filled from later releases. */
async function findFact(claim: ExtractedClaim, r: Reading, book: FactBook, metric: string = claim.metric): Promise<{ fact: Fact; later: string } | undefined> {
  const id = factIdOf(claim, r, r.period ?? claim.period, metric);
  let fact = await book.fact(id, "judged");
  // A streak or turning point that ran into the start of the history read first is read again on all of it.
  if ((!fact || fact.detail?.atLeast) && isSequence(metric)) fact = (await book.fact(id, "judged-full")) ?? fact;
  return fact ? { fact, later: laterNote(fact, book.asOf) } : undefined;
}

/** Says when a figure stands on releases after the article's date: its own month, or the months it is compared with. */
function laterNote(fact: Fact, asOf: string): string {
  const after = (released: string | null) => released === null || released > asOf;
  if (after(fact.vintage.released) && finalBy(fact.period.length === 4 ? `${fact.period}-12` : fact.period) > asOf) return `no such figure as of ${asOf}; judged on the earliest release after it that holds it (${fact.vintage.dataset}, ${fact.vintage.released ?? "date unknown"})`;
  return "";
}

async function judge(claim: ExtractedClaim, r: Reading, book: FactBook): Promise<Judgement> {
  if (isSequence(claim.metric)) return judgeSequence(claim, r, book);
  if (claim.firstPrinted && claim.period.length === 7) {
    // "Not the 1.3% first reported": the figure on the day of the month's first release held.
    const day = await book.firstRelease(claim.period);
    const first = day ? await book.fact(factIdOf(claim, r), day) : undefined;
    if (first) {
      const data = inClaimUnit(first.value, claim);
      const verdict = within(data, claim, first) ? "supported" : "contradicted";
      return { verdict, result: { verdict, expected: claim.unit === "JPY_billion" ? Math.round(data * 100) / 100 : data, facts: [first.id], note: `the figure as first printed (${first.vintage.dataset}, released ${first.vintage.released ?? day})${verdict === "contradicted" ? `: ${shown(data, claim)}` : ""}` } };
    }
  }
  const found = await findFact(claim, r, book);
  if (!found) {
    const none = claim.metric === "balance_sa"
      ? `no seasonally adjusted balance for ${claim.period} is held as of ${book.asOf} or since (boeki holds one where the first-prints dataset, a secondary source, is ingested)`
      : `no ${describeWhat(claim, r)} in the data as of ${book.asOf} or since`;
    return { verdict: "unverifiable", result: { note: none, expected: null, facts: [] } };
  }
  const { fact } = found;
  const later = found.later !== "";
  const data = inClaimUnit(fact.value, claim);
  const expected = claim.unit === "JPY_billion" ? Math.round(data * 100) / 100 : data;
  const notes = [found.later, claim.approx ? "approximate (\"about\", \"nearly\"): within 2%" : "", sourceNote(fact)];
  if (within(data, claim, fact)) {
    notes.push(await revisionNote(claim, book, fact, later));
    return { verdict: "supported", result: { verdict: "supported", expected, facts: [fact.id], note: join(...notes) } };
  }
  // The Ministry's other rounding: the balance as the difference of the rounded exports and imports (億円).
  if (claim.metric === "balance") {
    const rounded = await book.fact(factIdOf(claim, r, claim.period, "balance_rounded"), "judged");
    if (rounded && within(inClaimUnit(rounded.value, claim), claim, rounded)) {
      return { verdict: "supported", result: { verdict: "supported", expected: Math.round(inClaimUnit(rounded.value, claim) * 100) / 100, facts: [rounded.id, fact.id], note: join(found.later, `matches ${rounded.note}; the unrounded levels give ${shown(data, claim)} (both are the Ministry's figures)`) } };
    }
  }
  // "Soybean imports surged 37.3%": a change in goods the words do not say is in value may be the volume's, which the
  // Ministry prints beside it.
  if (claim.metric === "yoy_pct" && r.commodity !== "total" && !claim.valueSaid) {
    const volume = await book.fact(factIdOf(claim, r, claim.period, "volume_yoy_pct"), "judged");
    if (volume && within(volume.value, claim, volume)) {
      return { verdict: "supported", result: { verdict: "supported", expected: volume.value, facts: [volume.id, fact.id], note: join(laterNote(volume, book.asOf), `matches the change in volume (quantity); by value the change was ${shown(data, claim)}`) } };
    }
  }
  // "A revised ¥226.07 billion deficit": a revision published with the article may reach the store only after its day.
  if (claim.revised && claim.period.length === 7) {
    for (const day of await book.laterReleases(claim.period)) {
      const revision = await book.fact(factIdOf(claim, r), day);
      if (revision && within(inClaimUnit(revision.value, claim), claim, revision)) {
        return { verdict: "supported", result: { verdict: "supported", expected: Math.round(inClaimUnit(revision.value, claim) * 100) / 100, facts: [revision.id], note: `matches the revised figure released on ${revision.vintage.released ?? day} (${revision.vintage.dataset})${sourceNote(revision) ? `, ${sourceNote(revision)}` : ""}; the data of ${book.asOf} gave ${shown(data, claim)}` } };
      }
    }
  }
  // Judged on a release after the article's day, a small difference may be that release's revision of the figure
  // the article saw: not a contradiction the store can show.
  if (later && Math.abs(data - claim.value) <= revisionMargin(claim, data)) {
    return { verdict: "unverifiable", result: { verdict: "unverifiable", expected, facts: [fact.id], note: join(found.later, `the data give ${shown(data, claim)}, a difference of the size later releases revise by; the figure as released by ${book.asOf} is not in the store`, sourceNote(fact)) } };
  }
  const matches = await whatItMatches(claim, r, book, data, later ? undefined : fact);
  return { verdict: "contradicted", result: { verdict: "contradicted", expected, facts: [fact.id], matches, note: join(found.later, `the data give ${shown(data, claim)}`, sourceNote(fact)) } };
}

/** Says where a figure from a secondary source came from, wherever it is used. */
function sourceNote(fact: Fact): string {
  if (fact.vintage.dataset.startsWith("calendar.")) return `from the first-prints dataset, an economic calendar's transcription (a secondary source, not the Ministry's file)`;
  if (fact.vintage.dataset === "mof.d52ma" || fact.vintage.dataset === "mof.d62ma") return `from the Ministry's by-area time series (${fact.vintage.dataset}, released ${fact.vintage.released ?? "?"})`;
  if (fact.vintage.dataset.startsWith("derived.")) return `a month derived from two year-to-date snapshots (${fact.vintage.dataset}), not a figure the Ministry printed`;
  return "";
}

async function revisionNote(claim: ExtractedClaim, book: FactBook, fact: Fact, later: boolean): Promise<string> {
  if (later) return "";
  const now = await book.fact(fact.id, null);
  if (!now || now.vintage.releaseId === fact.vintage.releaseId) return "";
  if (isSequence(claim.metric)) return "";
  const value = inClaimUnit(now.value, claim);
  return within(value, claim, now) ? "" : `revised later to ${shown(value, claim)} (${now.vintage.dataset}, released ${now.vintage.released ?? "later"})`;
}

const isSequence = (metric: string) => /streak|first_since|highest_since|lowest_since/.test(metric);

/** Streaks, turning points and extremes: the length, which way, and whether the history held reaches far enough. */
async function judgeSequence(claim: ExtractedClaim, r: Reading, book: FactBook): Promise<Judgement> {
  const family = claim.metric.replace(/(streak|first_since|highest_since|lowest_since)$/, "");
  const kinds = claim.metric.endsWith("highest_since") || claim.metric.endsWith("lowest_since") ? [claim.metric] : [`${family}streak`, `${family}first_since`];
  let found: Awaited<ReturnType<typeof findFact>>;
  for (const metric of kinds) found ??= await findFact(claim, r, book, metric);
  if (!found) return { verdict: "unverifiable", result: { note: `no ${describeWhat(claim, r)} in the data as of ${book.asOf} or since`, expected: null, facts: [] } };
  const { fact } = found;
  const laterNote = found.later;
  const facts = [fact.id];
  const sign = fact.detail?.sign;
  const signWord = (s: string | undefined) => ({ rise: "rise", fall: "fall", surplus: "surplus", deficit: "deficit" })[s ?? ""] ?? "move";
  const from = fact.detail?.since ?? fact.basis?.period;
  const held = fact.detail?.atLeast ? `at least ${fact.value} months in the data held (from ${fact.detail?.since ?? addMonths(claim.period, -fact.value)})` : "";
  const contradicted = (note: string): Judgement => ({ verdict: "contradicted", result: { verdict: "contradicted", expected: fact.value, facts, note: join(laterNote, note) } });
  const supported = (note = ""): Judgement => ({ verdict: "supported", result: { verdict: "supported", expected: fact.value, facts, note: join(laterNote, note, sourceNote(fact)) } });
  const unverifiable = (note: string): Judgement => ({ verdict: "unverifiable", result: { verdict: "unverifiable", expected: null, facts, note: join(laterNote, note) } });

  if (claim.sign && sign && claim.sign !== sign) {
    return contradicted(`the data give a ${signWord(sign)}${fact.metric.endsWith("streak") ? ` for the ${ordinal(fact.value)} month in a row` : ""}, not a ${signWord(claim.sign)}`);
  }
  if (claim.metric.endsWith("highest_since") || claim.metric.endsWith("lowest_since")) {
    if (fact.value === claim.value && !fact.detail?.atLeast) return supported();
    if (fact.detail?.atLeast && claim.value >= fact.value) return unverifiable(`${held}: too short to tell`);
    return contradicted(`the data give the ${claim.metric.endsWith("highest_since") ? "highest" : "lowest"} since ${from} (${fact.value} months)`);
  }
  const claimedStreak = claim.metric.endsWith("streak");
  if (fact.metric.endsWith("streak")) {
    if (!claimedStreak) return contradicted(`the data give the ${ordinal(fact.value)} ${signWord(sign)} in a row${fact.detail?.atLeast ? " (at least)" : ""}, not the first in ${claim.value} months`);
    if (fact.value === claim.value && !fact.detail?.atLeast) return supported();
    if (fact.detail?.atLeast && claim.value >= fact.value) return unverifiable(`${held}: too short to tell a streak of ${claim.value}`);
    return contradicted(`the data give ${fact.value} months in a row${fact.detail?.atLeast ? " at least" : ""} (since ${from})`);
  }
  // A turning point: the first such move in N months, the last one N months before.
  if (claimedStreak) return contradicted(`the data give the first ${signWord(sign)} since ${from ?? "an earlier month"}, not ${claim.value} in a row`);
  const months = fact.basis ? monthsBetween(fact.basis.period, claim.period) : fact.value;
  if (!fact.detail?.atLeast && months === claim.value) return supported();
  if (fact.detail?.atLeast && claim.value >= fact.value) return unverifiable(`${held}: too short to tell the first in ${claim.value} months`);
  return contradicted(`the data give the first ${signWord(sign)} since ${from ?? "an earlier month"} (${months} months)`);
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;

/** What else the printed number could be: the first print, a rounding slip, the other change, another month or partner. */
async function whatItMatches(claim: ExtractedClaim, r: Reading, book: FactBook, data: number, inForce: Fact | undefined): Promise<string> {
  if (claim.unit === "JPY_billion") {
    const factor = 10 ** claim.decimals;
    if (Math.trunc(Math.abs(data) * factor) / factor === Math.abs(claim.value)) {
      const rounded = Math.round(Math.abs(data) * factor) / factor;
      return `a rounding slip: the data's ¥${Math.abs(data * 1000).toLocaleString("en-US", { maximumFractionDigits: 0 })} million cut off, not rounded (¥${rounded.toLocaleString("en-US", { maximumFractionDigits: Math.max(0, claim.decimals) })} billion)`;
    }
  }
  // The figure as the Ministry first printed it, where the data on the article's day stand on a revision.
  if (inForce?.published !== undefined && inForce.published !== inForce.value && Math.abs(inForce.published - claim.value) <= 0.5 * 10 ** -claim.decimals + 1e-9) {
    return "the figure as first printed, since revised";
  }
  const other = r.flow === "import" ? "export" : "import";
  const candidates: Array<[string, string, "judged" | null]> = [
    ["the revised figure", factIdOf(claim, r), null],
    [claim.metric === "mom_pct" ? "the year-on-year change" : "the month-on-month change", factIdOf(claim, r, claim.period, claim.metric === "mom_pct" ? "yoy_pct" : "mom_pct"), "judged"],
    ["the previous month's figure", factIdOf(claim, r, addMonths(claim.period, -1)), "judged"],
    ["the figure a year earlier", factIdOf(claim, r, addMonths(claim.period, -12)), "judged"],
    ["the figure for all partners", factIdOf(claim, { ...r, partner: "world" }), "judged"],
    ["the figure for all goods", factIdOf(claim, { ...r, commodity: "total" }), "judged"],
    [`the ${other} figure`, factIdOf(claim, { ...r, flow: other }), "judged"],
  ];
  if (claim.period.length === 4) candidates.splice(1, 3);
  for (const [label, id, asOf] of candidates) {
    if (id === factIdOf(claim, r) && asOf === "judged") continue;
    const fact = await book.fact(id, asOf);
    if (fact && within(inClaimUnit(fact.value, claim), claim, fact) && !(label === "the revised figure" && Math.abs(inClaimUnit(fact.value, claim) - data) < 1e-9)) return label;
  }
  const metric = r.flow === "import" ? "imports_yoy" : r.flow === "balance" ? "balance" : "exports_yoy";
  if (r.partner === "world" && r.commodity === "total") {
    for (const c of await book.consensus(claim.period)) if (c.metric === metric && Math.abs(c.value - claim.value) <= 0.5 * 10 ** -claim.decimals + 1e-9) return `the forecast (${c.source})`;
  }
  return "";
}

// ——— Forecasts ——————————————————————————————————————————————————————————————————————————————————————

/** A stored consensus source's forecaster key ("Reuters poll" → reuters), or its own name when none is known. */
const sourceKey = (source: string) => FORECASTERS.find(([pattern]) => pattern.test(source))?.[1] ?? source.toLowerCase();

async function verifyForecast(claim: ExtractedClaim, out: CheckedClaim, book: FactBook): Promise<CheckedClaim> {
  const metric = claim.flow === "balance" && claim.metric === "balance" ? "balance" : claim.metric === "yoy_pct" && claim.partner === "world" && claim.commodity === "total" ? (claim.flow === "import" ? "imports_yoy" : "exports_yoy") : null;
  const by = claim.forecaster ? `${claim.forecaster.name}${claim.forecaster.inferred ? " (the article's own, from its dateline)" : ""}` : "a forecaster the article does not name";
  if (!metric) return { ...out, note: join(out.note, `a forecast (${by}); boeki holds forecasts of exports y/y, imports y/y and the balance only, for all partners and goods`) };
  const stored = (await book.consensus(claim.period)).filter((c) => c.metric === metric);
  const list = stored.length ? `stored: ${stored.map((c) => `${c.source} ${c.value}${metric === "balance" ? " ¥bn" : "%"} (${c.published})`).join(", ")}` : `no forecast of ${metric.replace("_", " ")} for ${claim.period} published by ${book.asOf} is stored (boeki consensus set ${claim.period} --metric ${metric} …)`;
  const near = (c: Consensus) => Math.abs(c.value - claim.value) <= 0.5 * 10 ** -claim.decimals + 1e-9;
  if (claim.high !== undefined) return { ...out, note: join(out.note, `a range of forecasts (${claim.value} to ${claim.high}); ${list}`) };
  const fact = (c: Consensus) => `consensus/${claim.flow || "export"}/world/total/${claim.period}/${c.source}`;
  if (claim.forecaster) {
    // Compared only with the same forecaster's: a Bloomberg median is never contradicted with a Reuters poll.
    const same = stored.filter((c) => sourceKey(c.source) === claim.forecaster!.key);
    if (!same.length) return { ...out, note: join(out.note, `a forecast by ${by}; none of its forecasts is stored; ${list}`) };
    const match = same.find(near);
    const chosen = match ?? same[0]!;
    return { ...out, verdict: match ? "supported" : "contradicted", expected: chosen.value, facts: [fact(chosen)], note: join(out.note, `${chosen.source}, published ${chosen.published}`) };
  }
  const match = stored.find(near);
  if (match) return { ...out, verdict: "supported", expected: match.value, facts: [fact(match)], note: join(out.note, `the forecaster is not named; matches ${match.source}, published ${match.published}`) };
  return { ...out, note: join(out.note, `the forecaster is not named, and no stored forecast matches; ${list}`) };
}
