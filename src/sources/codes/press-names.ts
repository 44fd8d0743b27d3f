// The Ministry's press tables name partners and commodities by short English names (`HG KONG`, `U ARB E`,
// `(EU)`, `SEMICON MACHINERY ETC`), not by code. No official table maps them; this one is ours, kept by hand.

import type { Flow } from "../../domain.js";
import { PRINCIPAL_COMMODITIES } from "./principal-commodities.js";

/** Press short name → partner code. Areas and groups as the area table prints them, countries by MoF code. */
export const PRESS_PARTNERS: Readonly<Record<string, string>> = {
  "Grand Total": "world",
  ASIA: "area:asia",
  "(ASEAN)": "group:asean",
  ASEAN: "group:asean",
  OCEANIA: "area:oceania",
  "NORTH AMERICA": "area:north_america",
  "MIDDLE SOUTH AMERICA": "area:central_south_america",
  "WESTERN EUROPE": "area:western_europe",
  "C&E EURO": "area:central_eastern_europe_russia",
  "(EU)": "group:eu",
  EU: "group:eu",
  "MIDDLE EAST": "area:middle_east",
  AFRICA: "area:africa",
  CHINA: "105",
  "HG KONG": "108",
  TAIWAN: "106",
  "R KOREA": "103",
  SNGAPOR: "112",
  THAILND: "111",
  MALYSIA: "113",
  INDNSIA: "118",
  PHILPIN: "117",
  VIETNAM: "110",
  INDIA: "123",
  PAKISTN: "124",
  BRUNEI: "116",
  AUSTRAL: "601",
  NEWZELD: "606",
  "PAP NGA": "602",
  USA: "304",
  CANADA: "302",
  BRAZIL: "410",
  MEXICO: "305",
  CHILE: "409",
  ARGENT: "413",
  COLMBIA: "401",
  PERU: "407",
  VENEZLA: "402",
  PANAMA: "312",
  PRTRICO: "324",
  GERMANY: "213",
  "U KING": "205",
  FRANCE: "210",
  NETHLDS: "207",
  ITALY: "220",
  BELGIUM: "208",
  SWITZLD: "215",
  SWEDEN: "203",
  IRELAND: "206",
  SPAIN: "218",
  AUSTRIA: "225",
  DENMARK: "204",
  FINLAND: "222",
  GREECE: "230",
  NORWAY: "202",
  PORTUGL: "217",
  TURKEY: "234",
  RUSSIA: "224",
  "U ARB E": "147",
  "SU ARAB": "137",
  KUWAIT: "138",
  QATAR: "140",
  OMAN: "141",
  IRAN: "133",
  BAHRAIN: "135",
  ISRAEL: "143",
  "S AFRCA": "551",
  LIBERIA: "515",
};

/** Item names the press tables once printed that have no code in today's d51ma/d61ma; such rows are skipped, and counted. */
export const RETIRED_PRESS_ITEMS: ReadonlySet<string> = new Set(["BLANK/RECORDED MEDIA", "(SHRIMPS, PRAWNS, LOBSTERS)", "(VIDEO REC OR REPRO APP)"]);

/** Older names of items that still exist under another name. */
const ITEM_ALIASES: Partial<Record<Flow, Record<string, string>>> = {
  export: { "AUDIO APPARATUS": "pc:70311", "VISUAL APPARATUS": "pc:70309" },
};

/** `1 FOODSTUFF` and `  FOODSTUFF` and `Foodstuff` are one item. */
export const normalizePressItem = (name: string) => name.trim().replace(/^\d\s+/, "").replace(/\s+/g, " ").toUpperCase();

const itemsByFlow = new Map<Flow, Map<string, string>>();
for (const c of PRINCIPAL_COMMODITIES) {
  const items = itemsByFlow.get(c.flow) ?? new Map<string, string>();
  items.set(normalizePressItem(c.nameEn === "TOTAL" ? "Grand Total" : c.nameEn), c.code);
  itemsByFlow.set(c.flow, items);
}
for (const [flow, aliases] of Object.entries(ITEM_ALIASES)) {
  for (const [name, code] of Object.entries(aliases)) itemsByFlow.get(flow as Flow)!.set(name, code);
}

/** The commodity code of a press item name for a flow (`SEMICON MACHINERY ETC` → `pc:70131`), or undefined. */
export function pressCommodity(flow: Flow, name: string): string | undefined {
  return itemsByFlow.get(flow)?.get(normalizePressItem(name));
}

export function pressPartner(name: string): string | undefined {
  return PRESS_PARTNERS[name.trim()] ?? PRESS_PARTNERS[name.trim().toUpperCase()];
}
