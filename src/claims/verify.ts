// Judging extracted claims against the facts as they stood on the article's date: supported within the
// rounding of the printed number, contradicted (with the right figure and what the printed one matches
// instead), unverifiable (with the data that would be needed), or not a data claim. Later revisions are
// reported, never held against a story written before them.

import { factById, type Fact } from "../figures/index.js";
import { addMonths, roundPct } from "../figures/fact.js";
import { loadSnapshot } from "../figures/snapshot.js";
import { consensusFor, type Consensus } from "../store/consensus.js";
import type { Store } from "../store/store.js";
import type { ExtractedClaim } from "./extract.js";

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

/** The facts a check asks for, computed one by one from the snapshot of the month as of a day (snapshots are
 * kept per store while its releases stay the same, so an article's months are read once). */
export class FactBook {
  private readonly forecasts = new Map<string, Promise<Consensus[]>>();
  private readonly snapshots = new Map<string, ReturnType<typeof loadSnapshot>>();
  constructor(private readonly store: Store, readonly asOf: string) {}

  /** `asOf` null: the data as they stand now (to report revisions and to judge what was not yet published). */
  async fact(id: string, period: string, asOf: string | null): Promise<Fact | undefined> {
    const key = `${period} ${asOf}`;
    let snapshot = this.snapshots.get(key);
    if (!snapshot) this.snapshots.set(key, (snapshot = loadSnapshot(this.store, period, asOf ?? undefined)));
    return factById(await snapshot, id);
  }

  consensus(period: string): Promise<Consensus[]> {
    let result = this.forecasts.get(period);
    if (!result) this.forecasts.set(period, (result = consensusFor(this.store, period, this.asOf)));
    return result;
  }
}

/** A fact's value in the unit the claim printed: ¥ billion for levels and balances. */
const inClaimUnit = (fact: Fact, claim: ExtractedClaim, basis = false): number => {
  const value = basis ? fact.basis!.value : fact.value;
  return claim.unit === "JPY_billion" ? value / 1e6 : value;
};

/** Within the rounding of the printed number: ± half a unit of its last printed decimal. */
const withinRounding = (data: number, claim: ExtractedClaim) => Math.abs(data - claim.value) <= 0.5 * 10 ** -claim.decimals + 1e-9;

const shown = (value: number, claim: ExtractedClaim) =>
  claim.unit === "JPY_billion" ? `¥${Math.abs(value).toFixed(Math.max(1, claim.decimals))} billion` : claim.unit === "months" ? `${value} months` : `${roundPct(value)}${claim.unit === "pp" ? " pp" : "%"}`;

function factIdOf(claim: ExtractedClaim, period = claim.period, metric = claim.metric, partner = claim.partner, flow = claim.flow, commodity = claim.commodity): string {
  if (metric === "balance" || metric === "balance_yoy_pct") return `${metric}/balance/world/total/${period}`;
  const flowPart = flow === "" ? "export" : flow;
  return `${metric}/${flowPart}/${partner}/${commodity}/${period}`;
}

const describeWhat = (c: ExtractedClaim) =>
  `${c.metric.replaceAll("_", " ")} of ${c.flow || "trade"}${c.partner !== "world" ? ` with ${c.partner}` : ""}${c.commodity !== "total" ? ` in ${c.commodity}` : ""} for ${c.period}`;

export async function verify(claim: ExtractedClaim, book: FactBook): Promise<CheckedClaim> {
  const out: CheckedClaim = {
    start: claim.start, end: claim.end, text: claim.text, kind: claim.kind, metric: claim.metric, flow: claim.flow, partner: claim.partner,
    commodity: claim.commodity, period: claim.period, value: claim.value, unit: claim.unit, verdict: "unverifiable", expected: null, matches: "", facts: [], note: claim.note ?? "",
  };
  if (claim.kind === "other") {
    if (claim.metric !== "attribution") out.note = "not a trade statistic (GDP, a survey, a market share, prices …)";
    return { ...out, verdict: "not_data", metric: "" };
  }
  if (claim.kind === "forecast") return verifyForecast(claim, out, book);
  if (claim.metric === "sa_mom_pct") return { ...out, note: "seasonally adjusted figures are not in the store" };

  let fact = await findFact(claim, book, book.asOf);
  let later = false;
  if (!fact) {
    fact = await findFact(claim, book, null);
    later = !!fact;
  }
  if (!fact) return { ...out, note: `no ${describeWhat(claim)} in the data as of ${book.asOf} or since` };
  const useBasis = fact.id !== factIdOf(claim);
  const data = inClaimUnit(fact, claim, useBasis && claim.metric === "balance");
  out.facts = [fact.id];
  out.expected = claim.unit === "JPY_billion" ? Math.round(data * 10) / 10 : data;
  const laterNote = later ? `no such figure as of ${book.asOf}; judged against data released later (${fact.vintage.dataset}, ${fact.vintage.released ?? "date unknown"})` : "";

  if (claim.metric === "first_since" ? fact.basis?.period === claim.since : withinRounding(data, claim)) {
    out.verdict = "supported";
    const revised = later ? undefined : await findFact(claim, book, null);
    if (revised && revised.vintage.releaseId !== fact.vintage.releaseId) {
      const now = inClaimUnit(revised, claim, revised.id !== factIdOf(claim) && claim.metric === "balance");
      if (!withinRounding(now, claim) && claim.metric !== "first_since") out.note = `revised later to ${shown(now, claim)} (${revised.vintage.dataset}, released ${revised.vintage.released ?? "later"})`;
    }
    if (laterNote) out.note = [laterNote, out.note].filter(Boolean).join("; ");
    return out;
  }
  out.verdict = "contradicted";
  out.matches = await whatItMatches(claim, book, data, later ? undefined : fact);
  const right = claim.metric === "first_since" ? `the data give the first such move since ${fact.basis?.period ?? "an earlier month"}` : `the data give ${shown(data, claim)}`;
  out.note = [laterNote, right].filter(Boolean).join("; ");
  return out;
}

async function findFact(claim: ExtractedClaim, book: FactBook, asOf: string | null): Promise<Fact | undefined> {
  const direct = await book.fact(factIdOf(claim), claim.period, asOf);
  if (direct) return direct;
  // A year-earlier balance is the basis of the balance a year later, as the release printed it.
  if (claim.metric === "balance") {
    const later = await book.fact(factIdOf(claim, addMonths(claim.period, 12)), addMonths(claim.period, 12), asOf);
    if (later?.basis?.period === claim.period) return later;
  }
  return undefined;
}

/** What else the printed number could be: a revision, a rounding slip, the other change, another month or partner. */
async function whatItMatches(claim: ExtractedClaim, book: FactBook, data: number, inForce: Fact | undefined): Promise<string> {
  if (claim.unit === "JPY_billion") {
    const factor = 10 ** claim.decimals;
    if (Math.trunc(Math.abs(data) * factor) / factor === Math.abs(claim.value)) {
      return `a rounding slip: the data's ¥${Math.abs(data * 1000).toLocaleString("en-US", { maximumFractionDigits: 0 })} million cut off, not rounded (¥${Math.abs(data).toFixed(claim.decimals)} billion)`;
    }
  }
  // The figure as the Ministry first printed it, where the data on the article's day stand on a revision.
  if (inForce?.published !== undefined && inForce.published !== inForce.value && withinRounding(inForce.published, claim)) {
    return "the figure as first printed, since revised";
  }
  const candidates: Array<[string, string, string | null]> = [
    ["the revised figure", factIdOf(claim), null],
    [claim.metric === "mom_pct" ? "the year-on-year change" : "the month-on-month change", factIdOf(claim, claim.period, claim.metric === "mom_pct" ? "yoy_pct" : "mom_pct"), book.asOf],
    ["the previous month's figure", factIdOf(claim, addMonths(claim.period, -1)), book.asOf],
    ["the figure a year earlier", factIdOf(claim, addMonths(claim.period, -12)), book.asOf],
    ["the figure for all partners", factIdOf(claim, claim.period, claim.metric, "world"), book.asOf],
    ["the figure for all goods", factIdOf(claim, claim.period, claim.metric, claim.partner, claim.flow, "total"), book.asOf],
    [`the ${claim.flow === "import" ? "export" : "import"} figure`, factIdOf(claim, claim.period, claim.metric, claim.partner, claim.flow === "import" ? "export" : "import"), book.asOf],
  ];
  for (const [label, id, asOf] of candidates) {
    if (id === factIdOf(claim) && asOf === book.asOf) continue;
    const period = id.split("/").at(-1)!;
    const fact = await book.fact(id, period, asOf);
    if (fact && withinRounding(inClaimUnit(fact, claim), claim) && !(label === "the revised figure" && Math.abs(inClaimUnit(fact, claim) - data) < 1e-9)) return label;
  }
  const metric = claim.flow === "import" ? "imports_yoy" : "exports_yoy";
  for (const c of await book.consensus(claim.period)) if (c.metric === metric && withinRounding(c.value, claim)) return `the forecast (${c.source})`;
  return "";
}

async function verifyForecast(claim: ExtractedClaim, out: CheckedClaim, book: FactBook): Promise<CheckedClaim> {
  const metric = claim.flow === "balance" ? "balance" : claim.flow === "import" ? "imports_yoy" : "exports_yoy";
  const forecasts = (await book.consensus(claim.period)).filter((c) => c.metric === metric);
  if (claim.commodity !== "total" || claim.partner !== "world" || forecasts.length === 0) {
    return { ...out, note: `a forecast; no consensus for ${metric.replace("_", " ")} in ${claim.period} is stored (boeki consensus set ${claim.period} --metric ${metric} …)` };
  }
  const match = forecasts.find((c) => withinRounding(c.value, claim));
  const chosen = match ?? forecasts[0]!;
  return {
    ...out,
    verdict: match ? "supported" : "contradicted",
    expected: chosen.value,
    facts: [`consensus/${claim.flow || "export"}/world/total/${claim.period}/${chosen.source}`],
    note: `${chosen.source}, published ${chosen.published}`,
  };
}
