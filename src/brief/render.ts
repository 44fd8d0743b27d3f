// A written brief as Markdown (numbered source notes), HTML (every number a span with data-fact) and JSON
// ({ text, facts } per sentence). The appendix lists each fact with its release and the query behind it.

import type { Fact } from "../figures/index.js";
import type { Chart } from "./charts.js";
import type { KeyTable } from "./key-figures.js";
import type { Sentence } from "./sentence.js";
import type { Written } from "./write-en.js";

export interface BriefDocument {
  month: string;
  asOf: string | null;
  lang: "en" | "ja";
  title: Sentence;
  paragraphs: Sentence[][];
  /** "By the numbers": the key figures after the story, every cell a fact. */
  tables: KeyTable[];
  /** Every fact the text and the tables state, in the order first stated. */
  facts: Fact[];
  charts: Chart[];
}

export function assemble(month: string, asOf: string | null, lang: "en" | "ja", written: Written, allFacts: Fact[], charts: Chart[], tables: KeyTable[] = []): BriefDocument {
  const byId = new Map(allFacts.map((f) => [f.id, f]));
  const ids = [...new Set([written.title, ...written.paragraphs.flat(), ...tables.flatMap(tableSentences)].flatMap((s) => s.facts))];
  return { month, asOf, lang, title: written.title, paragraphs: written.paragraphs, tables, facts: ids.map((id) => byId.get(id)!), charts };
}

/** Every sentence of a table: its cells, then its notes. */
export const tableSentences = (t: KeyTable): Sentence[] => [...t.rows.flatMap((r) => r.cells.filter((c): c is Sentence => c !== null)), ...t.notes];

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The sentence's text with each fact span passed through `mark`. */
function marked(s: Sentence, mark: (text: string, factId: string, start: number) => string, plain: (text: string) => string = (t) => t): string {
  let out = "";
  let at = 0;
  for (const span of [...s.spans].sort((a, b) => a.start - b.start)) {
    out += plain(s.text.slice(at, span.start)) + mark(s.text.slice(span.start, span.end), span.factId, span.start);
    at = span.end;
  }
  return out + plain(s.text.slice(at));
}

/** A footnote mark goes on a number, not on the month a figure is for ("10月は3.1%[^3]増", not "10月[^3]"). */
const marksNumber = (s: Sentence, start: number) => s.spans.find((x) => x.start === start)?.kind !== "month";

/** Why a figure is what it is, in the brief's language, where a reader would ask. */
const NOTES_JA: Record<string, string> = { balance_rounded: "輸出額と輸入額をそれぞれ億円単位に四捨五入した差（財務省の日本語発表と同じ）" };
const noteOf = (f: Fact, lang: "en" | "ja") => (lang === "ja" ? NOTES_JA[f.metric] ?? f.note : f.note);

/**
 * Text from the data (a consensus source typed by a user, a name) made inert in Markdown: no raw HTML, link,
 * image, code or entity can come out of it. Backslash escapes render as the plain characters.
 */
export const escapeMarkdown = (s: string) => s.replace(/[\\`*[\]<>]|&(?=#?\w+;)/g, (c) => `\\${c}`);

/** A code span that holds `s` whatever backticks it contains. */
function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

const releaseOf = (f: Fact) => `${f.vintage.dataset}, ${f.vintage.stage}${f.vintage.released ? `, released ${f.vintage.released}` : ""}`;
const joiner = (lang: "en" | "ja") => (lang === "ja" ? "" : " ");

export function toMarkdown(doc: BriefDocument, chartFile: (chart: Chart) => string = (c) => `chart-${c.id}.svg`): string {
  const note = new Map(doc.facts.map((f, i) => [f.id, i + 1]));
  const md = (s: Sentence) => marked(s, (text, id, start) => (marksNumber(s, start) ? `${escapeMarkdown(text)}[^${note.get(id)}]` : escapeMarkdown(text)), escapeMarkdown);
  const lines = [`# ${marked(doc.title, escapeMarkdown, escapeMarkdown)}`, ""];
  for (const paragraph of doc.paragraphs) lines.push(paragraph.map(md).join(joiner(doc.lang)), "");
  lines.push(...tablesMarkdown(doc, md));
  for (const chart of doc.charts) lines.push(`![${escapeMarkdown(chart.description)}](${chartFile(chart)})`, "");
  lines.push(doc.lang === "ja" ? "## 出典" : "## Sources", "");
  for (const f of doc.facts) {
    const unit = f.unit === "JPY_thousand" ? " (thousand yen)" : ` ${escapeMarkdown(f.unit)}`;
    const why = noteOf(f, doc.lang);
    lines.push(`[^${note.get(f.id)}]: ${codeSpan(f.id)} = ${f.value}${unit}; ${escapeMarkdown(releaseOf(f))}; ${escapeMarkdown(f.provenance.query)}${why ? `; ${escapeMarkdown(why)}` : ""}`);
  }
  return lines.join("\n") + "\n";
}

export function toHtml(doc: BriefDocument): string {
  const html = (s: Sentence) => marked(s, (text, id) => `<span class="fact" data-fact="${escapeHtml(id)}">${escapeHtml(text)}</span>`, escapeHtml);
  const paragraphs = doc.paragraphs.map((p) => `<p>${p.map(html).join(joiner(doc.lang))}</p>`).join("\n");
  const figures = doc.charts.map((c) => `<figure id="chart-${c.id}" role="img" aria-label="${escapeHtml(c.description)}">${c.svg}<figcaption>${escapeHtml(c.title)}</figcaption></figure>`).join("\n");
  const rows = doc.facts
    .map((f) => `<tr id="fact-${escapeHtml(f.id)}"><td><code>${escapeHtml(f.id)}</code></td><td>${f.value}</td><td>${escapeHtml(f.unit)}</td><td>${escapeHtml(releaseOf(f))}</td><td>${escapeHtml(f.provenance.query)}</td></tr>`)
    .join("\n");
  return `<!doctype html>
<html lang="${doc.lang}">
<head><meta charset="utf-8"><title>${escapeHtml(doc.title.text)}</title>
<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;line-height:1.5}.fact{background:#fff4c2;cursor:help}.fact:target,.fact:hover{background:#ffd966}figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto}section{overflow-x:auto}table{font:12px monospace;border-collapse:collapse}td{border-top:1px solid #ddd;padding:2px 6px;vertical-align:top;overflow-wrap:anywhere}table.key-figures{font:13px/1.35 system-ui,sans-serif;margin:1rem 0}.key-figures caption{text-align:left;font-weight:bold;padding:4px 0}.key-figures td{text-align:right;white-space:nowrap}.key-figures th{text-align:left;font-weight:normal;padding:2px 6px}.key-figures th.item{padding-left:1.5em}.note{font-size:13px}</style>
</head>
<body>
<article>
<h1>${marked(doc.title, (text, id) => `<span class="fact" data-fact="${escapeHtml(id)}">${escapeHtml(text)}</span>`, escapeHtml)}</h1>
${paragraphs}
${tablesHtml(doc, html)}
${figures}
<section><h2>${doc.lang === "ja" ? "出典" : "Sources"}</h2>
<table><tr><th>fact</th><th>value</th><th>unit</th><th>release</th><th>query</th></tr>
${rows}
</table></section>
</article>
</body>
</html>
`;
}

export function toJson(doc: BriefDocument): unknown {
  const sentence = (s: Sentence) => ({ text: s.text, facts: s.facts, spans: s.spans });
  return {
    month: doc.month, asOf: doc.asOf, lang: doc.lang,
    title: sentence(doc.title),
    paragraphs: doc.paragraphs.map((p) => p.map(sentence)),
    facts: doc.facts,
    tables: doc.tables.map((t) => ({ id: t.id, title: t.title, columns: t.columns, rows: t.rows.map((r) => ({ label: r.label, ...(r.indent ? { indent: true } : {}), cells: r.cells.map((c) => (c ? sentence(c) : null)) })), notes: t.notes.map(sentence) })),
    charts: doc.charts.map(({ id, title, description }) => ({ id, title, description, file: `chart-${id}.svg` })),
  };
}

/** "By the numbers" as Markdown tables: numbers right-aligned, each cell's figure with its source note. */
function tablesMarkdown(doc: BriefDocument, md: (s: Sentence) => string): string[] {
  if (doc.tables.length === 0) return [];
  const lines = [doc.lang === "ja" ? "## 主要指標" : "## By the numbers", ""];
  for (const t of doc.tables) {
    lines.push(`### ${t.title}`, "", `| ${t.columns.join(" | ")} |`, `|${t.columns.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
    for (const row of t.rows) lines.push(`| ${row.indent ? "\u3000" : ""}${row.label} | ${row.cells.map((c) => (c ? md(c) : "-")).join(" | ")} |`);
    lines.push("");
    for (const n of t.notes) lines.push(md(n), "");
  }
  return lines;
}

function tablesHtml(doc: BriefDocument, html: (s: Sentence) => string): string {
  if (doc.tables.length === 0) return "";
  const tables = doc.tables.map((t) => {
    const head = `<tr>${t.columns.map((c, i) => `<th${i === 0 ? ' scope="col"' : ""}>${escapeHtml(c)}</th>`).join("")}</tr>`;
    const rows = t.rows.map((r) => `<tr><th scope="row"${r.indent ? ' class="item"' : ""}>${escapeHtml(r.label)}</th>${r.cells.map((c) => `<td>${c ? html(c) : "-"}</td>`).join("")}</tr>`).join("\n");
    return `<table class="key-figures" id="table-${t.id}"><caption>${escapeHtml(t.title)}</caption>\n${head}\n${rows}\n</table>${t.notes.map((n) => `<p class="note">${html(n)}</p>`).join("")}`;
  });
  return `<section class="by-the-numbers"><h2>${doc.lang === "ja" ? "主要指標" : "By the numbers"}</h2>\n${tables.join("\n")}\n</section>`;
}
