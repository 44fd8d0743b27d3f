// "By the numbers": the key figures of a release as tables after the story — the sheet a reporter copies from.
// Each main partner and area with exports, imports, balance and their changes; the runs and turns; each principal
// commodity group with its change and contribution; goods by partner where printed; the year in December. Every
// cell is a fact, written as the desk writes tables (¥ billion in English, 億円 in Japanese, signed changes).

import { principalCommodity } from "../sources/codes/index.js";
import type { Fact, Figures } from "../figures/index.js";
import type { Flow } from "../domain.js";
import {
  billionsCell, goodsEn, goodsJa, monthEn, monthJa, okuCell, ordinalEn, partnerEn, partnerJa, partnerLabelEn, signedCell, yearEn, yearJa,
} from "./format.js";
import { sentence, type Sentence } from "./sentence.js";
import { isItem, STORY_PARTNERS, type Story } from "./story.js";

export interface KeyRow {
  label: string;
  /** One per column after the label; null where the data give no figure (the Ministry's "-"). */
  cells: Array<Sentence | null>;
  /** An item under the group of the row above. */
  indent?: boolean;
}

export interface KeyTable {
  id: "partners" | "runs" | "export-goods" | "import-goods" | "partner-goods" | "year" | "year-to-date";
  title: string;
  /** The label column's heading, then one per cell. */
  columns: string[];
  rows: KeyRow[];
  /** Sentences under the table (how a figure was made), each number a fact too. */
  notes: Sentence[];
}

/** Areas and blocs in the order of the Ministry's table by area (ASEAN after Asia, the EU after Western Europe). */
const AREA_ORDER = ["area:asia", "group:asean", "area:oceania", "area:north_america", "area:central_south_america", "area:western_europe", "group:eu", "area:central_eastern_europe_russia", "area:middle_east", "area:africa"];
/** Countries in the partner table: the United States and China, then the largest by trade in the month. */
const COUNTRIES_SHOWN = 15;
/** Runs told for these partners (besides the world). */
const RUN_PARTNERS = [...STORY_PARTNERS, "area:asia", "group:eu", "area:western_europe", "area:middle_east"];
/** The nine sections (大分類) of the principal-commodity tables, in their order. */
const SECTIONS = ["pc:0+1", "pc:2+4", "pc:3", "pc:5", "pc:6", "pc:701", "pc:703", "pc:705", "pc:8+9"];

type Lang = "en" | "ja";
const cell = (fact: Fact | undefined, text: (f: Fact) => string): Sentence | null => (fact ? sentence().fact(fact, text(fact)).build() : null);
const yen = (lang: Lang) => (f: Fact) => (lang === "ja" ? okuCell(f.value) : billionsCell(f.value));
const signed = (f: Fact) => signedCell(f.value);

export function keyFigures(result: Figures, story: Story, lang: Lang): KeyTable[] {
  const month = result.month;
  const byId = new Map(result.facts.map((f) => [f.id, f]));
  const at = (metric: string, flow: string, partner: string, commodity: string, period = month) => byId.get(`${metric}/${flow}/${partner}/${commodity}/${period}`);
  const ja = lang === "ja";
  const tables: KeyTable[] = [];
  // The month's levels, read once: countries for the partner table, items for the goods tables.
  const levels = result.facts.filter((f) => f.metric === "level" && f.period === month);

  // Partners: the world, the United States and China, the largest other countries, then the areas.
  const levelOf = (partner: string) => (at("level", "export", partner, "total")?.value ?? 0) + (at("level", "import", partner, "total")?.value ?? 0);
  const countries = [...new Set(levels.filter((f) => f.commodity === "total" && /^\d{3}$/.test(f.partner)).map((f) => f.partner))]
    .filter((p) => !STORY_PARTNERS.includes(p))
    .sort((a, b) => levelOf(b) - levelOf(a));
  const partners = ["world", ...STORY_PARTNERS, ...countries.slice(0, COUNTRIES_SHOWN - STORY_PARTNERS.length), ...AREA_ORDER].filter((p) => at("level", "export", p, "total"));
  const balanceMetric = ja ? "balance_rounded" : "balance";
  tables.push({
    id: "partners",
    title: ja ? `主要国・地域別の輸出入（${monthJa(month)}、億円、前年同月比%）` : `Trade by partner, ${monthEn(month)} (¥ billion; % change on a year earlier)`,
    columns: ja
      ? ["国・地域", "輸出", "前年同月比", "輸入", "前年同月比", "差引", "差引の増減", "差引の前年同月比"]
      : ["Partner", "Exports", "y/y %", "Imports", "y/y %", "Balance", "Change in balance", "Balance y/y %"],
    rows: partners.map((p) => ({
      label: ja ? partnerJa(p) : partnerLabelEn(p),
      cells: [
        cell(at("level", "export", p, "total"), yen(lang)), cell(at("yoy_pct", "export", p, "total"), signed),
        cell(at("level", "import", p, "total"), yen(lang)), cell(at("yoy_pct", "import", p, "total"), signed),
        cell(at(balanceMetric, "balance", p, "total"), yen(lang)), cell(at("balance_change", "balance", p, "total"), yen(lang)), cell(at("balance_yoy_pct", "balance", p, "total"), signed),
      ],
    })),
    notes: partnerNotes(at("balance", "balance", "world", "total"), at("balance_rounded", "balance", "world", "total"), lang),
  });

  // Runs and turns: the streaks a wire counts ("the fifth straight deficit", "the first rise in eight months").
  const runRows: KeyRow[] = [];
  for (const partner of ["world", ...RUN_PARTNERS]) {
    for (const flow of ["export", "import", "balance"] as const) {
      const run = at("streak", flow, partner, "total") ?? at("first_since", flow, partner, "total");
      // "The fastest growth in two months" is no news: an extreme counts from three months.
      const extreme = flow === "balance"
        ? at("balance_change_streak", "balance", partner, "total") ?? at("balance_change_first_since", "balance", partner, "total")
        : [at("highest_since", flow, partner, "total"), at("lowest_since", flow, partner, "total")].find((f) => f && f.value >= 3);
      if (!run && !extreme) continue;
      const yoy = flow === "balance" ? undefined : at("yoy_pct", flow, partner, "total");
      const level = flow === "balance" ? at("balance", "balance", partner, "total") : undefined;
      runRows.push({ label: runLabel(flow, partner, lang), cells: [run ? runCell(run, lang) : null, extreme ? extremeCell(extreme, yoy?.value ?? 0, level?.value ?? 0, lang) : null] });
    }
  }
  if (runRows.length) {
    tables.push({
      id: "runs",
      title: ja ? "連続・転換（前年同月比の符号、貿易収支の黒字・赤字）" : "Runs and turns (the sign of the change on a year earlier; surplus or deficit)",
      columns: ja ? ["系列", "連続・転換", "伸び率の高低・収支の増減"] : ["Series", "Streak or turn", "High or low; balance on a year earlier"],
      rows: runRows,
      notes: [],
    });
  }

  // Goods: each section, and under it the items that weigh (2% of the total) or moved it (0.2 points).
  const told = new Set([...story.exportGoods, ...story.importGoods].map((m) => m.yoy.id));
  for (const flow of ["export", "import"] as const) {
    const rows: KeyRow[] = [];
    const itemsOf = new Map<string, Fact[]>();
    for (const f of levels) {
      if (f.flow !== flow || f.partner !== "world" || !isItem(f)) continue;
      const section = sectionOf(flow, f.commodity);
      if (section) itemsOf.set(section, [...(itemsOf.get(section) ?? []), f]);
    }
    const goodsRow = (code: string, indent: boolean): KeyRow => ({
      label: ja ? goodsJa(flow, code) : capitalised(goodsEn(flow, code).replace(/^\d\s*/, "")),
      indent: indent || undefined,
      cells: [cell(at("level", flow, "world", code), yen(lang)), cell(at("yoy_pct", flow, "world", code), signed), cell(at("contribution_pp", flow, "world", code), signed)],
    });
    for (const section of SECTIONS) {
      if (!at("level", flow, "world", section)) continue;
      rows.push(goodsRow(section, false));
      for (const item of itemsOf.get(section) ?? []) {
        const share = at("share_pct", flow, "world", item.commodity)?.value ?? 0;
        const contribution = Math.abs(at("contribution_pp", flow, "world", item.commodity)?.value ?? 0);
        if (share >= 2 || contribution >= 0.2 || told.has(`yoy_pct/${flow}/world/${item.commodity}/${month}`)) rows.push(goodsRow(item.commodity, true));
      }
    }
    if (rows.length === 0) continue;
    tables.push({
      id: flow === "export" ? "export-goods" : "import-goods",
      title: ja ? `${flow === "export" ? "輸出" : "輸入"}の主要品目（億円、前年同月比%、寄与度ポイント）` : `${flow === "export" ? "Exports" : "Imports"} by principal commodity (¥ billion; y/y %; contribution to the total's change, points)`,
      columns: ja ? ["品目", "金額", "前年同月比", "寄与度"] : ["Commodity", "Value", "y/y %", "Contribution"],
      rows,
      notes: [],
    });
  }

  // Goods to the partners told, where the release prints its tables by area: cars to the U.S. and what moved most.
  const partnerRows: KeyRow[] = [];
  for (const partner of STORY_PARTNERS) {
    const goods = levels.filter((f) => f.flow === "export" && f.partner === partner && isItem(f));
    const toldHere = new Set(story.partners.find((p) => p.partner === partner)?.goods.map((g) => g.yoy.commodity));
    for (const g of goods) {
      const share = at("share_pct", "export", partner, g.commodity)?.value ?? 0;
      const contribution = Math.abs(at("contribution_pp", "export", partner, g.commodity)?.value ?? 0);
      if (!toldHere.has(g.commodity) && share < 5 && contribution < 0.5) continue;
      partnerRows.push({
        label: ja ? `${partnerJa(partner)}向け ${goodsJa("export", g.commodity)}` : `${capitalised(goodsEn("export", g.commodity))} to ${partnerEn(partner)}`,
        cells: [cell(g, yen(lang)), cell(at("yoy_pct", "export", partner, g.commodity), signed), cell(at("contribution_pp", "export", partner, g.commodity), signed)],
      });
    }
  }
  if (partnerRows.length) {
    tables.push({
      id: "partner-goods",
      title: ja ? "主要国向けの主な輸出品目（億円、前年同月比%、寄与度ポイント）" : "Exports by commodity to the United States and China (¥ billion; y/y %; contribution to the partner's change, points)",
      columns: ja ? ["品目", "金額", "前年同月比", "寄与度"] : ["Goods", "Value", "y/y %", "Contribution"],
      rows: partnerRows,
      notes: [],
    });
  }

  // Year to date, in the months before December: "in the first eleven months, exports rose 2.9%".
  const ytdRows: KeyRow[] = ["export", "import"].flatMap((flow) => {
    const total = at("ytd", flow, "world", "total");
    if (!total || month.endsWith("-12")) return [];
    return [{ label: ja ? (flow === "export" ? "輸出" : "輸入") : flow === "export" ? "Exports" : "Imports", cells: [cell(total, yen(lang)), cell(at("ytd_yoy_pct", flow, "world", "total"), signed)] }];
  });
  if (ytdRows.length) {
    tables.push({
      id: "year-to-date",
      title: ja ? `${month.slice(0, 4)}年1〜${Number(month.slice(5, 7))}月の累計（億円、前年同期比%）` : `January to ${monthEn(month)}, year to date (¥ billion; % change on a year earlier)`,
      columns: ja ? ["", "金額", "前年同期比"] : ["", "Value", "y/y %"],
      rows: ytdRows,
      notes: [],
    });
  }

  if (story.year) {
    const y = story.year.period;
    const rows: KeyRow[] = [];
    for (const flow of ["export", "import"] as const) {
      if (!at("level", flow, "world", "total", y)) continue;
      rows.push({ label: ja ? (flow === "export" ? "輸出" : "輸入") : flow === "export" ? "Exports" : "Imports", cells: [cell(at("level", flow, "world", "total", y), yen(lang)), cell(at("yoy_diff", flow, "world", "total", y), yen(lang)), cell(at("yoy_pct", flow, "world", "total", y), signed)] });
    }
    if (at(balanceMetric, "balance", "world", "total", y)) {
      rows.push({ label: ja ? "差引" : "Balance", cells: [cell(at(balanceMetric, "balance", "world", "total", y), yen(lang)), cell(at("balance_change", "balance", "world", "total", y), yen(lang)), cell(at("balance_yoy_pct", "balance", "world", "total", y), signed)] });
    }
    tables.push({
      id: "year",
      title: ja ? `${yearJa(y)}の輸出入（億円、${y.startsWith("FY") ? "前年度" : "前年"}比）` : `${capitalised(yearEn(y))} as a whole (¥ billion; change on the year before)`,
      columns: ja ? ["", "金額", "増減", "増減率（%）"] : ["", "Value", "Change", "%"],
      rows,
      notes: [],
    });
  }
  return tables;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The section (`pc:705`) an item (`pc:70503`) belongs to. */
function sectionOf(flow: Flow, code: string): string | null {
  for (let c = principalCommodity(flow, code); c; c = c.parent ? principalCommodity(flow, c.parent) : undefined) {
    if (SECTIONS.includes(c.code)) return c.code;
  }
  return null;
}

/** Under the partner table: the balance as the other release prints it, so a reporter knows why 322.2 and 3223 both stand. */
function partnerNotes(balance: Fact | undefined, rounded: Fact | undefined, lang: Lang): Sentence[] {
  if (!balance || !rounded) return [];
  if (lang === "ja") {
    return [sentence().add("差引は輸出額と輸入額をそれぞれ億円単位に四捨五入した差（財務省の日本語発表と同じ）。英語版発表の差引額（百万円単位）では世界全体で")
      .fact(balance, okuCell(balance.value)).add("億円。").build()];
  }
  return [sentence().add("The balance is exports minus imports in million yen, as the English release prints it; the Japanese release subtracts the totals rounded to ¥100 million, which gives ¥")
    .fact(rounded, billionsCell(rounded.value).replace(/^-/, "")).add(` billion ${rounded.value >= 0 ? "surplus" : "deficit"} for the world.`).build()];
}

function runLabel(flow: "export" | "import" | "balance", partner: string, lang: Lang): string {
  if (lang === "ja") {
    const who = partnerJa(partner);
    return flow === "balance" ? (partner === "world" ? "貿易収支" : `${who}との収支`) : `${partner === "world" ? "" : `${who}${flow === "export" ? "向け" : "から"}の`}${flow === "export" ? "輸出" : "輸入"}`;
  }
  const who = partnerEn(partner);
  if (flow === "balance") return partner === "world" ? "Balance" : `Balance with ${who}`;
  return partner === "world" ? (flow === "export" ? "Exports" : "Imports") : flow === "export" ? `Exports to ${who}` : `Imports from ${who}`;
}

const SIGN_EN: Record<string, string> = { rise: "rise", fall: "decline", surplus: "surplus", deficit: "deficit" };
const SIGN_JA: Record<string, string> = { rise: "増加", fall: "減少", surplus: "黒字", deficit: "赤字" };

/** "3rd straight rise", "first rise in 8 months"; 3か月連続の増加, 8か月ぶりの増加. */
function runCell(f: Fact, lang: Lang): Sentence {
  const sign = f.detail?.sign ?? "";
  const b = sentence();
  if (lang === "ja") {
    if (f.metric === "streak") return b.fact(f, String(f.value), "count").add(`か月連続の${SIGN_JA[sign]}${f.detail?.atLeast ? "（以上）" : ""}`).build();
    return b.add(f.detail?.atLeast ? "少なくとも" : "").fact(f, String(f.value), "count").add(`か月ぶりの${SIGN_JA[sign]}`).build();
  }
  if (f.metric === "streak") return b.add(f.detail?.atLeast ? "at least the " : "").fact(f, ordinalEn(f.value), "count").add(` straight ${SIGN_EN[sign]}`).build();
  b.add(`first ${SIGN_EN[sign]} in ${f.detail?.atLeast ? "at least " : ""}`).fact(f, String(f.value), "count").add(" months");
  return (f.basis && !f.detail?.atLeast ? b.add(` (since ${monthEn(f.basis.period)})`) : b).build();
}

/** "fastest growth in 9 months"; for a balance, the run of its change: "grew for the first time in 7 months". */
function extremeCell(f: Fact, change: number, balance: number, lang: Lang): Sentence {
  const n = (b: ReturnType<typeof sentence>) => b.add(f.detail?.atLeast ? (lang === "ja" ? "少なくとも" : "at least ") : "").fact(f, String(f.value), "count");
  const b = sentence();
  const rise = f.detail?.sign === "rise";
  if (f.metric === "balance_change_streak" || f.metric === "balance_change_first_since") {
    const widened = rise === balance >= 0;
    if (lang === "ja") {
      const what = `${balance >= 0 ? "黒字" : "赤字"}幅${widened ? "拡大" : "縮小"}`;
      return (f.metric === "balance_change_streak" ? n(b).add(`か月連続の${what}`) : n(b).add(`か月ぶりの${what}`)).build();
    }
    const what = balance >= 0 ? (widened ? "surplus grew" : "surplus shrank") : widened ? "deficit widened" : "deficit narrowed";
    return (f.metric === "balance_change_streak" ? b.add(`${what} on a year earlier, `).fact(f, ordinalEn(f.value), "count").add(" month running") : n(b.add(`${what} on a year earlier, first time in `)).add(" months")).build();
  }
  const highest = f.metric === "highest_since";
  if (lang === "ja") return n(b).add(highest ? (change > 0 ? "か月ぶりの高い伸び" : "か月ぶりの小さな減少") : change < 0 ? "か月ぶりの大きな減少" : "か月ぶりの低い伸び").build();
  return n(b.add(highest ? (change > 0 ? "fastest growth in " : "smallest decline in ") : change < 0 ? "steepest decline in " : "slowest growth in ")).add(" months").build();
}
