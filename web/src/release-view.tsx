// A month's release as a reporter reads it on release morning: the month and the day the data stand on, the
// headline tiles, the brief with every number a link to its fact, and the brief's charts.

import type { ComponentChildren } from "preact";
import { getJson, type Brief, type Fact, type Figures, type HeldMonth, type Release, type Sentence } from "./api.js";
import { useDesk } from "./app.js";
import type { Words } from "./i18n.js";
import { factValue, metricLabel, monthText, stageText, subject, valueText } from "./present.js";
import { useApi } from "./use-api.js";

export function ReleaseView({ params }: { params: Record<string, string> }) {
  const { lang, words, setParams } = useDesk();
  const held = useApi(() => getJson<{ releases: Release[]; months: HeldMonth[] }>("/api/releases"), []);
  const months = held.data?.months ?? [];
  const month = params.month ?? months[0]?.month;
  const asOf = params.as_of ?? null;
  const chosen = months.find((m) => m.month === month);

  const query = { month, as_of: asOf ?? undefined };
  const headline = useApi(month ? () => getJson<Figures>("/api/figures", { ...query, section: "headline,consensus" }) : null, [month, asOf]);
  const story = useApi(month ? () => getJson<Brief>("/api/brief", { ...query, lang, format: "json" }) : null, [month, asOf, lang]);

  return (
    <div class="release">
      <h1 class="visually-hidden">{words.navRelease}</h1>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {words.month}
          <select value={month} onChange={(e) => setParams({ month: e.currentTarget.value })} disabled={months.length === 0}>
            {months.map((m) => (
              <option key={m.month} value={m.month}>{monthOption(m, lang, words)}</option>
            ))}
          </select>
        </label>
        <label>
          {words.asOf}
          <input type="date" value={asOf ?? ""} onChange={(e) => setParams({ as_of: e.currentTarget.value || undefined })} aria-describedby="as-of-help" />
        </label>
        <div class="quick" role="group" aria-label={words.asOfQuick}>
          <button type="button" disabled={!chosen?.firstReleased} onClick={() => setParams({ as_of: chosen?.firstReleased ?? undefined })}>
            {words.releaseDay}{chosen?.firstReleased ? ` (${chosen.firstReleased})` : ""}
          </button>
          <button type="button" onClick={() => setParams({ as_of: undefined })}>{words.latestData}</button>
        </div>
        <p id="as-of-help" class="help">{words.asOfHelp}</p>
      </form>
      {held.error && <p class="error" role="alert">{held.error.message}</p>}

      <section aria-labelledby="tiles-heading">
        <h2 id="tiles-heading" class="visually-hidden">{month ? monthText(month, lang) : ""}</h2>
        {headline.error && <p class="error" role="alert">{headline.error.message}</p>}
        <Tiles figures={headline.data} month={month} words={words} />
      </section>

      <div class="release-body">
      <section class="brief" aria-labelledby="brief-heading" aria-busy={story.loading}>
        <p class="kicker" id="brief-heading">{words.brief}{month ? ` — ${monthText(month, lang)}` : ""}{asOf ? `, ${words.asOf.toLowerCase()} ${asOf}` : ""}</p>
        {story.error && <p class="error" role="alert">{story.error.message}</p>}
        {story.loading && !story.data && <p class="loading">{words.loading}</p>}
        {story.data && <BriefText brief={story.data} />}
      </section>

      {story.data && story.data.charts.length > 0 && (
        <section class="charts" aria-labelledby="charts-heading">
          <h2 id="charts-heading">{words.charts}</h2>
          <div class="chart-grid">
            {story.data.charts.map((c) => (
              <figure key={c.id}>
                <img src={c.url} alt={c.description} width={720} height={360} />
                <figcaption>{c.title} · <a href={c.url} target="_blank" rel="noopener">SVG</a> · <a href={c.png} target="_blank" rel="noopener">PNG</a></figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      </div>
    </div>
  );
}

function monthOption(m: HeldMonth, lang: "en" | "ja", words: Words): string {
  const first = m.firstReleased ? `${words.firstPrinted} ${m.firstReleased}, ${stageText(m.firstStage, lang)}` : stageText(m.firstStage, lang);
  const now = m.stage !== m.firstStage ? ` · ${words.now} ${stageText(m.stage, lang)}` : "";
  return `${monthText(m.month, lang)} — ${first}${now}`;
}

/** A number that opens its fact. */
export function FactButton({ fact, asOf, children, class: cls }: { fact: Fact | string; asOf: string | null; children: ComponentChildren; class?: string }) {
  const { openFact, lang } = useDesk();
  const id = typeof fact === "string" ? fact : fact.id;
  const label = typeof fact === "string" ? undefined : `${subject(fact, lang)}, ${metricLabel(fact.metric, lang)}: ${factValue(fact, lang)}`;
  return (
    <button type="button" class={`fact ${cls ?? ""}`} data-fact={id} title={label} onClick={() => openFact(id, asOf)}>
      {children}
    </button>
  );
}

function Tiles({ figures, month, words }: { figures: Figures | null; month: string | undefined; words: Words }) {
  const { lang } = useDesk();
  if (!figures || !month) return <div class="tiles" aria-hidden="true" />;
  const find = (metric: string, flow: string) => figures.facts.find((f) => f.metric === metric && f.flow === flow && f.partner === "world" && f.commodity === "total" && f.period === month);
  const asOf = figures.asOf;
  const tile = (title: string, flow: "export" | "import") => {
    const level = find("level", flow);
    const yoy = find("yoy_pct", flow);
    return (
      <div class="tile">
        <h3>{title}</h3>
        {yoy ? <FactButton fact={yoy} asOf={asOf} class={`big ${yoy.value >= 0 ? "up" : "down"}`}>{factValue(yoy, lang)}</FactButton> : <span class="big">—</span>}
        <span class="sub">{words.yoy}</span>
        {level && <FactButton fact={level} asOf={asOf}>{factValue(level, lang)}</FactButton>}
      </div>
    );
  };
  // In Japanese, the balance as the Ministry's Japanese release prints it (the difference of the rounded exports and
  // imports, 3223億円), as the brief beside it does; in English, the English release's figure (¥322.2 billion).
  const balance = (lang === "ja" ? find("balance_rounded", "balance") : undefined) ?? find("balance", "balance");
  const surprise = figures.facts.find((f) => f.metric === "surprise" && f.flow === "export") ?? figures.facts.find((f) => f.metric === "surprise");
  const forecast = surprise && figures.facts.find((f) => f.metric === "consensus" && f.flow === surprise.flow && f.detail?.source === surprise.detail?.source);
  const outcome = surprise?.detail?.outcome === "beat" ? words.beat : surprise?.detail?.outcome === "miss" ? words.miss : words.inLine;
  return (
    <div class="tiles">
      {tile(words.exports, "export")}
      {tile(words.imports, "import")}
      <div class="tile">
        <h3>{words.balance}</h3>
        {balance ? (
          <>
            <FactButton fact={balance} asOf={asOf} class={`big ${balance.value >= 0 ? "up" : "down"}`}>{valueText(Math.abs(balance.value), "JPY_thousand", lang)}</FactButton>
            <span class="sub">{balance.value >= 0 ? words.surplus : words.deficit}</span>
          </>
        ) : <span class="big">—</span>}
      </div>
      <div class="tile">
        <h3>{words.surprise}</h3>
        {surprise && forecast ? (
          <>
            <FactButton fact={surprise} asOf={asOf} class={`big ${surprise.value >= 0 ? "up" : "down"}`}>{factValue(surprise, lang)}</FactButton>
            <span class="sub">{outcome} · {metricLabel("consensus", lang)} <FactButton fact={forecast} asOf={asOf}>{factValue(forecast, lang)}</FactButton> ({surprise.detail?.source})</span>
          </>
        ) : <p class="sub">{words.noForecast}</p>}
      </div>
    </div>
  );
}

/** A sentence with each fact span as a button. */
function Marked({ sentence, asOf, facts }: { sentence: Sentence; asOf: string | null; facts: Map<string, Fact> }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const span of [...sentence.spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    parts.push(sentence.text.slice(at, span.start));
    parts.push(<FactButton key={span.start} fact={facts.get(span.factId) ?? span.factId} asOf={asOf}>{sentence.text.slice(span.start, span.end)}</FactButton>);
    at = span.end;
  }
  parts.push(sentence.text.slice(at));
  return <>{parts}</>;
}

function BriefText({ brief }: { brief: Brief }) {
  const { words } = useDesk();
  const joiner = brief.lang === "ja" ? "" : " ";
  const facts = new Map(brief.facts.map((f) => [f.id, f]));
  return (
    <article lang={brief.lang}>
      <h2 class="headline"><Marked sentence={brief.title} asOf={brief.asOf} facts={facts} /></h2>
      <p class="help">{words.briefHelp}</p>
      {brief.paragraphs.map((p, i) => (
        <p key={i}>{p.map((s, j) => <span key={j}>{j > 0 ? joiner : ""}<Marked sentence={s} asOf={brief.asOf} facts={facts} /></span>)}</p>
      ))}
      {brief.tables.length > 0 && (
        <section class="key-figures" aria-label={words.keyFigures}>
          <h3>{words.keyFigures}</h3>
          {brief.tables.map((t) => (
            <div class="table-scroll" key={t.id}>
              <table id={`table-${t.id}`}>
                <caption>{t.title}</caption>
                <thead><tr>{t.columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
                <tbody>
                  {t.rows.map((r, i) => (
                    <tr key={i}>
                      <th scope="row" class={r.indent ? "item" : undefined}>{r.label}</th>
                      {r.cells.map((c, j) => <td key={j}>{c ? <Marked sentence={c} asOf={brief.asOf} facts={facts} /> : "–"}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
              {t.notes.map((n, i) => <p class="note" key={i}><Marked sentence={n} asOf={brief.asOf} facts={facts} /></p>)}
            </div>
          ))}
        </section>
      )}
    </article>
  );
}
