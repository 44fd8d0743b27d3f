// A store of the Ministry's real releases, as the figures, brief and claim tests need it: the press releases
// on their days (area tables of 28 releases, the full 2025-11 XML, headline totals with year-ago values,
// commodity tables) and the revised time series, given the release date of their capture.

import { ingest } from "../src/store/ingest.js";
import type { Store } from "../src/store/store.js";
import { freshStore, shared } from "./helpers.js";

export const TIME_SERIES_RELEASED = "2026-09-30";

export async function storeOfRealReleases(): Promise<Store> {
  const { store } = await freshStore();
  const press = (name: string) => shared("mof-press-release", name);
  await ingest(store, [press("tidy/press_area_country.tidy.csv")], { dataset: "mof.press" });
  await ingest(store, [press("xml/press_2025114en.xml"), press("press_headline_totals.csv")]);
  await ingest(store, [press("press_2024-11_principal_commodity_world.csv"), press("press_2025-06_principal_commodity_world.csv")]);
  await ingest(store, ["d41ma", "d51ma", "d61ma"].map((f) => shared("mof-timeseries", `${f}.sjis.csv`)), { released: TIME_SERIES_RELEASED });
  return store;
}
