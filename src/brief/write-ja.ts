// The same story in Japanese, in the Ministry's own terms (前年同月比, 輸出, 輸入, 貿易収支, 黒字/赤字, か月連続).

import type { Fact } from "../figures/index.js";
import { goodsJa, monthJa, partnerJa, pctJa, yenJa } from "./format.js";
import { sentence, type Sentence, type SentenceBuilder } from "./sentence.js";
import type { Story } from "./story.js";
import type { Written } from "./write-en.js";

const change = (value: number) => (value > 0 ? "増" : value < 0 ? "減" : "横ばい");
const STAGES_JA: Record<string, string> = { provisional: "速報", detailed: "輸出確報", revised: "確報", fixed: "確定", first_10_days: "上旬速報", first_20_days: "上中旬速報" };

function pct(b: SentenceBuilder, fact: Fact): SentenceBuilder {
  return fact.value === 0 ? b.add("横ばい") : b.fact(fact, pctJa(fact.value)).add(change(fact.value));
}

function why(b: SentenceBuilder, fact: Fact, value: number): SentenceBuilder {
  const atLeast = fact.detail?.atLeast ? "少なくとも" : "";
  switch (fact.metric) {
    case "highest_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(value > 0 ? "か月ぶりの高い伸び" : "か月ぶりの小さな減少");
    case "lowest_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(value < 0 ? "か月ぶりの大きな減少" : "か月ぶりの低い伸び");
    case "first_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(`か月ぶりの${fact.detail?.sign === "rise" ? "増加" : fact.detail?.sign === "fall" ? "減少" : fact.detail?.sign === "surplus" ? "黒字" : "赤字"}`);
    case "streak":
      return b.fact(fact, String(fact.value), "count").add(`か月連続の${fact.detail?.sign === "rise" ? "増加" : fact.detail?.sign === "fall" ? "減少" : fact.detail?.sign === "surplus" ? "黒字" : "赤字"}`);
    case "record_month":
      return b.add(`${monthJa(fact.period)}として過去最高`).cite(fact);
    default:
      return b;
  }
}

/** The contribution to the total's change, as the English story gives it for the first good: （寄与度1.0ポイント）. */
function contribution(b: SentenceBuilder, fact: Fact | undefined): SentenceBuilder {
  if (!fact || Math.abs(fact.value) < 0.1) return b;
  return b.add(`（寄与度${fact.value < 0 ? "マイナス" : ""}`).fact(fact, Math.abs(fact.value).toFixed(1)).add("ポイント）");
}

export function writeJapanese(story: Story): Written {
  const { exports, imports, balance } = story;
  const month = monthJa(story.month);
  const title = sentence().add(`${month}の輸出、`);
  pct(title, exports.yoy);
  if (exports.highlight) why(title.add(" "), exports.highlight, exports.yoy.value);

  const stage = STAGES_JA[exports.yoy.vintage.stage];
  const lead = sentence().add(`財務省が発表した${month}の貿易統計${stage ? `（${stage}）` : ""}によると、輸出は前年同月比`);
  pct(lead, exports.yoy).add("の").fact(exports.level, yenJa(exports.level.value));
  if (exports.highlight) why(lead.add("で、"), exports.highlight, exports.yoy.value).add("となった。");
  else lead.add("だった。");
  const paragraphs: Sentence[][] = [[lead.build()]];

  const context: Sentence[] = [];
  for (const { forecast, surprise } of story.forecasts.filter((f) => f.forecast.unit === "pct").slice(0, 1)) {
    const b = sentence().add(`市場予想（${forecast.detail?.source}、`);
    pct(b, forecast).add(`）を${surprise.detail?.outcome === "beat" ? "上回った" : surprise.detail?.outcome === "miss" ? "下回った" : "の通りだった"}。`);
    context.push(b.build());
  }
  if (story.previous) {
    const prior = story.previous;
    const b = pct(sentence().fact(prior, monthJa(prior.period, story.month), "month").add("は"), prior);
    if (prior.published !== undefined && prior.published !== prior.value) {
      b.add("（速報値の").fact(prior, pctJa(prior.published), "published").add(`${change(prior.published)}から改定）`);
    }
    context.push(b.add("だった。").build());
  }
  paragraphs.push(context);

  const second: Sentence[] = [];
  if (imports) {
    const b = pct(sentence().add("輸入は"), imports.yoy).add("の").fact(imports.level, yenJa(imports.level.value));
    if (imports.highlight && imports.highlight.metric !== "streak") why(b.add("で、"), imports.highlight, imports.yoy.value).add("となった。");
    else b.add("だった。");
    second.push(b.build());
  }
  if (balance) {
    const surplus = balance.level.value >= 0;
    const b = sentence().add("輸出から輸入を差し引いた貿易収支は").fact(balance.level, yenJa(balance.level.value)).add(surplus ? "の黒字" : "の赤字");
    if (balance.highlight) why(b.add("で、"), balance.highlight, balance.level.value).add("となった。");
    else b.add("だった。");
    second.push(b.build());
    if (balance.level.basis) {
      const before = balance.level.basis.value;
      const c = sentence();
      if (balance.yoy && Math.sign(before) === Math.sign(balance.level.value)) {
        const shrank = Math.abs(balance.level.value) < Math.abs(before);
        c.add(`${surplus ? "黒字" : "赤字"}額は前年同月の`).fact(balance.level, yenJa(before), "basis").add("から").fact(balance.yoy, pctJa(balance.yoy.value)).add(shrank ? "縮小した。" : "拡大した。");
      } else {
        c.add("前年同月は").fact(balance.level, yenJa(before), "basis").add(before >= 0 ? "の黒字だった。" : "の赤字だった。");
      }
      second.push(c.build());
    }
  }
  paragraphs.push(second);

  const told = new Set([exports.highlight?.id, imports?.highlight?.id, balance?.highlight?.id]);
  paragraphs.push(
    story.destinations.map((mover, i) => {
      const b = sentence().add(`${i === 0 ? "地域別では、" : ""}${partnerJa(mover.yoy.partner)}向け輸出が`);
      pct(b, mover.yoy);
      if (mover.turn && !told.has(mover.turn.id)) {
        told.add(mover.turn.id);
        why(b.add("で、"), mover.turn, mover.yoy.value).add("となった。");
      } else b.add("だった。");
      return b.build();
    }),
  );

  const goods: Sentence[] = [];
  if (story.exportGoods.length) {
    const b = sentence().add("品目別では、");
    story.exportGoods.forEach((mover, i) => {
      b.add(`${i ? "、" : ""}${goodsJa("export", mover.yoy.commodity)}が`);
      pct(b, mover.yoy);
      if (i === 0) contribution(b, mover.contribution);
    });
    goods.push(b.add("だった。").build());
  }
  for (const mover of story.importGoods) {
    const b = pct(sentence().add(`輸入では${goodsJa("import", mover.yoy.commodity)}が`), mover.yoy);
    goods.push(contribution(b, mover.contribution).add("だった。").build());
  }
  paragraphs.push(goods);
  return { title: title.build(), paragraphs: paragraphs.filter((p) => p.length > 0) };
}
