// Hand labels of real articles (`../shared/articles/real/labels.jsonl`, format in that folder's README) read as
// figures a brief could state: what each labelled number is (metric, flow, partner, goods, period), and whether a
// fact, or a number a brief shows for a fact, is that same figure in any unit.

import { readFileSync } from "node:fs";
import type { Flow } from "../src/domain.js";
import type { Fact } from "../src/figures/index.js";
import { goodsEn, partnerEn, partnerJa } from "../src/brief/format.js";
import { PARTNERS, PRINCIPAL_COMMODITIES } from "../src/sources/codes/index.js";

export interface LabelledClaim {
  text: string;
  kind: string;
  metric: string;
  subject: string;
  flow: string | null;
  period: string;
  value: number;
  unit: string;
  decimals?: number;
}

export interface LabelledArticle {
  file: string;
  language: "en" | "ja";
  published: string;
  release_month: string;
  claims: LabelledClaim[];
}

export const readLabels = (file: string): LabelledArticle[] =>
  readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as LabelledArticle);

/** Metrics of the labels a trade brief can state, and the facts that state them. */
const METRICS: Record<string, { metrics: Fact["metric"][]; flow?: Flow | "balance" }> = {
  exports_yoy_pct: { metrics: ["yoy_pct"], flow: "export" },
  imports_yoy_pct: { metrics: ["yoy_pct"], flow: "import" },
  exports_value: { metrics: ["level"], flow: "export" },
  imports_value: { metrics: ["level"], flow: "import" },
  balance_value: { metrics: ["balance", "balance_rounded"], flow: "balance" },
  balance_change_pct: { metrics: ["balance_yoy_pct"], flow: "balance" },
  share_pct: { metrics: ["share_pct"] },
  streak_months: { metrics: ["streak", "first_since", "balance_change_streak", "balance_change_first_since"] },
};

/** Not trade figures (tariff rates, GDP): no trade brief states them, so coverage leaves them out. */
export const isTradeFigure = (c: LabelledClaim) => c.metric !== "other_indicator";

const norm = (s: string) =>
  s.toLowerCase().replace(/^the /, "").replace(/[^a-z0-9\u3040-\u30ff\u3400-\u9fff]+/g, " ").replace(/\b(\w{3,})s\b/g, "$1").replace(/\s+/g, " ").trim();

const PARTNER_ALIASES: Record<string, string> = {
  us: "304", "u s": "304", usa: "304", america: "304", "united state": "304", "mainland china": "105", eu: "group:eu", eur: "group:eu",
  "european union": "group:eu", asean: "group:asean", "southeast asia": "group:asean", "rest of asia": "area:asia", korea: "103", "south korea": "103",
  "r korea": "103", "middle east": "area:middle_east", "western europe": "area:western_europe", uk: "205", britain: "205", "united kingdom": "205",
};
const partnerNames = new Map<string, string>();
for (const p of PARTNERS) for (const name of [p.nameEn, partnerEn(p.code), partnerJa(p.code)]) partnerNames.set(norm(name), p.code);
for (const [alias, code] of Object.entries(PARTNER_ALIASES)) partnerNames.set(norm(alias), code);

const GOODS_ALIASES: Record<Flow, Record<string, string>> = {
  export: {
    automobile: "pc:70503", auto: "pc:70503", car: "pc:70503", "motor vehicle": "pc:70503", "semiconductor manufacturing equipment": "pc:70131",
    "chipmaking equipment": "pc:70131", "chip machine": "pc:70131", "semiconductor equipment": "pc:70131", "semiconductors and electronic component": "pc:70323",
    "semiconductor and electronic component": "pc:70323", chip: "pc:70323", "electronic part": "pc:70323", pharmaceutical: "pc:507", "iron and steel product": "pc:611", steel: "pc:611",
  },
  import: {
    automobile: "pc:70501", car: "pc:70501", "crude oil": "pc:30301", oil: "pc:30301", lng: "pc:3050103", "liquefied natural gas": "pc:3050103", soybean: "pc:20307",
    "iron and steel product": "pc:613", steel: "pc:613", "semiconductors and electronic component": "pc:70311", smartphone: "pc:70307", pharmaceutical: "pc:507", coal: "pc:30101",
  },
};
const goodsNames: Record<Flow, Map<string, string>> = { export: new Map(), import: new Map() };
for (const c of PRINCIPAL_COMMODITIES) for (const name of [c.nameEn.replace(/^\d\s+/, ""), c.nameJa.replace(/^[０-９]．/, ""), goodsEn(c.flow, c.code)]) goodsNames[c.flow].set(norm(name), c.code);
for (const flow of ["export", "import"] as const) for (const [alias, code] of Object.entries(GOODS_ALIASES[flow])) goodsNames[flow].set(norm(alias), code);

export interface Subject {
  partner: string;
  commodity: string;
  /** False when a part of the subject is not a name boeki knows: matched on metric, period and value alone. */
  resolved: boolean;
}

/** `total` → the world's total; `automobiles|United States` → motor vehicles to the U.S. */
export function subjectOf(claim: LabelledClaim): Subject {
  const flow: Flow = claim.flow === "import" ? "import" : "export";
  let partner = "world";
  let commodity = "total";
  let resolved = true;
  for (const part of claim.subject.split("|").map((p) => p.trim())) {
    if (part === "total") continue;
    const key = norm(part);
    if (partnerNames.has(key)) partner = partnerNames.get(key)!;
    else if (goodsNames[flow].has(key)) commodity = goodsNames[flow].get(key)!;
    else resolved = false;
  }
  return { partner, commodity, resolved };
}

/** Whether `fact` is the figure the claim labels (metric, flow, partner, goods, period), regardless of its value. */
export function isSameFigure(fact: Fact, claim: LabelledClaim, subject = subjectOf(claim)): boolean {
  const spec = METRICS[claim.metric];
  if (!spec || !spec.metrics.includes(fact.metric) || fact.period !== claim.period) return false;
  const flow = spec.flow ?? (claim.flow === "balance" ? "balance" : claim.flow);
  if (flow && fact.flow !== flow) return false;
  return !subject.resolved || (fact.partner === subject.partner && fact.commodity === subject.commodity);
}

/** A labelled value in the unit facts and briefs compare in: ¥ billion for yen, % or months as they are, with its precision. */
function labelled(claim: LabelledClaim): { value: number; precision: number } {
  const decimals = claim.decimals ?? 1;
  const scale = ({ JPY_tn: 1000, JPY_bn: 1, JPY_100m: 0.1, JPY_mn: 0.001 } as Record<string, number>)[claim.unit] ?? 1;
  return { value: Math.abs(claim.value) * scale, precision: 10 ** -decimals * scale };
}

/** Equal when both, rounded to the coarser of the two precisions, are the same number. */
function sameNumber(a: { value: number; precision: number }, b: { value: number; precision: number }): boolean {
  const p = Math.max(a.precision, b.precision);
  const round = (x: number) => Math.floor(x / p + 0.5 + 1e-9);
  return round(a.value) === round(b.value);
}

/** The sign a claim gives (a fall, a deficit) must be the fact's. Counts have none. */
const signAgrees = (fact: Fact, claim: LabelledClaim) => fact.unit === "months" || claim.value === 0 || fact.value === 0 || Math.sign(fact.value) === Math.sign(claim.value);

/** Whether the fact's own value is the labelled number (the data could state it). */
export function factStates(fact: Fact, claim: LabelledClaim): boolean {
  if (!signAgrees(fact, claim)) return false;
  const want = labelled(claim);
  const value = fact.unit === "JPY_thousand" ? Math.abs(fact.value) / 1e6 : Math.abs(fact.value);
  return sameNumber(want, { value, precision: fact.unit === "pct" || fact.unit === "pp" ? 0.1 : fact.unit === "months" ? 1 : 1e-6 });
}

/**
 * Whether a number a brief shows for `fact` (`shown`, of span kind `kind`) is the labelled number, in any unit:
 * `¥1.82 trillion`, `1,816.9` (a table in ¥ billion), `1兆8169億円`, `18,169` (a table in 億円), `8.8%`, `+8.8`, `nine`.
 */
export function shownStates(fact: Fact, kind: string, shown: string, lang: "en" | "ja", claim: LabelledClaim): boolean {
  if (!signAgrees(fact, claim)) return false;
  const want = labelled(claim);
  if (kind === "count" || kind === "period") return claim.unit === "months" || fact.unit === "months" ? Math.abs(claim.value) === fact.value : false;
  if (kind !== "value") return false;
  const number = shownNumber(shown, fact, lang);
  return number !== null && sameNumber(want, number);
}

/** The number a span shows, in ¥ billion for yen, with the precision it was written to. */
function shownNumber(shown: string, fact: Fact, lang: "en" | "ja"): { value: number; precision: number } | null {
  const decimalsOf = (s: string) => s.split(".")[1]?.length ?? 0;
  const plain = (s: string) => Number(s.replace(/,/g, ""));
  const ja = /(?:(\d+)兆)?(?:([\d,]+)億)?円/.exec(shown);
  if (ja && (ja[1] || ja[2])) return { value: (Number(ja[1] ?? 0) * 10_000 + plain(ja[2] ?? "0")) / 10, precision: ja[2] ? 0.1 : 1000 };
  const en = /¥?([\d,]+(?:\.\d+)?) (trillion|billion|million)/.exec(shown);
  if (en) {
    const scale = { trillion: 1000, billion: 1, million: 0.001 }[en[2] as "billion"];
    return { value: plain(en[1]!) * scale, precision: 10 ** -decimalsOf(en[1]!) * scale };
  }
  const bare = /[+-]?([\d,]+(?:\.\d+)?)/.exec(shown);
  if (!bare) return null;
  // A bare number in a table: ¥ billion (English) or 億円 (Japanese) for yen, else the fact's own unit.
  const scale = fact.unit === "JPY_thousand" ? (lang === "ja" ? 0.1 : 1) : 1;
  return { value: plain(bare[1]!) * scale, precision: 10 ** -decimalsOf(bare[1]!) * scale };
}
