// The story in English, in the register of a wire report: headline, a lead with the level, the move and why it
// is news, then the forecast, the month before, imports, the balance, the United States and China, other markets,
// goods, and in December the year.

import type { Fact } from "../figures/index.js";
import { countEn, goodsEn, monthEn, monthNameEn, ordinalEn, partnerEn, partnerShortEn, pctEn, ppEn, yearEn, yenEn } from "./format.js";
import { sentence, type Sentence, type SentenceBuilder } from "./sentence.js";
import type { BalanceStory, Mover, PartnerStory, Story, YearStory } from "./story.js";

export interface Written {
  title: Sentence;
  paragraphs: Sentence[][];
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const weekday = (date: string | null) => (date ? WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] : null);

/** rose / fell / was flat, stronger words for big moves. */
function moved(value: number, { past = true, strong = false } = {}): string {
  if (value === 0) return past ? "were flat" : "flat";
  if (value > 0) return strong && value >= 20 ? (past ? "jumped" : "jump") : past ? "rose" : "rise";
  return strong && value <= -20 ? (past ? "slumped" : "slump") : past ? "fell" : "fall";
}

/** "rose 8.8%", or "were flat". */
const movedBy = (b: SentenceBuilder, yoy: Fact, strong = false) => (yoy.value === 0 ? b.add(moved(0)) : b.add(`${moved(yoy.value, { strong })} `).fact(yoy, pctEn(yoy.value)));

/** Why a move is news, as a phrase after the number: "the fastest growth in nine months". */
function why(b: SentenceBuilder, fact: Fact, change: number, story: Story): SentenceBuilder {
  const n = fact.value;
  const atLeast = fact.detail?.atLeast ? "at least " : "";
  switch (fact.metric) {
    case "highest_since":
      return b.add(change > 0 ? "the fastest growth in " : "the smallest decline in ").add(atLeast).fact(fact, countEn(n), "count").add(" months");
    case "lowest_since":
      return b.add(change < 0 ? "the steepest decline in " : "the slowest growth in ").add(atLeast).fact(fact, countEn(n), "count").add(" months");
    case "first_since": {
      const noun = fact.detail?.sign === "rise" ? "rise" : fact.detail?.sign === "fall" ? "decline" : fact.detail?.sign ?? "change";
      if (fact.basis && !fact.detail?.atLeast) return b.add(`the first ${noun} since `).fact(fact, monthEn(fact.basis.period, story.month), "period");
      return b.add(`the first ${noun} in `).add(atLeast).fact(fact, countEn(n), "count").add(" months");
    }
    case "streak": {
      const noun = fact.detail?.sign === "rise" ? "monthly rise" : fact.detail?.sign === "fall" ? "monthly decline" : `monthly ${fact.detail?.sign}`;
      return b.add(atLeast ? "at least the " : "the ").fact(fact, ordinalEn(n), "count").add(` straight ${noun}`);
    }
    case "record_month":
      return b.add(`the highest ${monthNameEn(fact.period)} on record`).cite(fact);
    default:
      return b;
  }
}

function lead(story: Story): Sentence {
  const { level, yoy, highlight } = story.exports;
  const b = sentence().add(`Japan's exports ${moved(yoy.value)} `);
  if (yoy.value !== 0) b.fact(yoy, pctEn(yoy.value));
  b.add(` in ${monthNameEn(story.month)} from a year earlier to `).fact(level, yenEn(level.value));
  if (highlight) why(b.add(", "), highlight, yoy.value, story);
  const day = weekday(yoy.vintage.released);
  return b.add(`, Ministry of Finance data showed${day ? ` on ${day}` : ""}.`).build();
}

function title(story: Story): Sentence {
  const { yoy, highlight } = story.exports;
  const b = sentence().add(`Japan's exports ${moved(yoy.value, { past: false })} `);
  if (yoy.value !== 0) b.fact(yoy, pctEn(yoy.value));
  b.add(` in ${monthNameEn(story.month)}`);
  const surprise = story.forecasts[0]?.surprise;
  if (highlight?.metric === "highest_since" && !highlight.detail?.atLeast) {
    b.add(yoy.value > 0 ? ", fastest in " : ", smallest fall in ").fact(highlight, countEn(highlight.value), "count").add(" months");
  } else if (surprise && surprise.detail?.outcome !== "in line") {
    b.add(surprise.detail?.outcome === "beat" ? ", beating forecasts" : ", missing forecasts");
  }
  return b.build();
}

function forecastSentence(story: Story): Sentence | null {
  const entry = story.forecasts.find((f) => f.forecast.flow === "export") ?? story.forecasts[0];
  if (!entry) return null;
  const { forecast, surprise } = entry;
  const verb = surprise.detail?.outcome === "beat" ? "beat" : surprise.detail?.outcome === "miss" ? "fell short of" : "was in line with";
  const what = forecast.flow === "balance" ? "balance" : forecast.value >= 0 ? "rise" : "fall";
  const b = sentence().add(`That ${verb} the `);
  if (forecast.unit === "pct") b.fact(forecast, pctEn(forecast.value)).add(` ${what} forecast`);
  else b.fact(forecast, `¥${Math.abs(forecast.value).toFixed(1)} billion`).add(` ${forecast.value >= 0 ? "surplus" : "deficit"} forecast`);
  return b.add(` in a ${forecast.detail?.source} of economists.`).build();
}

function previousSentence(story: Story): Sentence | null {
  const prior = story.previous;
  if (!prior) return null;
  const noun = prior.value > 0 ? "rise" : prior.value < 0 ? "decline" : "flat reading";
  const b = sentence().add("That followed ");
  if (prior.value === 0) return b.add(`flat exports in ${monthNameEn(prior.period)}.`).build();
  const accelerating = story.exports.yoy.value > prior.value && prior.value > 0 ? ", as growth picked up" : "";
  const revised = prior.published !== undefined && prior.published !== prior.value;
  b.add(revised ? "a revised " : "a ").fact(prior, pctEn(prior.value)).add(` ${noun} in `).fact(prior, monthEn(prior.period, story.month), "month");
  if (revised) b.add(" (first reported as ").fact(prior, `${prior.published! < 0 ? "-" : ""}${pctEn(prior.published!)}`, "published").add(")");
  return b.add(`${accelerating}.`).build();
}

function importsSentence(story: Story): Sentence | null {
  if (!story.imports) return null;
  const { level, yoy, highlight } = story.imports;
  const b = sentence().add(`Imports ${moved(yoy.value)} `);
  if (yoy.value !== 0) b.fact(yoy, pctEn(yoy.value));
  b.add(" to ").fact(level, yenEn(level.value));
  if (highlight && highlight.metric !== "streak") why(b.add(", "), highlight, yoy.value, story);
  return b.add(".").build();
}

/** "grew", "shrank", "widened", "narrowed": which way a balance went on a year earlier. */
function balanceVerb(level: Fact): string {
  const before = level.basis!.value;
  const surplus = level.value >= 0;
  const shrank = Math.abs(level.value) < Math.abs(before);
  return surplus ? (shrank ? "shrank" : "grew") : shrank ? "narrowed" : "widened";
}

function balanceSentences(story: Story): Sentence[] {
  const balance = story.balance;
  if (!balance) return [];
  const { level, highlight, yoy } = balance;
  const surplus = level.value >= 0;
  const b = sentence().add(`That left a trade ${surplus ? "surplus" : "deficit"} of `).fact(level, yenEn(level.value));
  if (highlight?.metric === "streak") {
    b.add(", the ").fact(highlight, ordinalEn(highlight.value), "count").add(` straight monthly ${surplus ? "surplus" : "deficit"}`);
  } else if (highlight?.metric === "first_since") {
    b.add(`, the first ${surplus ? "surplus" : "deficit"} in ${highlight.detail?.atLeast ? "at least " : ""}`).fact(highlight, countEn(highlight.value), "count").add(" months");
  }
  const sentences = [b.add(".").build()];
  if (level.basis) {
    const before = level.basis.value;
    const c = sentence();
    if (yoy && Math.sign(before) === Math.sign(level.value)) {
      c.add(`The ${surplus ? "surplus" : "deficit"} ${balanceVerb(level)} `).fact(yoy, pctEn(yoy.value)).add(" from ").fact(level, yenEn(before), "basis").add(" a year earlier.");
    } else {
      c.add(`A year earlier Japan had run a ${before >= 0 ? "surplus" : "deficit"} of `).fact(level, yenEn(before), "basis").add(".");
    }
    sentences.push(c.build());
  }
  return sentences;
}

/** "the first growth in seven months", "the third straight month it narrowed": the run of a balance's change. */
function changeRun(b: SentenceBuilder, balance: BalanceStory): SentenceBuilder {
  const turn = balance.changeTurn;
  if (!turn || turn.value < 3) return b; // "the first widening in two months" is no news
  const surplus = balance.level.value >= 0;
  const rise = turn.detail?.sign === "rise";
  const noun = surplus ? (rise ? "growth" : "shrinking") : rise ? "narrowing" : "widening";
  return b.add(` and the first ${noun} in ${turn.detail?.atLeast ? "at least " : ""}`).fact(turn, countEn(turn.value), "count").add(" months");
}

/** "That left Japan a surplus of ¥739.8 billion with the U.S., up 11.3% from a year earlier and the first growth in seven months." */
function bilateralBalance(b: SentenceBuilder, balance: BalanceStory, partner: string, lead: string): SentenceBuilder {
  const { level, yoy, highlight } = balance;
  const surplus = level.value >= 0;
  b.add(`${lead} a ${surplus ? "surplus" : "deficit"} of `).fact(level, yenEn(level.value)).add(` with ${partnerShortEn(partner)}`);
  if (highlight?.metric === "first_since") {
    return b.add(`, its first ${surplus ? "surplus" : "deficit"} with ${partnerShortEn(partner)} in ${highlight.detail?.atLeast ? "at least " : ""}`).fact(highlight, countEn(highlight.value), "count").add(" months.");
  }
  const before = level.basis?.value;
  if (before === undefined) return b.end();
  if (yoy && Math.sign(before) === Math.sign(level.value)) {
    const larger = Math.abs(level.value) >= Math.abs(before);
    if (surplus) b.add(`, ${larger ? "up" : "down"} `).fact(yoy, pctEn(yoy.value)).add(" from a year earlier");
    else b.add(", ").fact(yoy, pctEn(yoy.value)).add(` ${larger ? "wider" : "narrower"} than a year earlier`);
    return changeRun(b, balance).add(".");
  }
  return b.add(`, against a ${before >= 0 ? "surplus" : "deficit"} of `).fact(level, yenEn(before), "basis").add(" a year earlier.");
}

function partnerParagraph(p: PartnerStory, story: Story, told: Set<string>): Sentence[] {
  const sentences: Sentence[] = [];
  const name = partnerEn(p.partner);
  if (p.exports) {
    const b = movedBy(sentence().add(`Exports to ${name} `), p.exports.yoy, true).add(" to ").fact(p.exports.level, yenEn(p.exports.level.value));
    if (p.exports.turn && !told.has(p.exports.turn.id)) {
      told.add(p.exports.turn.id);
      why(b.add(", "), p.exports.turn, p.exports.yoy.value, story);
    }
    sentences.push(b.add(".").build());
  }
  if (p.goods.length) {
    const b = sentence();
    p.goods.forEach((good, i) => {
      const goods = goodsEn("export", good.yoy.commodity);
      b.add(i === 0 ? `Exports of ${goods} to ${partnerShortEn(p.partner)} ` : `, while ${goods} `);
      movedBy(b, good.yoy);
    });
    sentences.push(b.add(".").build());
  }
  if (p.imports) {
    const b = movedBy(sentence().add(`Imports from ${partnerShortEn(p.partner)} `), p.imports.yoy).add(" to ").fact(p.imports.level, yenEn(p.imports.level.value));
    if (p.balance) bilateralBalance(b.add(", leaving Japan"), p.balance, p.partner, "");
    else b.add(".");
    sentences.push(b.build());
  }
  return sentences;
}

function destinationSentence(mover: Mover, index: number, story: Story, told: Set<string>): Sentence {
  const { yoy, turn } = mover;
  const who = partnerEn(yoy.partner);
  const b = sentence().add(index % 2 ? `Shipments to ${who} ` : `Exports to ${who} `);
  movedBy(b, yoy, true);
  if (turn && !told.has(turn.id)) {
    told.add(turn.id);
    why(b.add(", "), turn, yoy.value, story);
  }
  return b.add(".").build();
}

function goodsSentence(goods: Mover[], flow: "export" | "import"): Sentence | null {
  if (goods.length === 0) return null;
  const b = sentence().add(flow === "export" ? "Among goods, " : "On the import side, ");
  const leadsWithContribution = Math.abs(goods[0]!.contribution?.value ?? 0) >= 0.1;
  goods.forEach((mover, i) => {
    const { yoy, contribution } = mover;
    // "X rose 13.0%, adding 0.7 points to the total, while cars fell 4.1% and steel fell 9.0%."
    if (i > 0) b.add(i === 1 && leadsWithContribution ? ", while " : i === goods.length - 1 ? " and " : ", ");
    b.add(`${i === 0 && flow === "export" ? "exports of " : ""}${goodsEn(flow, yoy.commodity)} `);
    movedBy(b, yoy);
    if (i === 0 && contribution && Math.abs(contribution.value) >= 0.1) {
      b.add(`, ${contribution.value >= 0 ? "adding" : "subtracting"} `).fact(contribution, ppEn(contribution.value)).add(contribution.value >= 0 ? " to the total" : " from the total");
    }
  });
  return b.add(".").build();
}

/** "In 2024 as a whole, exports rose 6.2% to a record ¥107.09 trillion and imports rose 1.8% …". */
function yearSentences(year: YearStory): Sentence[] {
  const { exports, imports, balance } = year;
  const b = sentence().add("In ").fact(exports.level, yearEn(year.period), "month").add(" as a whole, exports ");
  const side = (s: { level: Fact; yoy?: Fact; record?: Fact }) => {
    if (s.yoy) movedBy(b, s.yoy).add(" ");
    b.add(s.record && !s.record.detail?.atLeast ? "to a record " : "to ").fact(s.level, yenEn(s.level.value));
    if (s.record && !s.record.detail?.atLeast) b.cite(s.record);
  };
  side(exports);
  if (imports) {
    b.add(" and imports ");
    side(imports);
  }
  const sentences = [b.add(".").build()];
  if (balance) {
    const surplus = balance.level.value >= 0;
    const c = sentence().add(`That left a ${surplus ? "surplus" : "deficit"} of `).fact(balance.level, yenEn(balance.level.value)).add(" for the year");
    const before = balance.level.basis?.value;
    if (before !== undefined && balance.yoy && Math.sign(before) === Math.sign(balance.level.value)) {
      c.add(`, which ${balanceVerb(balance.level)} `).fact(balance.yoy, pctEn(balance.yoy.value)).add(" from ").fact(balance.level, yenEn(before), "basis");
    } else if (before !== undefined) {
      c.add(`, after a ${before >= 0 ? "surplus" : "deficit"} of `).fact(balance.level, yenEn(before), "basis").add(" in ").fact(balance.level, yearEn(balance.level.basis!.period), "period");
    }
    sentences.push(c.add(".").build());
  }
  return sentences;
}

export function writeEnglish(story: Story): Written {
  const told = new Set<string>([story.exports.highlight?.id, story.imports?.highlight?.id, story.balance?.highlight?.id].filter((x): x is string => !!x));
  const paragraphs: Sentence[][] = [
    [lead(story)],
    [forecastSentence(story), previousSentence(story)].filter((s): s is Sentence => !!s),
    [importsSentence(story), ...balanceSentences(story)].filter((s): s is Sentence => !!s),
    story.year ? yearSentences(story.year) : [],
    ...story.partners.map((p) => partnerParagraph(p, story, told)),
    story.destinations.map((m, i) => destinationSentence(m, i, story, told)),
    [goodsSentence(story.exportGoods, "export"), goodsSentence(story.importGoods, "import")].filter((s): s is Sentence => !!s),
  ];
  if (story.exports.record && story.exports.record.id !== story.exports.highlight?.id) {
    paragraphs.push([sentence().add(`${monthNameEn(story.month)}'s exports were the highest for the month on record.`).cite(story.exports.record).build()]);
  }
  return { title: title(story), paragraphs: paragraphs.filter((p) => p.length > 0) };
}
