// A store of the Ministry's real releases, as the figures, brief and claim tests need it: the press releases
// on their days (area tables of 28 releases, the full 2025-11 XML, headline totals with year-ago values,
// commodity tables) and the revised time series, given the release date of their capture. With `history`, what
// the claim checker also reads: the area table's printed balance %, the by-area time series (37 years of partner
// balances and streaks), the economic calendar's first prints (a secondary source) and the months derived from
// year-to-date snapshots (derived figures). The figures and brief tests use the store without them, so that
// their numbers stay those of the releases alone.

import { ingest } from "../src/store/ingest.js";
import type { Store } from "../src/store/store.js";
import { freshStore, shared } from "./helpers.js";

export const TIME_SERIES_RELEASED = "2026-09-30";
/** The by-area time series as captured on 2025-08-03 (their PROVENANCE): a vintage released that day. */
export const BY_AREA_RELEASED = "2025-08-03";

export const BY_AREA_FILES = ["d51ma", "d61ma", ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((i) => [`d52ma00${i}`, `d62ma00${i}`])];

export async function storeOfRealReleases(options: { history?: boolean } = {}): Promise<Store> {
  const { store } = await freshStore();
  const press = (name: string) => shared("mof-press-release", name);
  await ingest(store, [press("tidy/press_area_country.tidy.csv")], { dataset: "mof.press" });
  await ingest(store, [press("xml/press_2025114en.xml"), press("press_headline_totals.csv")]);
  await ingest(store, [press("press_2024-11_principal_commodity_world.csv"), press("press_2025-06_principal_commodity_world.csv")]);
  await ingest(store, ["d41ma", "d51ma", "d61ma"].map((f) => shared("mof-timeseries", `${f}.sjis.csv`)), { released: TIME_SERIES_RELEASED });
  if (options.history) {
    await ingest(store, [press("press_area_country.csv")]);
    await ingest(store, BY_AREA_FILES.map((f) => shared("mof-timeseries-by-area", `${f}.csv`)), { released: BY_AREA_RELEASED, encoding: "utf8" });
    await ingest(store, [shared("first-prints", "jp_trade_first_print_calendar_2023-06_2026-07.csv")]);
    await ingest(store, [shared("mof-area-commodity-ytd-vintages", "trade_year_vintages_ytd.csv.gz")]);
  }
  return store;
}
