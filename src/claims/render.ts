// How a checked article is shown: in a terminal, the text with each claim marked and numbered notes below;
// as HTML, the article with highlighted spans whose titles carry the verdicts.

import type { CheckResult, CheckedClaim } from "./index.js";

const MARK: Record<CheckedClaim["verdict"], string> = { supported: "✓", contradicted: "✗", unverifiable: "?", not_data: "–" };
const COLOR: Record<CheckedClaim["verdict"], string> = { supported: "32", contradicted: "31", unverifiable: "33", not_data: "90" };

function explain(c: CheckedClaim): string {
  const what = c.metric ? `${c.kind} · ${c.metric} · ${[c.flow, c.partner, c.commodity, c.period].filter(Boolean).join(" ")}` : c.kind;
  const parts = [c.verdict.replace("_", " "), what];
  if (c.verdict === "contradicted" && c.expected !== null) parts.push(`data: ${c.expected}${c.unit === "pct" ? "%" : c.unit === "JPY_billion" ? " ¥bn" : ""}`);
  if (c.matches) parts.push(`matches ${c.matches}`);
  if (c.note) parts.push(c.note);
  return parts.join(" — ");
}

/** The article with [n✓] after each claim, and the notes; colours when `color`. */
export function toTerminal(text: string, result: CheckResult, options: { color?: boolean; dateFrom?: string } = {}): string {
  const paint = (verdict: CheckedClaim["verdict"], s: string) => (options.color ? `\u001b[${COLOR[verdict]}m${s}\u001b[0m` : s);
  let out = "";
  let at = 0;
  result.claims.forEach((c, i) => {
    if (c.start < at) return;
    out += text.slice(at, c.start) + paint(c.verdict, `${text.slice(c.start, c.end)}[${i + 1}${MARK[c.verdict]}]`);
    at = c.end;
  });
  out += text.slice(at);
  const counts = Object.entries(result.claims.reduce<Record<string, number>>((n, c) => ((n[c.verdict] = (n[c.verdict] ?? 0) + 1), n), {}))
    .map(([v, n]) => `${n} ${v.replace("_", " ")}`).join(", ");
  const notes = result.claims.map((c, i) => paint(c.verdict, `[${i + 1}${MARK[c.verdict]}] "${c.text}": ${explain(c)}`));
  return `${out.trimEnd()}\n\n— checked against the data as of ${result.date}${options.dateFrom ? ` (date ${options.dateFrom})` : ""}: ${counts || "no claims found"}\n${notes.join("\n")}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toHtml(text: string, result: CheckResult): string {
  let body = "";
  let at = 0;
  result.claims.forEach((c, i) => {
    if (c.start < at) return;
    body += escapeHtml(text.slice(at, c.start));
    body += `<mark class="${c.verdict}" id="claim-${i + 1}" title="${escapeHtml(explain(c))}" data-facts="${escapeHtml(c.facts.join(" "))}">${escapeHtml(text.slice(c.start, c.end))}<sup>${i + 1}</sup></mark>`;
    at = c.end;
  });
  body += escapeHtml(text.slice(at));
  const notes = result.claims.map((c, i) => `<li class="${c.verdict}"><a href="#claim-${i + 1}">“${escapeHtml(c.text)}”</a>: ${escapeHtml(explain(c))}</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>boeki check, ${result.date}</title>
<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;line-height:1.55}.article{white-space:pre-wrap}mark{padding:0 2px}mark.supported{background:#d7f0dd}mark.contradicted{background:#f8d3d0}mark.unverifiable{background:#fff1c2}mark.not_data{background:#e8e8e8}li.contradicted{color:#8b1d18}</style>
</head><body>
<p>Checked against the Ministry of Finance's data as they stood on ${result.date}.</p>
<div class="article">${body}</div>
<h2>Claims</h2>
<ol>
${notes}
</ol>
</body></html>
`;
}
