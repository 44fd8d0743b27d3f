// The release desk: three views (a release, a series across vintages, an article checked) behind one header,
// with the language switch, the "store busy" banner and the fact panel every number in the page opens.

import { createContext } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { onBusy } from "./api.js";
import { CheckView } from "./check-view.js";
import { FactPanel } from "./fact-panel.js";
import { WORDS, type Lang, type Words } from "./i18n.js";
import { ReleaseView } from "./release-view.js";
import { SeriesView } from "./series-view.js";

export type View = "release" | "series" | "check";
export interface Route {
  view: View;
  params: Record<string, string>;
}

/** `#/release?month=2025-11&as_of=2025-12-17`: the state of the page lives in its address, so it can be shared. */
function readRoute(): Route {
  const [path = "", query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const view = (["release", "series", "check"] as const).find((v) => v === path) ?? "release";
  return { view, params: Object.fromEntries(new URLSearchParams(query)) };
}

const routeHash = (view: View, params: Record<string, string | undefined>) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return `#/${view}${query ? `?${query}` : ""}`;
};

interface Desk {
  lang: Lang;
  words: Words;
  /** Opens the fact panel on a fact, as read on `asOf`. */
  openFact(id: string, asOf: string | null): void;
  /** Replaces the current view's parameters in the address (no new history entry). */
  setParams(params: Record<string, string | undefined>): void;
}

export const DeskContext = createContext<Desk>(null as unknown as Desk);
export const useDesk = () => useContext(DeskContext);

const storedLang = (): Lang => (localStorage.getItem("boeki.lang") === "ja" ? "ja" : "en");

export function App() {
  const [route, setRoute] = useState<Route>(readRoute);
  const [lang, setLang] = useState<Lang>(storedLang);
  const [busy, setBusy] = useState<string | null>(null);
  const [fact, setFact] = useState<{ id: string; asOf: string | null; opener: Element | null } | null>(null);
  const words = WORDS[lang];

  useEffect(() => {
    const update = () => setRoute(readRoute());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  useEffect(() => onBusy(setBusy), []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `boeki — ${words.title}`;
    localStorage.setItem("boeki.lang", lang);
  }, [lang]);

  const setParams = useCallback((params: Record<string, string | undefined>) => {
    const next = { ...readRoute().params, ...params };
    history.replaceState(null, "", routeHash(readRoute().view, next));
    setRoute(readRoute());
  }, []);
  const openFact = useCallback((id: string, asOf: string | null) => setFact({ id, asOf, opener: document.activeElement }), []);
  const closeFact = useCallback(() => {
    const opener = fact?.opener as HTMLElement | null;
    setFact(null);
    opener?.focus?.();
  }, [fact]);
  const desk = useMemo(() => ({ lang, words, openFact, setParams }), [lang, words, openFact, setParams]);

  const tab = (view: View, label: string) => (
    <a href={routeHash(view, view === route.view ? route.params : {})} aria-current={route.view === view ? "page" : undefined}>{label}</a>
  );

  return (
    <DeskContext.Provider value={desk}>
      <a class="skip" href="#main">{lang === "ja" ? "本文へ" : "Skip to content"}</a>
      <header class="top">
        <div class="brand">
          <strong>boeki</strong> <span lang="ja">貿易</span> <span class="desk">{words.title}</span>
        </div>
        <nav aria-label={lang === "ja" ? "画面" : "Views"}>
          {tab("release", words.navRelease)}
          {tab("series", words.navSeries)}
          {tab("check", words.navCheck)}
          <a href="/docs">{words.navApi}</a>
        </nav>
        <div class="lang" role="group" aria-label={words.language}>
          <button type="button" aria-pressed={lang === "en"} onClick={() => setLang("en")}>English</button>
          <button type="button" lang="ja" aria-pressed={lang === "ja"} onClick={() => setLang("ja")}>日本語</button>
        </div>
      </header>
      {busy && <p class="banner" role="status">{/no store/i.test(busy) ? words.noStore : words.busy} <small>({busy})</small></p>}
      <main id="main" tabIndex={-1} class={fact ? "with-panel" : ""}>
        {route.view === "release" && <ReleaseView params={route.params} />}
        {route.view === "series" && <SeriesView params={route.params} />}
        {route.view === "check" && <CheckView params={route.params} />}
      </main>
      {fact && <FactPanel id={fact.id} asOf={fact.asOf} onClose={closeFact} />}
    </DeskContext.Provider>
  );
}
