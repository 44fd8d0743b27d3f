// Splitting a sentence into clauses, each with a role that says what it inherits from the clauses before it.
// A clause starts at `while`, `whereas`, `;`, `:`, a dash, 、, a participle after a comma ("…, marking the fifth
// straight month"), a cause ("…, led by cars"), a comparison ("…, compared with …", "… from ¥229 billion"), and at
// a comma or `and` once the clause already holds a number ("Automobiles plunged 24.2% and chipmaking equipment
// slumped 45.7%"). Brackets and dash pairs are asides. The words that open clauses are in CLAUSE_OPENERS.

import type { Mention } from "./numbers.js";

export type ClauseRole =
  | "main" // the sentence's first clause, or one after "while", "and", "but": a subject of its own, and it governs
  | "continuation" // "…, marking the third straight month", "…, up 11.3%": the subject of the governing clause
  | "with" // "…, with exports plunging 12.5%": its own subject, inheriting what it does not name; it governs
  | "cause" // "…, led by cars", "…, due to crude oil": its own subject, never passed on
  | "comparison" // "…, compared with a forecast of 4.5%", "…, down from ¥499.95 billion a year earlier"
  | "relative" // "…, which saw a decline of 10.4%": the subject of the clause just before
  | "aside"; // "(prior: 3.8%)", "— the largest contributor —": the subject of the clause it sits in

export interface Clause {
  /** Offsets into the sentence. */
  start: number;
  end: number;
  role: ClauseRole;
}

/** The words that open a clause (after a comma, or on their own where HARD says so), with the clause's role. */
export const CLAUSE_OPENERS: Array<[RegExp, ClauseRole]> = [
  [/^(?:while|whereas|but|although|though|however|yet)\b/i, "main"],
  [/^(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?|against|from|down from|up from|following|after|before|beating|missing|exceeding|topping|below|above|less than|more than|lower than|higher than|short of|ahead of|in line with|than|over|outpacing|outstripping|trailing)\b/i, "comparison"],
  [/^(?:led by|driven by|supported by|helped by|boosted by|fu(?:e)?lled by|weighed (?:down )?by|dragged (?:down )?by|hit by|hurt by|offset by|due (?:mainly |largely |chiefly |partly )?to|owing to|thanks to|because(?: of)?|as|amid|on the back of|reflecting|mainly|chiefly|largely|partly|primarily|particularly|especially|including|such as|despite|in spite of|according to)\b/i, "cause"],
  [/^with\b/i, "with"],
  [/^(?:which|who|when)\b/i, "relative"],
];

/** What follows a comma and continues the clause before: a participle, a bare change, an appositive. */
const CONTINUES = /^(?:\w+ing|up|down|the|a|an|its|their|now|then|again|also|still|both|each|roughly|about|just|for|to|in|at|by|of|making|marking|extending|bringing|totaling|totalling|reaching|hitting|[−–+-]?[¥$\d]|JPY)\b/i;
/** After "and"/"or": an article, a number or a preposition continues the clause before ("… and a ¥120.8 billion deficit in 2024"). */
const COORDINATE_TAIL = /^(?:a|an|the|to|from|in|on|by|of|with|[−–+-]?[¥$\d]|JPY)\b/i;

function roleOf(rest: string, previous: ClauseRole, afterComma: boolean): ClauseRole {
  let words = rest.replace(/^[\s,;:—–-]+/, "");
  const coordinated = /^(?:and|or|as well as)\s+/i.exec(words);
  if (coordinated) {
    words = words.slice(coordinated[0].length);
    for (const [pattern, role] of CLAUSE_OPENERS) if (pattern.test(words)) return role;
    return COORDINATE_TAIL.test(words) ? previous : "main";
  }
  for (const [pattern, role] of CLAUSE_OPENERS) if (pattern.test(words)) return role;
  // After a comma or a dash at the end of a clause, a participle or an appositive continues it; after a colon or a
  // dash that opens a new sentence-like clause ("TOKYO — The deficit narrowed"), a capital starts a new subject.
  return CONTINUES.test(words) && (afterComma || !/^[A-Z]/.test(words)) ? "continuation" : "main";
}

/** Boundaries whatever came before: `;`, a colon not in a time, a dash between words, 、 and 。, "while", "whereas". */
const HARD = /;|:(?!\d)|\s[–-]{1,2}\s|—|、|，|。|\s(?=while\b|whereas\b|compared (?:with|to)\b)/gi;
/**
 * Boundaries once the clause holds a number: a comma, "and", "but", "from"/"following"/"after" before a figure, and a
 * cause ("… as tariffs bite", "… mainly due to higher tariffs").
 */
const SOFT = /,\s*|\s(?=(?:and|but|or|as well as)\s)|\s(?=(?:down |up )?from (?:a |an |the )?(?:revised |upwardly revised |downwardly revised )?(?:[−–+-]?(?:¥|JPY|\$)|[−–+-]?\d))|\s(?=(?:following|after|against|versus|vs\.?) (?:a|an|the)\s)|(?<!such|so|as well|just)\s(?=as\s(?!well\b|much\b|many\b|a result\b))|\s(?=(?:mainly |largely |partly |chiefly |primarily )?(?:due to|owing to|thanks to|led by|driven by|supported by|helped by|boosted by|because of|amid)\s)/gi;
/** After a comma, words that open a clause even when the clause before holds no number yet. */
const OPENS_AFTER_COMMA = /^(?:\w+ing|marking|making|extending|bringing|while|whereas|which|as|but|despite|led by|driven by|supported by|helped by|due to|compared|following|after|with|up|down)\b/i;
/** Asides: brackets, and em-dash pairs within the sentence. */
const ASIDE = /[(（][^()（）]*[)）]|—[^—]{1,120}—/g;

/**
 * The clauses of a sentence, in order. `mentions` (sorted, not overlapping) decide where a comma or `and` splits
 * and are never split themselves. Linear: boundaries come from three scans and are walked once.
 */
export function clausesOf(sentence: string, mentions: readonly Mention[]): Clause[] {
  type Cut = { at: number; skip: number; hard: boolean; aside?: "open" | "close" };
  const cuts: Cut[] = [];
  for (const m of sentence.matchAll(HARD)) cuts.push({ at: m.index!, skip: /^\s$/.test(m[0]) ? 1 : m[0].length, hard: true });
  for (const m of sentence.matchAll(SOFT)) cuts.push({ at: m.index!, skip: m[0].length, hard: false });
  for (const m of sentence.matchAll(ASIDE)) {
    cuts.push({ at: m.index!, skip: 0, hard: true, aside: "open" });
    cuts.push({ at: m.index! + m[0].length, skip: 0, hard: true, aside: "close" });
  }
  cuts.sort((a, b) => a.at - b.at || (a.aside === "close" ? -1 : b.aside === "close" ? 1 : 0));

  const clauses: Clause[] = [];
  let start = 0;
  let role: ClauseRole = "main";
  let roleBeforeAside: ClauseRole = "main";
  let inAside = false;
  let spanning = 0; // mentions[spanning] is the first mention not ending before the cut
  let numbered = 0; // mentions[numbered] is the first mention not starting before the clause
  const numberIn = (from: number, to: number) => {
    while (numbered < mentions.length && mentions[numbered]!.start < from) numbered++;
    return numbered < mentions.length && mentions[numbered]!.start < to;
  };
  const close = (end: number) => {
    if (end > start && sentence.slice(start, end).trim()) clauses.push({ start, end, role });
  };
  for (const cut of cuts) {
    if (cut.at < start) continue;
    if (cut.aside === "close") {
      if (!inAside) continue;
      close(cut.at);
      inAside = false;
      start = cut.at;
      role = roleBeforeAside === "main" ? "continuation" : roleBeforeAside;
      continue;
    }
    if (inAside) continue;
    while (spanning < mentions.length && mentions[spanning]!.end <= cut.at) spanning++;
    if (spanning < mentions.length && mentions[spanning]!.start < cut.at) continue; // never inside "9,152.4" or "¥-17B to ¥128B"
    if (cut.aside === "open") {
      close(cut.at);
      roleBeforeAside = role;
      start = cut.at;
      role = "aside";
      inAside = true;
      continue;
    }
    if (!cut.hard && !numberIn(start, cut.at) && !(sentence[cut.at] === "," && OPENS_AFTER_COMMA.test(sentence.slice(cut.at + cut.skip, cut.at + cut.skip + 24)))) continue;
    close(cut.at);
    start = cut.at + cut.skip;
    role = roleOf(sentence.slice(start, start + 48), role, !cut.hard || sentence[cut.at] === ",");
  }
  close(sentence.length);
  return clauses;
}
