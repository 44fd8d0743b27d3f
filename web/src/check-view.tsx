// An article checked: paste it (or drop a .txt), give its date, and read it back with every figure marked by its
// verdict; selecting a mark shows the figure the data give, what the printed number matches instead, and the facts.

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { postCheck, type CheckResult, type Claim, type Verdict } from "./api.js";
import { useDesk } from "./app.js";
import { FactButton } from "./release-view.js";
import { metricLabel, monthText, subject, valueText } from "./present.js";

/** "Exports · chip-making equipment — change on a year earlier, Nov 2024 (a forecast)". */
function claimSubject(c: Claim, lang: "en" | "ja"): string {
  const what = c.flow ? `${subject({ flow: c.flow, partner: c.partner || "world", commodity: c.commodity || "total" }, lang)} — ${metricLabel(c.metric, lang)}` : metricLabel(c.metric, lang);
  const kind = c.kind === "data" ? "" : ` (${c.kind})`;
  return `${what}${c.period ? `, ${monthText(c.period, lang)}` : ""}${kind}`;
}

const MARK: Record<Verdict, string> = { supported: "✓", contradicted: "✗", unverifiable: "?", not_data: "–" };

export function CheckView({ params }: { params: Record<string, string> }) {
  const { lang, words, setParams } = useDesk();
  const [text, setText] = useState("");
  const [date, setDate] = useState(params.date ?? "");
  const [result, setResult] = useState<{ text: string; checked: CheckResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult({ text, checked: await postCheck(text, date || undefined) });
      setSelected(null);
      if (date) setParams({ date });
    } catch (e) {
      setError((e as Error).message);
      setResult(null);
    } finally {
      setRunning(false);
    }
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    const named = /(\d{4}-\d{2}-\d{2})/.exec(file.name)?.[1];
    if (named && !date) setDate(named);
  };

  const counts = result ? (Object.keys(MARK) as Verdict[]).map((v) => [v, result.checked.claims.filter((c) => c.verdict === v).length] as const).filter(([, n]) => n > 0) : [];
  const claim = result && selected !== null ? result.checked.claims[selected] : null;

  return (
    <div class="check">
      <h1 class="visually-hidden">{words.navCheck}</h1>
      <form
        class={`check-form ${dragging ? "dragging" : ""}`}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFile(e.dataTransfer?.files[0]);
        }}
      >
        <label for="article">{words.article}</label>
        <p class="help" id="article-help">{words.articleHelp}</p>
        <textarea id="article" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby="article-help" required />
        <div class="row">
          <label>
            {words.chooseFile}
            <input type="file" accept=".txt,text/plain" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
          </label>
          <label>
            {words.published}
            <input type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} aria-describedby="date-help" />
          </label>
          <button type="submit" class="primary" disabled={running || !text.trim()}>{running ? words.checking : words.check}</button>
        </div>
        <p class="help" id="date-help">{words.publishedHelp}</p>
      </form>
      {error && <p class="error" role="alert">{error}</p>}

      {result && (
        <section class="checked" aria-labelledby="checked-heading">
          <h2 id="checked-heading">
            {words.checkedAgainst} {result.checked.date}
          </h2>
          <p class="counts" role="status">
            {counts.length === 0 ? words.noClaims : counts.map(([v, n]) => <span key={v} class={`chip ${v}`}>{MARK[v]} {n} {words.verdict[v]}</span>)}
          </p>
          <p class="help">{words.claimHelp}</p>
          <div class="checked-layout">
            <div class="article-text" lang={/[\u3040-\u30ff\u4e00-\u9faf]/.test(result.text) ? "ja" : "en"}>
              <Marked text={result.text} claims={result.checked.claims} selected={selected} onSelect={setSelected} lang={lang} words={words} />
            </div>
            <aside class="claim-detail" aria-live="polite">
              {claim ? <ClaimDetail claim={claim} date={result.checked.date} /> : <p class="help">{words.claimHelp}</p>}
            </aside>
          </div>
        </section>
      )}
    </div>
  );
}

function explain(c: Claim, words: ReturnType<typeof useDesk>["words"], lang: "en" | "ja"): string {
  const parts = [words.verdict[c.verdict]];
  if (c.verdict === "contradicted" && c.expected !== null) parts.push(`${words.theData}: ${shown(c.expected, c.unit, lang)}`);
  if (c.matches) parts.push(`${words.matches}: ${c.matches}`);
  if (c.note) parts.push(c.note);
  return parts.join(" — ");
}

const shown = (value: number, unit: string, lang: "en" | "ja") => (unit === "pct" || unit === "pp" || unit === "JPY_billion" ? valueText(value, unit, lang) : String(value));

function Marked({ text, claims, selected, onSelect, lang, words }: { text: string; claims: Claim[]; selected: number | null; onSelect: (i: number) => void; lang: "en" | "ja"; words: ReturnType<typeof useDesk>["words"] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  claims.forEach((c, i) => {
    if (c.start < at) return;
    parts.push(text.slice(at, c.start));
    parts.push(
      <mark
        key={i} class={`${c.verdict}${selected === i ? " selected" : ""}`} data-verdict={c.verdict} tabIndex={0} role="button"
        aria-pressed={selected === i} title={explain(c, words, lang)} aria-label={`${text.slice(c.start, c.end)}: ${explain(c, words, lang)}`}
        onClick={() => onSelect(i)} onMouseEnter={() => onSelect(i)}
        onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onSelect(i))}
      >
        {text.slice(c.start, c.end)}<sup aria-hidden="true">{MARK[c.verdict]}</sup>
      </mark>,
    );
    at = c.end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function ClaimDetail({ claim, date }: { claim: Claim; date: string }) {
  const { lang, words } = useDesk();
  return (
    <div class={`claim ${claim.verdict}`}>
      <p class="claim-text">“{claim.text}”</p>
      <p class="claim-verdict"><span class={`chip ${claim.verdict}`}>{MARK[claim.verdict]} {words.verdict[claim.verdict]}</span></p>
      <dl>
        {claim.metric && <><dt>{words.fact}</dt><dd>{claimSubject(claim, lang)}</dd></>}
        {claim.metric && <><dt>{lang === "ja" ? "記事の数字" : "Printed"}</dt><dd>{shown(claim.value, claim.unit, lang)}</dd></>}
        {claim.expected !== null && <><dt>{words.theData}</dt><dd class="expected">{shown(claim.expected, claim.unit, lang)}</dd></>}
        {claim.matches && <><dt>{words.matches}</dt><dd>{claim.matches}</dd></>}
        {claim.note && <><dt>{words.note}</dt><dd>{claim.note}</dd></>}
      </dl>
      {claim.facts.length > 0 && (
        <p>{words.facts}: {claim.facts.map((id) => <FactButton key={id} fact={id} asOf={date}><code>{id}</code></FactButton>)}</p>
      )}
    </div>
  );
}
