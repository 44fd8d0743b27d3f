// One series across vintages: partner × goods × flow, levels or y/y, and a slider over the release days that
// redraws the series as it stood on each — beside the series as it stands now, so every revision shows.

import { useMemo } from "preact/hooks";
import { addMonths } from "../../src/figures/fact.js";
import { ApiError, getJson, type Code, type HeldMonth, type Release, type Series, type SeriesPoint } from "./api.js";
import { useDesk } from "./app.js";
import { LineChart } from "./line-chart.js";
import { subject, valueText } from "./present.js";
import { useApi } from "./use-api.js";

export function SeriesView({ params }: { params: Record<string, string> }) {
  const { lang, words, setParams } = useDesk();
  const store = useApi(() => getJson<{ releases: Release[]; months: HeldMonth[] }>("/api/releases"), []);
  const partners = useApi(() => getJson<Code[]>("/api/codes", { kind: "partners" }), []);
  const goods = useApi(() => getJson<Code[]>("/api/codes", { kind: "commodities" }), []);

  const flow = params.flow === "import" ? "import" : "export";
  const change = params.change === "level" ? "level" : "yoy";
  const partner = params.partner ?? "world";
  const commodity = params.commodity ?? "total";
  const latest = store.data?.months[0]?.month;
  const to = params.to ?? latest;
  const from = params.from ?? (latest ? addMonths(latest, -35) : undefined);
  const asOf = params.as_of ?? null;
  const days = useMemo(() => [...new Set((store.data?.releases ?? []).map((r) => r.effective))].sort(), [store.data]);
  const dayIndex = asOf ? Math.max(0, days.filter((d) => d <= asOf).length - 1) : days.length;

  const query = { flow, partner, commodity, change, from, to };
  const ready = !!latest;
  const now = useApi(ready ? () => getJson<Series>("/api/series", query) : null, [ready, flow, partner, commodity, change, from, to]);
  const then = useApi(ready && asOf ? () => getJson<Series>("/api/series", { ...query, as_of: asOf }) : null, [ready, flow, partner, commodity, change, from, to, asOf]);

  const unit = change === "yoy" ? "%" : lang === "ja" ? "10億円" : "¥ bn";
  const valueOf = (p: SeriesPoint) => (change === "yoy" ? p.yoyPct! : (p.value ?? 0) / 1e6);
  const pick = (s: Series | null) => new Map((s?.points ?? []).filter((p) => change === "yoy" || p.measure === "value").map((p) => [p.period, valueOf(p)]));
  const nowValues = pick(now.data);
  const thenValues = pick(then.data);
  const periods = [...new Set([...nowValues.keys(), ...thenValues.keys()])].sort();
  const title = now.data ? `${subject({ flow, partner: now.data.partner, commodity: now.data.commodity }, lang)}: ${change === "yoy" ? words.yoyPct : words.levels}` : "";
  const thenName = asOf ? `${words.asThen} ${asOf}` : "";
  const lines = [
    ...(asOf ? [{ name: thenName, values: periods.map((p) => thenValues.get(p) ?? null), color: "#b4451f" }] : []),
    { name: words.asNow, values: periods.map((p) => nowValues.get(p) ?? null), dashed: !!asOf, color: asOf ? "#7a7a7a" : "#1f5fa8" },
  ];
  const revised = asOf ? periods.filter((p) => thenValues.has(p) && nowValues.has(p) && Math.abs(thenValues.get(p)! - nowValues.get(p)!) > 1e-9) : [];
  const fmt = (v: number | undefined) => (v === undefined ? "—" : change === "yoy" ? valueText(v, "pct", lang) : `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })}`);
  const description = periods.length
    ? `${periods[0]} – ${periods.at(-1)}. ${asOf ? `${thenName}: ${fmt(thenValues.get(periods.at(-1)!))}; ` : ""}${words.asNow}: ${fmt(nowValues.get(periods.at(-1)!))} (${periods.at(-1)}). ${revised.length} revised.`
    : "";
  const problem = (now.error ?? then.error) as ApiError | null;
  const release = asOf ? store.data?.releases.filter((r) => r.effective === days[dayIndex]) : [];

  return (
    <div class="series">
      <h1 class="visually-hidden">{words.navSeries}</h1>
      <p class="help">{words.seriesHelp}</p>
      <form class="controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {words.flow}
          <select value={flow} onChange={(e) => setParams({ flow: e.currentTarget.value })}>
            <option value="export">{words.exports}</option>
            <option value="import">{words.imports}</option>
          </select>
        </label>
        <label>
          {words.partner}
          <input list="partners" value={partner} onChange={(e) => setParams({ partner: e.currentTarget.value.trim() || undefined })} aria-invalid={/partner/i.test(problem?.message ?? "")} />
          <datalist id="partners">{(partners.data ?? []).map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}</datalist>
        </label>
        <label>
          {words.commodity}
          <input list="goods" value={commodity} aria-invalid={/commodity/i.test(problem?.message ?? "")} onChange={(e) => setParams({ commodity: e.currentTarget.value.trim() || undefined })} />
          <datalist id="goods">{(goods.data ?? []).filter((c) => c.flow === flow).map((c) => <option key={c.code} value={c.code}>{lang === "ja" ? c.ja : c.name}</option>)}</datalist>
        </label>
        <fieldset class="radios">
          <legend>{words.show}</legend>
          <label><input type="radio" name="change" checked={change === "yoy"} onChange={() => setParams({ change: "yoy" })} /> {words.yoyPct}</label>
          <label><input type="radio" name="change" checked={change === "level"} onChange={() => setParams({ change: "level" })} /> {words.levels}</label>
        </fieldset>
        <label>
          {words.from}
          <input type="month" value={from ?? ""} onChange={(e) => setParams({ from: e.currentTarget.value || undefined })} />
        </label>
        <label>
          {words.to}
          <input type="month" value={to ?? ""} onChange={(e) => setParams({ to: e.currentTarget.value || undefined })} />
        </label>
      </form>

      {days.length > 0 && (
        <div class="slider">
          <label for="as-of-slider">{words.asOfSlider}: <strong>{asOf ? days[dayIndex] : words.asOfLatest}</strong></label>
          <input
            id="as-of-slider" type="range" min={0} max={days.length} step={1} value={dayIndex}
            aria-valuetext={asOf ? days[dayIndex] : words.asOfLatest}
            onInput={(e) => {
              const i = Number(e.currentTarget.value);
              setParams({ as_of: i >= days.length ? undefined : days[i] });
            }}
          />
          {release && release.length > 0 && <p class="help">{release.map((r) => `#${r.releaseId} ${r.dataset} ${r.stage}${r.through ? ` (${r.through})` : ""}`).join(" · ")}</p>}
        </div>
      )}

      {problem && <p class="error" role="alert">{problem.message}</p>}
      {now.data && periods.length > 0 && <LineChart title={title} description={description} categories={periods} lines={lines} unit={unit} />}
      {now.data && periods.length === 0 && <p>{lang === "ja" ? "この条件のデータはありません。" : "No data for this choice."}</p>}

      {asOf && now.data && (
        <section aria-labelledby="revised-heading">
          <h2 id="revised-heading">{words.revisionsHere} ({revised.length})</h2>
          {revised.length === 0 ? <p>{words.noRevisionsHere}</p> : (
            <table class="revisions">
              <thead><tr><th scope="col">{words.period}</th><th scope="col" class="num">{thenName}</th><th scope="col" class="num">{words.asNow}</th><th scope="col" class="num">{words.revision}</th></tr></thead>
              <tbody>
                {revised.map((p) => {
                  const by = nowValues.get(p)! - thenValues.get(p)!;
                  return <tr key={p}><td>{p}</td><td class="num">{fmt(thenValues.get(p))}</td><td class="num">{fmt(nowValues.get(p))}</td><td class="num">{change === "yoy" ? valueText(Math.round(by * 10) / 10, "pp", lang) : `${by > 0 ? "+" : ""}${by.toLocaleString("en-US", { maximumFractionDigits: 1 })}`}</td></tr>;
                })}
              </tbody>
            </table>
          )}
        </section>
      )}

      {now.data && periods.length > 0 && (
        <details>
          <summary>{words.dataTable} ({periods.length})</summary>
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">{words.period}</th>{asOf && <th scope="col" class="num">{thenName}</th>}<th scope="col" class="num">{words.asNow} ({unit})</th><th scope="col">{words.release}</th></tr></thead>
              <tbody>
                {[...periods].reverse().map((p) => {
                  const point = now.data!.points.find((x) => x.period === p && (change === "yoy" || x.measure === "value"));
                  return <tr key={p}><td>{p}</td>{asOf && <td class="num">{fmt(thenValues.get(p))}</td>}<td class="num">{fmt(nowValues.get(p))}</td><td>{point ? `#${point.releaseId} ${point.stage}${point.released ? ` ${point.released}` : ""}` : ""}</td></tr>;
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
