// Code lists: which partner and commodity codes exist, what they are called, and what they belong to.
// Sources validate against these; the store loads them as tables so that SQL can join on them.

import type { Flow } from "../../domain.js";
import { AREA_CODES, AREA_NAMES, GROUP_CODES, GROUP_MEMBERSHIPS, type AreaCode } from "./areas.js";
import { COUNTRY_ROWS } from "./countries.js";
import { PRINCIPAL_COMMODITIES, type PrincipalCommodity } from "./principal-commodities.js";

export { AREA_CODES, AREA_NAMES, GROUP_CODES, GROUP_MEMBERSHIPS, PRINCIPAL_COMMODITIES };
export type { AreaCode, PrincipalCommodity };

export interface Partner {
  code: string;
  nameEn: string;
  /** The MoF area a country belongs to; null for areas, groups, the world and special codes. */
  area: AreaCode | null;
  kind: "world" | "area" | "group" | "country";
}

export const PARTNERS: readonly Partner[] = [
  { code: "world", nameEn: "World", area: null, kind: "world" },
  ...AREA_CODES.map((code) => ({ code, nameEn: AREA_NAMES[code], area: null, kind: "area" as const })),
  { code: "group:eu", nameEn: "EU", area: null, kind: "group" },
  { code: "group:asean", nameEn: "ASEAN", area: null, kind: "group" },
  ...COUNTRY_ROWS.map(([code, nameEn, area]) => ({ code, nameEn, area, kind: "country" as const })),
];

const partnerByCode = new Map(PARTNERS.map((p) => [p.code, p]));
export const partner = (code: string): Partner | undefined => partnerByCode.get(code);

const commodityKey = (flow: Flow, code: string) => `${flow} ${code}`;
const commodityByKey = new Map(PRINCIPAL_COMMODITIES.map((c) => [commodityKey(c.flow, c.code), c]));

/** The principal commodity with `code` (`pc:70503`) for `flow`: codes mean different goods in exports and imports. */
export const principalCommodity = (flow: Flow, code: string): PrincipalCommodity | undefined =>
  commodityByKey.get(commodityKey(flow, code));

const HS_CODE = /^hs:(\d{2}|\d{4}|\d{6}|\d{9})$/;

/** Why `code` is not a commodity code for `flow`, or null when it is one. */
export function commodityProblem(flow: Flow, code: string): string | null {
  if (code === "total" || HS_CODE.test(code)) return null;
  if (code.startsWith("pc:")) {
    return principalCommodity(flow, code) ? null : `unknown principal-commodity code ${code} for ${flow}s (see \`boeki codes --commodities\`)`;
  }
  if (code.startsWith("hs:")) return `HS code ${code} must have 2, 4, 6 or 9 digits`;
  return `unknown commodity code "${code}"; expected total, hs:<2|4|6|9 digits> or pc:<principal-commodity code>`;
}

/** Why `code` is not a partner code, or null when it is one. */
export function partnerProblem(code: string): string | null {
  if (partnerByCode.has(code)) return null;
  if (/^\d{3}$/.test(code)) return `unknown MoF country code ${code}`;
  return `unknown partner "${code}"; expected world, a MoF 3-digit country code, ${AREA_CODES[0]}…, or ${GROUP_CODES.join("/")}`;
}


/** A partner's English name, or the code when boeki has none. */
export const partnerName = (code: string): string => partnerByCode.get(code)?.nameEn ?? code;

/** A commodity's English name for a flow (`MOTOR VEHICLES`), `total`, or the code. */
export const commodityName = (flow: Flow | "balance", code: string): string =>
  code === "total" ? "total" : flow === "balance" ? code : principalCommodity(flow, code)?.nameEn.replace(/^\d\s+/, "") ?? code;
