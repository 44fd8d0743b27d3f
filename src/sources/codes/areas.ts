// The Ministry's geographic areas (州) and the groups it reports as overlapping aggregates ((EU), (ASEAN)).

export const AREA_CODES = [
  "area:asia",
  "area:middle_east",
  "area:western_europe",
  "area:central_eastern_europe_russia",
  "area:north_america",
  "area:central_south_america",
  "area:africa",
  "area:oceania",
] as const;
export type AreaCode = (typeof AREA_CODES)[number];

export const AREA_NAMES: Record<AreaCode, string> = {
  "area:asia": "Asia",
  "area:middle_east": "Middle East",
  "area:western_europe": "Western Europe",
  "area:central_eastern_europe_russia": "Central and East Europe, Russia etc.",
  "area:north_america": "North America",
  "area:central_south_america": "Middle and South America",
  "area:africa": "Africa",
  "area:oceania": "Oceania",
};

export const GROUP_CODES = ["group:eu", "group:asean"] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

export interface GroupMembership {
  group: GroupCode;
  /** MoF 3-digit country code */
  partner: string;
  /** First month (`YYYY-MM`) the country counts in the group. */
  from: string;
  /** Last month it counts, or null while it is still a member. */
  to: string | null;
}

const member = (group: GroupCode, from: string, to: string | null, ...partners: string[]): GroupMembership[] =>
  partners.map((partner) => ({ group, partner, from, to }));

/**
 * Member states by accession month. Outlying territories that the Ministry codes apart (Azores 216,
 * Canary Islands 523, Ceuta and Melilla 502) are left out: the press tables do not say whether (EU) counts them.
 */
export const GROUP_MEMBERSHIPS: readonly GroupMembership[] = [
  ...member("group:eu", "1958-01", null, "208", "213", "210", "220", "209", "207"), // BE DE FR IT LU NL
  ...member("group:eu", "1973-01", null, "204", "206"), // DK IE
  ...member("group:eu", "1973-01", "2020-01", "205"), // UK: left on 2020-01-31
  ...member("group:eu", "1981-01", null, "230"), // GR
  ...member("group:eu", "1986-01", null, "218", "217"), // ES PT
  ...member("group:eu", "1995-01", null, "225", "222", "203"), // AT FI SE
  ...member("group:eu", "2004-05", null, "233", "245", "235", "227", "236", "237", "221", "223", "246", "242"),
  ...member("group:eu", "2007-01", null, "232", "231"), // BG RO
  ...member("group:eu", "2013-07", null, "241"), // HR
  ...member("group:asean", "1967-08", null, "118", "113", "117", "112", "111"), // ID MY PH SG TH
  ...member("group:asean", "1984-01", null, "116"), // BN
  ...member("group:asean", "1995-07", null, "110"), // VN
  ...member("group:asean", "1997-07", null, "121", "122"), // LA MM
  ...member("group:asean", "1999-04", null, "120"), // KH
  ...member("group:asean", "2025-10", null, "128"), // TL, admitted at the October 2025 summit
];
