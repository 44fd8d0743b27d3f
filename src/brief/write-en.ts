// The story in English, in the register of a wire report: headline, a lead with the level, the move and
// why it is news, then the forecast, the month before, imports, the balance, destinations and goods.

import type { Fact } from "../figures/index.js";
import { countEn, goodsEn, monthEn, monthNameEn, ordinalEn, partnerEn, pctEn, ppEn, yenEn } from "./format.js";
import { sentence, type Sentence, type SentenceBuilder } from "./sentence.js";
import type { Mover, Story } from "./story.js";

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
      return b.add("the ").fact(fact, ordinalEn(n), "count").add(` straight ${noun}`);
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
      const shrank = Math.abs(level.value) < Math.abs(before);
      const verb = surplus ? (shrank ? "shrank" : "grew") : shrank ? "narrowed" : "widened";
      c.add(`The ${surplus ? "surplus" : "deficit"} ${verb} `).fact(yoy, pctEn(yoy.value)).add(" from ").fact(level, yenEn(before), "basis").add(" a year earlier.");
    } else {
      c.add(`A year earlier Japan had run a ${before >= 0 ? "surplus" : "deficit"} of `).fact(level, yenEn(before), "basis").add(".");
    }
    sentences.push(c.build());
  }
  return sentences;
}

function destinationSentence(mover: Mover, index: number, story: Story, told: Set<string>): Sentence {
  const { yoy, turn } = mover;
  const who = partnerEn(yoy.partner);
  const b = sentence().add(index === 0 ? `By destination, exports to ${who} ` : index % 2 ? `Shipments to ${who} ` : `Exports to ${who} `);
  b.add(`${moved(yoy.value, { strong: true })} `);
  if (yoy.value !== 0) b.fact(yoy, pctEn(yoy.value));
  if (turn && !told.has(turn.id)) {
    told.add(turn.id);
    why(b.add(", "), turn, yoy.value, story);
  }
  return b.add(".").build();
}

function goodsSentence(goods: Mover[], flow: "export" | "import"): Sentence | null {
  if (goods.length === 0) return null;
  const b = sentence().add(flow === "export" ? "Among goods, " : "On the import side, ");
  goods.forEach((mover, i) => {
    const { yoy, contribution } = mover;
    if (i > 0) b.add(i === goods.length - 1 ? " and " : ", ");
    b.add(`${i === 0 && flow === "export" ? "exports of " : ""}${goodsEn(flow, yoy.commodity)} ${moved(yoy.value)} `);
    if (yoy.value !== 0) b.fact(yoy, pctEn(yoy.value));
    if (i === 0 && contribution && Math.abs(contribution.value) >= 0.1) {
      b.add(`, ${contribution.value >= 0 ? "adding" : "subtracting"} `).fact(contribution, ppEn(contribution.value)).add(contribution.value >= 0 ? " to the total" : " from the total");
    }
  });
  return b.add(".").build();
}

export function writeEnglish(story: Story): Written {
  const told = new Set<string>([story.exports.highlight?.id, story.imports?.highlight?.id, story.balance?.highlight?.id].filter((x): x is string => !!x));
  const paragraphs: Sentence[][] = [
    [lead(story)],
    [forecastSentence(story), previousSentence(story)].filter((s): s is Sentence => !!s),
    [importsSentence(story), ...balanceSentences(story)].filter((s): s is Sentence => !!s),
    story.destinations.map((m, i) => destinationSentence(m, i, story, told)),
    [goodsSentence(story.exportGoods, "export"), goodsSentence(story.importGoods, "import")].filter((s): s is Sentence => !!s),
  ];
  if (story.exports.record && story.exports.record.id !== story.exports.highlight?.id) {
    paragraphs.push([sentence().add(`${monthNameEn(story.month)}'s exports were the highest for the month on record.`).cite(story.exports.record).build()]);
  }
  return { title: title(story), paragraphs: paragraphs.filter((p) => p.length > 0) };
}
