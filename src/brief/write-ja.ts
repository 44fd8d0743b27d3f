// The same story in Japanese, as the Ministry's Japanese release and the Jiji/NHK reports of it tell it: the balance
// first (in 億円, the difference of the rounded exports and imports), 前年同月比, 増/減, か月ぶり/か月連続, 対米/対中.

import type { Fact } from "../figures/index.js";
import { bilateralJa, goodsJa, monthJa, partnerJa, pctJa, yearJa, yenJa } from "./format.js";
import { sentence, type Sentence, type SentenceBuilder } from "./sentence.js";
import type { BalanceStory, PartnerStory, Story, YearStory } from "./story.js";
import type { Written } from "./write-en.js";

const change = (value: number) => (value > 0 ? "増" : value < 0 ? "減" : "横ばい");
const STAGES_JA: Record<string, string> = { provisional: "速報", detailed: "輸出確報", revised: "確報", fixed: "確定", first_10_days: "上旬速報", first_20_days: "上中旬速報" };
const SIGNS_JA: Record<string, string> = { rise: "増加", fall: "減少", surplus: "黒字", deficit: "赤字" };

function pct(b: SentenceBuilder, fact: Fact): SentenceBuilder {
  return fact.value === 0 ? b.add("横ばい") : b.fact(fact, pctJa(fact.value)).add(change(fact.value));
}

/** Why a move is news: 9か月ぶりの高い伸び, 8か月ぶりの増加, 4か月連続の増加. */
function why(b: SentenceBuilder, fact: Fact, value: number): SentenceBuilder {
  const atLeast = fact.detail?.atLeast ? "少なくとも" : "";
  switch (fact.metric) {
    case "highest_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(value > 0 ? "か月ぶりの高い伸び" : "か月ぶりの小さな減少");
    case "lowest_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(value < 0 ? "か月ぶりの大きな減少" : "か月ぶりの低い伸び");
    case "first_since":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(`か月ぶりの${SIGNS_JA[fact.detail?.sign ?? ""] ?? "変化"}`);
    case "streak":
      return b.add(atLeast).fact(fact, String(fact.value), "count").add(`か月連続の${SIGNS_JA[fact.detail?.sign ?? ""] ?? "変化"}`);
    case "record_month":
      return b.add(`${monthJa(fact.period, fact.period)}として過去最高`).cite(fact);
    default:
      return b;
  }
}

/** The contribution to the total's change, as the English story gives it for the first good: （寄与度0.7ポイント）. */
function contribution(b: SentenceBuilder, fact: Fact | undefined): SentenceBuilder {
  if (!fact || Math.abs(fact.value) < 0.1) return b;
  return b.add(`（寄与度${fact.value < 0 ? "マイナス" : ""}`).fact(fact, Math.abs(fact.value).toFixed(1)).add("ポイント）");
}

/** The balance as the Japanese release prints it: the difference of the rounded exports and imports. */
const shown = (balance: BalanceStory) => balance.rounded ?? balance.level;
const sideOf = (value: number) => (value >= 0 ? "黒字" : "赤字");

/** 黒字額は前年同月比11.3%拡大した / 前年同月は1208億円の赤字だった. */
function yearEarlier(balance: BalanceStory, base: string, subject = ""): Sentence | null {
  const level = shown(balance);
  if (!level.basis) return null;
  const before = level.basis.value;
  const b = sentence();
  if (balance.yoy && Math.sign(before) === Math.sign(level.value)) {
    const shrank = Math.abs(level.value) < Math.abs(before);
    b.add(`${subject}${sideOf(level.value)}額は${base}の`).fact(level, yenJa(before), "basis").add("から").fact(balance.yoy, pctJa(balance.yoy.value)).add(shrank ? "縮小した。" : "拡大した。");
  } else {
    b.add(`${base}は`).fact(level, yenJa(before), "basis").add(`の${sideOf(before)}だった。`);
  }
  return b.build();
}

function title(story: Story): Sentence {
  const month = monthJa(story.month, story.month);
  const balance = story.balance;
  if (!balance) return pct(sentence().add(`${month}の輸出、`), story.exports.yoy).build();
  const level = shown(balance);
  const b = sentence().add(`${month}の貿易収支、`).fact(level, yenJa(level.value)).add(`の${sideOf(level.value)}`);
  const h = balance.highlight;
  if (h?.metric === "first_since") b.add("　").add(h.detail?.atLeast ? "少なくとも" : "").fact(h, String(h.value), "count").add("か月ぶり");
  else if (h?.metric === "streak") b.add("　").fact(h, String(h.value), "count").add("か月連続");
  return b.build();
}

function leadParagraph(story: Story): Sentence[] {
  const month = monthJa(story.month, story.month);
  const released = story.exports.yoy.vintage.released;
  const stage = STAGES_JA[story.exports.yoy.vintage.stage];
  const who = `財務省が${released ? `${Number(released.slice(8, 10))}日` : ""}発表した${month}の貿易統計（${stage ? `${stage}、` : ""}通関ベース）によると、`;
  const balance = story.balance;
  if (!balance) return [pct(sentence().add(`${who}輸出は前年同月比`), story.exports.yoy).add("の").fact(story.exports.level, yenJa(story.exports.level.value)).add("だった。").build()];
  const level = shown(balance);
  const sentences = [sentence().add(`${who}輸出から輸入を差し引いた貿易収支は`).fact(level, yenJa(level.value)).add(`の${sideOf(level.value)}だった。`).build()];
  const h = balance.highlight;
  if (h?.metric === "first_since") sentences.push(sentence().add(`${sideOf(level.value)}は${h.detail?.atLeast ? "少なくとも" : ""}`).fact(h, String(h.value), "count").add("か月ぶり。").build());
  else if (h?.metric === "streak") sentences.push(sentence().add(`${sideOf(level.value)}は`).fact(h, String(h.value), "count").add("か月連続。").build());
  const earlier = yearEarlier(balance, "前年同月");
  if (earlier) sentences.push(earlier);
  return sentences;
}

function tradeParagraph(story: Story): Sentence[] {
  const { exports, imports } = story;
  const sentences: Sentence[] = [];
  const b = pct(sentence().add("輸出は前年同月比"), exports.yoy).add("の").fact(exports.level, yenJa(exports.level.value));
  if (exports.highlight) why(b.add("で、"), exports.highlight, exports.yoy.value).add("となった。");
  else b.add("だった。");
  sentences.push(b.build());
  for (const { forecast, surprise } of story.forecasts.filter((f) => f.forecast.unit === "pct").slice(0, 1)) {
    const c = sentence().add(`市場予想（${forecast.detail?.source}、`);
    pct(c, forecast).add(`）を${surprise.detail?.outcome === "beat" ? "上回った" : surprise.detail?.outcome === "miss" ? "下回った" : "の通りだった"}。`);
    sentences.push(c.build());
  }
  if (story.previous) {
    const prior = story.previous;
    const c = pct(sentence().fact(prior, monthJa(prior.period, story.month), "month").add("は"), prior);
    if (prior.published !== undefined && prior.published !== prior.value) {
      c.add("（速報値の").fact(prior, pctJa(prior.published), "published").add(`${change(prior.published)}から改定）`);
    }
    sentences.push(c.add("だった。").build());
  }
  if (imports) {
    const c = pct(sentence().add("輸入は"), imports.yoy).add("の").fact(imports.level, yenJa(imports.level.value));
    if (imports.highlight && imports.highlight.metric !== "streak") why(c.add("で、"), imports.highlight, imports.yoy.value).add("となった。");
    else c.add("だった。");
    sentences.push(c.build());
  }
  return sentences;
}

/** 2024年の輸出は前年比6.2%増の107兆886億円で、過去最高となった。 */
function yearParagraph(year: YearStory): Sentence[] {
  const base = year.period.startsWith("FY") ? "前年度" : "前年";
  const side = (name: string, s: { level: Fact; yoy?: Fact; record?: Fact }, first: boolean) => {
    const b = first ? sentence().fact(s.level, yearJa(year.period), "month").add(`の${name}は${base}比`) : sentence().add(`${name}は`);
    if (s.yoy) pct(b, s.yoy).add("の");
    b.fact(s.level, yenJa(s.level.value));
    if (s.record && !s.record.detail?.atLeast) b.add("で、過去最高となった。").cite(s.record);
    else b.add("だった。");
    return b.build();
  };
  const sentences = [side("輸出", year.exports, true)];
  if (year.imports) sentences.push(side("輸入", year.imports, false));
  if (year.balance) {
    const level = shown(year.balance);
    sentences.push(sentence().add("貿易収支は").fact(level, yenJa(level.value)).add(`の${sideOf(level.value)}だった。`).build());
    const earlier = yearEarlier(year.balance, base);
    if (earlier) sentences.push(earlier);
  }
  return sentences;
}

/** 米国向け輸出は8.8%増の1兆8169億円で、8か月ぶりの増加となった。… 対米貿易収支は7398億円の黒字で、… */
function partnerParagraph(p: PartnerStory, told: Set<string | undefined>): Sentence[] {
  const name = partnerJa(p.partner);
  const sentences: Sentence[] = [];
  if (p.exports) {
    const b = pct(sentence().add(`${name}向け輸出は`), p.exports.yoy).add("の").fact(p.exports.level, yenJa(p.exports.level.value));
    if (p.exports.turn && !told.has(p.exports.turn.id)) {
      told.add(p.exports.turn.id);
      why(b.add("で、"), p.exports.turn, p.exports.yoy.value).add("となった。");
    } else b.add("だった。");
    sentences.push(b.build());
  }
  if (p.goods.length) {
    const b = sentence();
    p.goods.forEach((good, i) => {
      b.add(`${i ? "、" : ""}${goodsJa("export", good.yoy.commodity)}は`);
      pct(b, good.yoy);
      if (good.level) b.add("の").fact(good.level, yenJa(good.level.value));
    });
    sentences.push(b.add("だった。").build());
  }
  if (p.imports) sentences.push(pct(sentence().add(`${name}からの輸入は`), p.imports.yoy).add("の").fact(p.imports.level, yenJa(p.imports.level.value)).add("だった。").build());
  if (p.balance) {
    const level = shown(p.balance);
    const b = sentence().add(`${bilateralJa(p.partner)}貿易収支は`).fact(level, yenJa(level.value)).add(`の${sideOf(level.value)}`);
    const h = p.balance.highlight;
    if (h?.metric === "first_since") why(b.add("で、"), h, level.value).add("となった。");
    else b.add("だった。");
    sentences.push(b.build());
    const earlier = yearEarlier(p.balance, "前年同月");
    if (earlier) sentences.push(earlier);
    const turn = p.balance.changeTurn;
    if (turn && turn.value >= 3 && earlier && p.balance.yoy && Math.sign(level.basis!.value) === Math.sign(level.value)) {
      const widened = (turn.detail?.sign === "rise") === (level.value >= 0);
      sentences.push(sentence().add(`${sideOf(level.value)}幅の${widened ? "拡大" : "縮小"}は${turn.detail?.atLeast ? "少なくとも" : ""}`).fact(turn, String(turn.value), "count").add("か月ぶり。").build());
    }
  }
  return sentences;
}

export function writeJapanese(story: Story): Written {
  const told = new Set([story.exports.highlight?.id, story.imports?.highlight?.id, story.balance?.highlight?.id]);
  const paragraphs: Sentence[][] = [leadParagraph(story), tradeParagraph(story), story.year ? yearParagraph(story.year) : []];
  for (const p of story.partners) paragraphs.push(partnerParagraph(p, told));
  paragraphs.push(
    story.destinations.map((mover, i) => {
      const b = pct(sentence().add(`${i === 0 ? "地域別では、" : ""}${partnerJa(mover.yoy.partner)}向けが`), mover.yoy);
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
  if (story.importGoods.length) {
    const b = sentence().add("輸入では");
    story.importGoods.forEach((mover, i) => {
      pct(b.add(`${i ? "、" : ""}${goodsJa("import", mover.yoy.commodity)}が`), mover.yoy);
      if (i === 0) contribution(b, mover.contribution);
    });
    goods.push(b.add("だった。").build());
  }
  paragraphs.push(goods);
  return { title: title(story), paragraphs: paragraphs.filter((p) => p.length > 0) };
}
