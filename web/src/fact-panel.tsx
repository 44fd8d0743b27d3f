// What one number stands on: its value, what it compares with, the release it comes from, the query and the
// stored rows behind it, and every value it took from its first print to now. Opens beside the page; Esc closes.

import { useEffect, useRef } from "preact/hooks";
import { getJson, type Fact, type FactHistory } from "./api.js";
import { useDesk } from "./app.js";
import { factValue, metricLabel, partnerLabel, releaseText, subject, valueText } from "./present.js";
import { useApi } from "./use-api.js";

export function FactPanel({ id, asOf, onClose }: { id: string; asOf: string | null; onClose: () => void }) {
  const { lang, words } = useDesk();
  const loaded = useApi(() => getJson<FactHistory>("/api/facts", { id, as_of: asOf }), [id, asOf]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [id, onClose]);

  const fact = loaded.data?.fact ?? null;
  const history = loaded.data?.history ?? [];
  const last = history.at(-1);
  const revised = fact && last && last.value !== null && last.value !== fact.value;
  const unit = fact?.unit ?? "";

  return (
    <div class="fact-panel" role="dialog" aria-modal="false" aria-labelledby="fact-heading">
      <div class="panel-head">
        <h2 id="fact-heading" tabIndex={-1} ref={heading}>{fact ? `${subject(fact, lang)} — ${metricLabel(fact.metric, lang)}` : words.fact}</h2>
        <button type="button" class="close" onClick={onClose} aria-label={words.close}>×</button>
      </div>
      {loaded.loading && <p class="loading">{words.loading}</p>}
      {loaded.error && <p class="error" role="alert">{loaded.error.message}</p>}
      {loaded.data && !fact && <p>{lang === "ja" ? `この日時点では ${id} はありません。` : `No such figure as of ${asOf ?? "now"}.`}</p>}
      {fact && (
        <>
          <p class="fact-value">{factValue(fact, lang)}</p>
          <dl class="fact-facts">
            <dt>{words.period}</dt><dd>{fact.period}{asOf ? ` (${words.asRead} ${asOf})` : ""}</dd>
            {fact.basis && <><dt>{words.comparedWith}</dt><dd>{fact.basis.period}: {basisText(fact, lang)}</dd></>}
            <dt>{words.release}</dt><dd class="release-line">{releaseText(fact.vintage, lang)}</dd>
            {fact.published !== undefined && fact.computed !== undefined && <><dt>{words.publishedComputed}</dt><dd>{fact.published} / {fact.computed}</dd></>}
            {fact.note && <><dt>{words.note}</dt><dd>{fact.note}</dd></>}
            {fact.detail?.since && <><dt>{words.from}</dt><dd>{fact.detail.since}{fact.detail.sign ? ` (${fact.detail.sign})` : ""}</dd></>}
            <dt>ID</dt><dd><code>{fact.id}</code></dd>
          </dl>

          <h3>{words.history}</h3>
          <p class="help">{words.historyHelp}</p>
          <p class={revised ? "revised" : "not-revised"}>
            {revised ? `${words.revisedTo} ${valueText(last.value!, unit, lang)} (${last.from})` : words.notRevised}
          </p>
          <table class="history">
            <thead><tr><th scope="col">{words.from}</th><th scope="col">{words.value}</th><th scope="col">{words.release}</th></tr></thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.from} class={h.vintage?.releaseId === fact.vintage.releaseId ? "current" : ""}>
                  <td>{h.from}</td>
                  <td class="num">{h.value === null ? "—" : valueText(h.value, unit, lang)}</td>
                  <td>{h.vintage ? releaseText(h.vintage, lang) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{words.query}</h3>
          <pre class="query">{fact.provenance.query}</pre>

          <h3>{words.rows} ({fact.provenance.rows.length})</h3>
          <div class="scroll">
            <table class="rows">
              <thead><tr><th scope="col">{words.period}</th><th scope="col">{words.flow}</th><th scope="col">{words.partner}</th><th scope="col">{words.commodity}</th><th scope="col">measure</th><th scope="col">{words.value}</th><th scope="col">#</th></tr></thead>
              <tbody>
                {fact.provenance.rows.slice(0, 200).map((r, i) => (
                  <tr key={i}>
                    <td>{r.period}</td><td>{r.flow}</td><td title={r.partner}>{partnerLabel(r.partner, lang)}</td><td>{r.commodity}</td><td>{r.measure}</td>
                    <td class="num">{r.measure === "value" ? r.value.toLocaleString("en-US") : r.value}</td><td class="num">{r.releaseId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** What a fact's basis is, in its own unit: a year-earlier level in yen, a forecast or an earlier rate in %, a quantity. */
function basisText(fact: Fact, lang: "en" | "ja"): string {
  const { metric } = fact;
  const value = fact.basis!.value;
  if (["highest_since", "lowest_since", "surprise"].includes(metric) || (metric === "first_since" && fact.flow !== "balance")) return valueText(value, "pct", lang);
  if (["yoy_pct", "yoy_diff", "mom_pct", "ytd_yoy_pct", "balance", "balance_change", "balance_yoy_pct", "record_high", "record_month", "first_since"].includes(metric)) {
    return valueText(value, "JPY_thousand", lang);
  }
  return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}
