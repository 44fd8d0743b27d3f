// The code lists as rows for people and programs: what `boeki codes` prints and the API's /api/codes and the MCP
// `codes` tool answer — English and Japanese names, ISO codes, and a search over every name.

import { PARTNERS, PRINCIPAL_COMMODITIES, type PrincipalCommodity } from "./index.js";
import { partnerEntry, searchCodes, type PartnerEntry } from "./resolve.js";

export type CodeListKind = "partners" | "commodities";

const partnerRow = (p: PartnerEntry) => ({ code: p.code, name: p.nameEn, ja: p.nameJa ?? "", iso2: p.iso2 ?? "", iso3: p.iso3 ?? "", area: p.area ?? "", kind: p.kind });
const commodityRow = (c: PrincipalCommodity) => ({ flow: c.flow, code: c.code, name: c.nameEn, ja: c.nameJa, parent: c.parent ?? "", unit: c.quantityUnit ?? "" });

export type PartnerRow = ReturnType<typeof partnerRow>;
export type CommodityRow = ReturnType<typeof commodityRow>;

/** Every partner or every principal commodity, a row each. */
export function codeList(kind: CodeListKind): PartnerRow[] | CommodityRow[] {
  return kind === "commodities" ? PRINCIPAL_COMMODITIES.map(commodityRow) : PARTNERS.map((p) => partnerRow(partnerEntry(p)));
}

/** The partners and principal commodities whose code or names hold `query` (any language); the nearest when none does. */
export function searchCodeList(query: string): { partners: PartnerRow[]; commodities: CommodityRow[] } {
  const found = searchCodes(query);
  return { partners: found.partners.map(partnerRow), commodities: found.commodities.map(commodityRow) };
}
