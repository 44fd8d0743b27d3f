// Names → codes for partners and commodities, as a user types them. The smallest version of the shared contract
// (codes, or names matched case-insensitively against the code lists); the names resolver of issue #10 replaces it.

import type { Flow } from "../../domain.js";
import { UsageError } from "../../errors.js";
import { PARTNERS, PRINCIPAL_COMMODITIES, commodityProblem } from "./index.js";

const fold = (s: string) => s.trim().toLowerCase();

function nearest(text: string, names: string[]): string {
  const t = fold(text);
  const hits = names.filter((n) => fold(n).includes(t) || t.includes(fold(n))).slice(0, 5);
  return hits.length ? `; did you mean ${hits.join(", ")}?` : "";
}

/** A partner code (`304`, `area:asia`, `group:eu`, `world`) from a code or an English name. */
export function resolvePartner(text: string): string {
  const t = fold(text);
  const found = PARTNERS.find((p) => p.code === t || fold(p.nameEn) === t);
  if (found) return found.code;
  const starting = PARTNERS.filter((p) => fold(p.nameEn).startsWith(t));
  if (t.length >= 3 && starting.length === 1) return starting[0]!.code; // "United States" for United States of America
  throw new UsageError(`unknown partner "${text}"${nearest(text, PARTNERS.map((p) => `${p.code} (${p.nameEn})`))} (boeki codes --partners lists them)`);
}

/** A commodity code (`total`, `hs:8703`, `pc:70503`) from a code or a principal commodity's name. */
export function resolveCommodity(text: string, flow?: Flow): string {
  const t = fold(text);
  const code = text.trim();
  if (t === "total" || /^hs:\d+$/.test(t) || t.startsWith("pc:")) {
    const problem = commodityProblem(flow ?? "export", code.toLowerCase() === "total" ? "total" : code);
    if (problem && !(flow === undefined && t.startsWith("pc:") && !commodityProblem("import", code))) throw new UsageError(problem);
    return code.toLowerCase() === "total" ? "total" : code;
  }
  const found = PRINCIPAL_COMMODITIES.find((c) => (flow === undefined || c.flow === flow) && (fold(c.nameEn) === t || c.nameJa === text.trim()));
  if (found) return found.code;
  throw new UsageError(`unknown commodity "${text}"${nearest(text, PRINCIPAL_COMMODITIES.map((c) => `${c.code} (${c.nameEn})`))} (boeki codes --commodities lists them)`);
}
