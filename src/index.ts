// boeki as a library: the pipeline's stages, each usable alone.
//   const store = await open("boeki.duckdb");
//   await ingest(store, ["d41ma.csv"]);
//   const { facts } = await figures(store, { month: "2025-11" });
//   const year = await annualFigures(store, { period: "2025" });          // or "FY2024": April 2024 to March 2025
//   const doc = await brief(store, "2025-11", { asOf: "2025-12-17" });
//   const { claims } = await check(store, articleText, { date: "2025-12-17" });

import { Store, type OpenOptions } from "./store/store.js";

export const open = (path?: string, options?: OpenOptions) => Store.open(path, options);

export type { Flow, Measure, Observation, Stage } from "./domain.js";
export { BoekiError, InputError, NetworkError, StoreError, UsageError, EXIT } from "./errors.js";
export { Store, DEFAULT_STORE_PATH } from "./store/store.js";
export { ingest, type IngestOptions, type FileReport } from "./store/ingest.js";
export { releases, series, monthTotals, type SeriesQuery, type SeriesPoint } from "./store/read.js";
export { exportTidy } from "./store/export.js";
export { runQuery, type QueryOptions, type QueryResult } from "./store/sql.js";
export { resolveMonth, parseDate, latestMonth } from "./store/months.js";
export { resolvePartner, resolveCommodity, commodityByFlow, searchCodes } from "./sources/codes/resolve.js";
export { setConsensus, consensusFor } from "./store/consensus.js";
export { fetchFile, type FetchOptions, type FetchedFile } from "./sources/fetch.js";
export { figures, computeFigures, annualFigures, type Fact, type Figures, type FiguresQuery } from "./figures/index.js";
export { brief, toHtml, toJson, toMarkdown, type BriefDocument, type BriefOptions, type KeyTable, type KeyRow } from "./brief/index.js";
export { check, type CheckResult, type CheckedClaim, type Verdict } from "./claims/index.js";
