// The code lists as rows for people and programs: what `boeki codes` prints and the API's /api/codes answers.

import { PARTNERS, PRINCIPAL_COMMODITIES } from "./index.js";

export type CodeListKind = "partners" | "commodities";

export function codeList(kind: CodeListKind) {
  return kind === "commodities"
    ? PRINCIPAL_COMMODITIES.map((c) => ({ flow: c.flow, code: c.code, name: c.nameEn, ja: c.nameJa, parent: c.parent ?? "", unit: c.quantityUnit ?? "" }))
    : PARTNERS.map((p) => ({ code: p.code, name: p.nameEn, area: p.area ?? "", kind: p.kind }));
}
