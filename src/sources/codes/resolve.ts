// Names → codes: what a user types for a partner or a commodity (`USA`, `米国`, `W. Europe`, `cars`, `hs:8703`)
// turned into boeki's code, or a usage error that names the nearest matches (never a silent empty answer).

import type { Flow } from "../../domain.js";
import { FLOWS } from "../../domain.js";
import { UsageError } from "../../errors.js";
import { COMMODITY_ALIASES, PARTNER_ALIASES } from "./aliases.js";
import { AGGREGATE_NAMES_JA, COUNTRY_OTHER_NAMES } from "./country-names.js";
import { partner, PARTNERS, principalCommodity, PRINCIPAL_COMMODITIES, type Partner, type PrincipalCommodity } from "./index.js";
import { PRESS_PARTNERS } from "./press-names.js";

/**
 * The form names are compared in: NFKC (full-width ＥＵ and １ become EU and 1, half-width kana full-width), lower
 * case, `&` read as "and", and spaces, dots, apostrophes, hyphens, commas and ・ dropped (`W. Europe` = `w-europe`).
 * Parentheses stay: the Ministry's `(CAR)` (passenger cars) is not the everyday `car` (motor vehicles).
 */
export function nameKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/&/g, "and").replace(/[\s.'’‘`,\-_/・･·]/g, "");
}

/** Weaker forms of an official name, used only when no name or alias matches: `The Bahamas` → `Bahamas`, `1 FOODSTUFF` → `FOODSTUFF`. */
function derivedForms(name: string): string[] {
  const n = name.normalize("NFKC").trim();
  const forms = [
    n.replace(/^the\s+/i, ""),
    n.replace(/\s*\([^)]*\)\s*$/, ""), // Azores (Portugal)
    n.replace(/^\d+\s*[.．]?\s*/, ""), // 1 FOODSTUFF, １．食料品
    n.replace(/\s+etc\.?$/i, ""), // SEMICONDUCTORS ETC
    n.replace(/^\((.*)\)$/, "$1"), // (CAR), (ＩＣ)
  ];
  return forms.filter((f) => f && f !== n);
}

/** Names → codes, in two tiers: official names and everyday aliases first, weaker derived forms second. */
class NameIndex {
  readonly exact = new Map<string, Set<string>>();
  readonly derived = new Map<string, Set<string>>();
  /** Every key with the code it names, for suggestions and searches. */
  readonly keys: Array<{ key: string; code: string }> = [];

  add(name: string, code: string, tier: "exact" | "derived" = "exact"): void {
    const key = nameKey(name);
    if (!key) return;
    const map = tier === "exact" ? this.exact : this.derived;
    const codes = map.get(key) ?? new Set<string>();
    codes.add(code);
    map.set(key, codes);
    this.keys.push({ key, code });
  }

  addOfficial(name: string, code: string): void {
    this.add(name, code);
    for (const form of derivedForms(name)) this.add(form, code, "derived");
  }

  /** The codes a name stands for: one (found), several (ambiguous), none (unknown). */
  lookup(text: string): string[] {
    const key = nameKey(text);
    return [...(this.exact.get(key) ?? this.derived.get(key) ?? [])];
  }

  /** Codes whose names start with, contain, or are a few edits away from `text`, best first. */
  nearest(text: string, limit = 5): string[] {
    const key = nameKey(text);
    if (!key) return [];
    const scored = new Map<string, number>();
    const budget = Math.max(1, Math.floor(key.length / 3));
    for (const entry of this.keys) {
      let score: number | null = null;
      if (entry.key.startsWith(key)) score = 0;
      else if (key.length >= 3 && entry.key.includes(key)) score = 1;
      else {
        const d = editDistance(key, entry.key, budget);
        if (d <= budget) score = 1 + d;
      }
      if (score !== null && score < (scored.get(entry.code) ?? Infinity)) scored.set(entry.code, score);
    }
    return [...scored.entries()].sort((a, b) => a[1] - b[1]).slice(0, limit).map(([code]) => code);
  }
}

/** Levenshtein distance, giving up (returning `budget + 1`) once it must exceed `budget`. */
export function editDistance(a: string, b: string, budget = Infinity): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > budget) return budget + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const OTHER_NAMES = new Map(COUNTRY_OTHER_NAMES.map(([code, nameJa, iso2, iso3]) => [code, { nameJa, iso2, iso3 }]));

/** A partner's Japanese name (`米国` is an alias; this is the official `アメリカ合衆国`), or undefined. */
export const partnerNameJa = (code: string): string | undefined => OTHER_NAMES.get(code)?.nameJa ?? AGGREGATE_NAMES_JA[code];

/** A partner's ISO 3166 alpha-2 and alpha-3 codes, where the Ministry's code is one ISO entry. */
export const partnerIso = (code: string): { iso2: string | null; iso3: string | null } => {
  const names = OTHER_NAMES.get(code);
  return { iso2: names?.iso2 ?? null, iso3: names?.iso3 ?? null };
};

let partnerIndex: NameIndex | undefined;
function partners(): NameIndex {
  if (partnerIndex) return partnerIndex;
  const index = new NameIndex();
  for (const p of PARTNERS) {
    index.addOfficial(p.nameEn, p.code);
    const ja = partnerNameJa(p.code);
    if (ja) index.addOfficial(ja, p.code);
    const { iso2, iso3 } = partnerIso(p.code);
    if (iso2) index.add(iso2, p.code);
    if (iso3) index.add(iso3, p.code);
  }
  for (const [name, code] of Object.entries(PRESS_PARTNERS)) index.add(name, code);
  for (const [name, ...codes] of PARTNER_ALIASES) for (const code of codes) index.add(name, code);
  return (partnerIndex = index);
}

const commodityIndexes = new Map<Flow, NameIndex>();
function commodities(flow: Flow): NameIndex {
  let index = commodityIndexes.get(flow);
  if (index) return index;
  index = new NameIndex();
  for (const c of PRINCIPAL_COMMODITIES.filter((c) => c.flow === flow)) {
    index.addOfficial(c.nameEn, c.code);
    index.addOfficial(c.nameJa, c.code);
  }
  index.add("grand total", "total");
  for (const [name, code] of COMMODITY_ALIASES[flow]) index.add(name, code);
  commodityIndexes.set(flow, index);
  return index;
}

const partnerLabel = (code: string) => `${partner(code)?.nameEn ?? code} (${code})`;
const commodityLabel = (flow: Flow, code: string) => `${principalCommodity(flow, code)?.nameEn.replace(/^\d\s+/, "") ?? code} (${code})`;
const listed = (labels: string[]) => labels.join(", ");

/**
 * A partner code (`304`, `area:asia`, `group:eu`, `world`) from a code or a name: English, Japanese, the Ministry's
 * short names (`HG KONG`), ISO alpha-2/alpha-3, everyday names (`US`, `Britain`, `W. Europe`), any case.
 * Throws a UsageError naming the nearest matches for an unknown name, and the candidates for an ambiguous one.
 */
export function resolvePartner(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError("partner: expected a name or a code (304, USA, China, area:asia, EU …), found nothing");
  if (partner(trimmed.toLowerCase())) return trimmed.toLowerCase();
  if (/^\d{3}$/.test(trimmed)) throw new UsageError(`unknown MoF country code ${trimmed}: \`boeki codes --partners\` lists them`);
  const index = partners();
  const codes = index.lookup(trimmed);
  if (codes.length === 1) return codes[0]!;
  if (codes.length > 1) throw new UsageError(`partner "${trimmed}" is ambiguous: it may be ${listed(codes.map(partnerLabel))}; give one of them`);
  const nearest = index.nearest(trimmed);
  throw new UsageError(
    `unknown partner "${trimmed}"${nearest.length ? `; nearest: ${listed(nearest.map(partnerLabel))}` : ""} (\`boeki codes NAME\` searches the names)`,
  );
}

const HS_WITH_PREFIX = /^hs\s*:?\s*(\d[\d.]*)$/i;
const BARE_DIGITS = /^\d[\d.]*$/;

/** A commodity code spelled as a code (`pc:70503`, `hs:8703`, `HS 8703.23`, `870323`, `70503`, `0+1`), or null when it is a name. */
function commodityAsCode(text: string, flow: Flow): string | null {
  const lower = text.toLowerCase();
  if (lower === "total") return "total";
  if (lower.startsWith("pc:")) return `pc:${text.slice(3).trim()}`;
  const hs = HS_WITH_PREFIX.exec(text);
  const bare = !hs && BARE_DIGITS.test(text) ? text : null;
  const digits = (hs?.[1] ?? bare)?.replaceAll(".", "");
  if (digits === undefined) return /^[\d+]+$/.test(text) && principalCommodity(flow, `pc:${text}`) ? `pc:${text}` : null;
  // HS codes have 2, 4, 6 or 9 digits; principal-commodity codes 1, 3, 5 or 7: a bare number says which it is.
  if ([2, 4, 6, 9].includes(digits.length)) return `hs:${digits}`;
  if (hs) throw new UsageError(`HS code "${text}" must have 2, 4, 6 or 9 digits (hs:87, hs:8703, hs:870323, hs:870323910)`);
  return `pc:${digits}`;
}

/** How `text` reads for one flow: a code, or the candidates its name stands for (none, one, or several). */
function commodityCandidates(text: string, flow: Flow): string[] {
  const code = commodityAsCode(text, flow);
  if (code !== null) return code === "total" || code.startsWith("hs:") || principalCommodity(flow, code) ? [code] : [];
  return commodities(flow).lookup(text);
}

/**
 * A commodity code (`total`, `pc:70503`, `hs:8703`) from a code or a name: the Ministry's English and Japanese names
 * (`MOTOR VEHICLES`, `自動車`), everyday names (`cars`, `chips`), HS codes with or without `hs:`, any case.
 * Principal-commodity codes differ by flow (`cars` is pc:70503 in exports, pc:70501 in imports): without `flow`, a
 * name that means different codes in the two flows is ambiguous. Throws a UsageError naming the nearest matches.
 */
export function resolveCommodity(text: string, flow?: Flow): string {
  const trimmed = text.trim();
  if (!trimmed) throw new UsageError("commodity: expected a name or a code (cars, 自動車, pc:70503, hs:8703 …), found nothing");
  const byFlow = commodityByFlow(trimmed, flow ? [flow] : FLOWS);
  const codes = [...new Set(Object.values(byFlow))];
  if (codes.length === 1) return codes[0]!;
  const found = Object.entries(byFlow) as Array<[Flow, string]>;
  throw new UsageError(
    `commodity "${trimmed}" means different codes in exports and imports: ${found.map(([f, c]) => `${commodityLabel(f, c)} in ${f}s`).join(", ")}; give --flow or the code`,
  );
}

/**
 * What a commodity name means in each flow where it means something: `cars` → { export: pc:70503, import: pc:70501 },
 * `LNG` → { import: pc:3050103 }. Throws a UsageError when it means nothing in any of `flows`, or several things in one.
 */
export function commodityByFlow(text: string, flows: readonly Flow[] = FLOWS): Partial<Record<Flow, string>> {
  const trimmed = text.trim();
  const result: Partial<Record<Flow, string>> = {};
  for (const flow of flows) {
    const codes = commodityCandidates(trimmed, flow);
    if (codes.length > 1) {
      throw new UsageError(`commodity "${trimmed}" is ambiguous in ${flow}s: it may be ${listed(codes.map((c) => commodityLabel(flow, c)))}; give one of them`);
    }
    if (codes.length === 1) result[flow] = codes[0]!;
  }
  if (Object.keys(result).length > 0) return result;
  const elsewhere = FLOWS.filter((f) => !flows.includes(f)).flatMap((f) => commodityCandidates(trimmed, f).map((c) => `${commodityLabel(f, c)} in ${f}s`));
  if (elsewhere.length) throw new UsageError(`commodity "${trimmed}" has no ${flows.join("/")} series: it is ${listed(elsewhere)}`);
  const nearest = [...new Set(flows.flatMap((f) => commodities(f).nearest(trimmed, 4).map((c) => commodityLabel(f, c))))].slice(0, 5);
  throw new UsageError(
    `unknown commodity "${trimmed}"${nearest.length ? `; nearest: ${listed(nearest)}` : ""} (\`boeki codes NAME\` searches the names; HS codes as hs:8703)`,
  );
}

export interface PartnerEntry extends Partner {
  nameJa: string | null;
  iso2: string | null;
  iso3: string | null;
}

export const partnerEntry = (p: Partner): PartnerEntry => ({ ...p, nameJa: partnerNameJa(p.code) ?? null, ...partnerIso(p.code) });

/**
 * The partners and principal commodities whose code, names or everyday names contain `query` (`germ`, `自動車`,
 * `70503`); when nothing does, the nearest by spelling.
 */
export function searchCodes(query: string): { partners: PartnerEntry[]; commodities: PrincipalCommodity[] } {
  const key = nameKey(query);
  const lower = query.trim().toLowerCase();
  const containing = (index: NameIndex) => new Set(index.keys.filter((e) => e.key.includes(key)).map((e) => e.code));
  let partnerCodes = containing(partners());
  let commodityCodes = new Map(FLOWS.map((f) => [f, containing(commodities(f))]));
  const found = () => ({
    partners: PARTNERS.filter((p) => partnerCodes.has(p.code) || p.code.includes(lower)).map(partnerEntry),
    commodities: PRINCIPAL_COMMODITIES.filter((c) => commodityCodes.get(c.flow)!.has(c.code) || c.code.includes(lower)),
  });
  const exact = found();
  if (exact.partners.length + exact.commodities.length > 0 || !key) return exact;
  partnerCodes = new Set(partners().nearest(query));
  commodityCodes = new Map(FLOWS.map((f) => [f, new Set(commodities(f).nearest(query))]));
  return found();
}
