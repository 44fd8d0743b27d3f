// Partners and goods as a user names them (`USA`, `China`, `EU`, `motor vehicles`) turned into boeki's codes.
// (The smallest version of the shared contract; i10 owns it.)

import type { Flow } from "../../domain.js";
import { UsageError } from "../../errors.js";
import { AREA_NAMES, commodityProblem, PARTNERS, partnerProblem, PRINCIPAL_COMMODITIES } from "./index.js";

const fold = (s: string) => s.normalize("NFKC").trim().toLowerCase().replace(/^\d\s+/, "").replace(/[.'’]/g, "");

const PARTNER_ALIASES: Record<string, string> = {
  usa: "304", us: "304", "united states": "304", america: "304", 米国: "304", アメリカ: "304",
  china: "105", 中国: "105", korea: "103", "south korea": "103", uk: "205", britain: "205", "united kingdom": "205",
  germany: "213", eu: "group:eu", asean: "group:asean", world: "world", 世界: "world",
};

/** The nearest names to `text` among `names`, for an error message. */
function nearest(text: string, names: string[]): string[] {
  const t = fold(text);
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = row[j]!;
        row[j] = next;
      }
    }
    return row[b.length]!;
  };
  const score = (name: string) => (fold(name).includes(t) ? 0 : distance(t, fold(name)));
  return [...new Set(names)].sort((a, b) => score(a) - score(b)).slice(0, 3);
}

export function resolvePartner(text: string): string {
  if (!partnerProblem(text.trim())) return text.trim();
  const t = fold(text);
  if (PARTNER_ALIASES[t]) return PARTNER_ALIASES[t]!;
  const named = PARTNERS.filter((p) => fold(p.nameEn) === t || fold(AREA_NAMES[p.code as keyof typeof AREA_NAMES] ?? "") === t);
  if (named.length === 1) return named[0]!.code;
  throw new UsageError(`unknown partner "${text}"; nearest: ${nearest(text, PARTNERS.map((p) => p.nameEn)).join(", ")}`);
}

export function resolveCommodity(text: string, flow?: Flow): string {
  const code = text.trim();
  if (!commodityProblem(flow ?? "export", code) || (!flow && !commodityProblem("import", code))) return code;
  const t = fold(text);
  const candidates = PRINCIPAL_COMMODITIES.filter((c) => !flow || c.flow === flow);
  const named = [...new Set(candidates.filter((c) => fold(c.nameEn) === t || fold(c.nameJa) === t).map((c) => c.code))];
  if (named.length === 1) return named[0]!;
  throw new UsageError(`unknown commodity "${text}"${flow ? ` for ${flow}s` : ""}; nearest: ${nearest(text, candidates.map((c) => c.nameEn.replace(/^\d\s+/, ""))).join(", ")}`);
}
