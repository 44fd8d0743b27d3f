// brief(store, month, options): the story of one month's release, written from its facts, with charts.

import { computeFigures, type FiguresQuery } from "../figures/index.js";
import { loadSnapshot } from "../figures/snapshot.js";
import { UsageError } from "../errors.js";
import { consensusFor } from "../store/consensus.js";
import { parseDate } from "../store/months.js";
import type { Store } from "../store/store.js";
import { briefCharts } from "./charts.js";
import { assemble, type BriefDocument } from "./render.js";
import { keyFigures } from "./key-figures.js";
import { selectStory, STORY_PARTNERS } from "./story.js";
import { writeEnglish } from "./write-en.js";
import { writeJapanese } from "./write-ja.js";

export { chartPng, type Chart } from "./charts.js";
export { toHtml, toJson, toMarkdown, type BriefDocument } from "./render.js";
export type { KeyRow, KeyTable } from "./key-figures.js";

export interface BriefOptions {
  /** `YYYY-MM-DD`: the story as it could be written that day. */
  asOf?: string;
  lang?: "en" | "ja";
  /** Skip the charts (the text alone is much faster). */
  charts?: boolean;
}

export async function brief(store: Store, month: string, options: BriefOptions = {}): Promise<BriefDocument> {
  const query: FiguresQuery = { month, asOf: options.asOf, headlineOnly: true, goodsOf: STORY_PARTNERS };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month: expected YYYY-MM, found "${month}"`);
  if (options.asOf !== undefined) parseDate(options.asOf, "--as-of");
  const snapshot = await loadSnapshot(store, month, options.asOf, undefined, { commoditiesByPartner: true });
  const result = computeFigures(snapshot, query, await consensusFor(store, month, options.asOf));
  const story = selectStory(result);
  if (!story) throw new UsageError(`no exports figure for ${month}${options.asOf ? ` as of ${options.asOf}` : ""}: ingest its release or the time series first`);
  const lang = options.lang ?? "en";
  const written = lang === "ja" ? writeJapanese(story) : writeEnglish(story);
  const charts = options.charts === false ? [] : briefCharts(snapshot, month, result.facts, lang);
  return assemble(month, result.asOf, lang, written, result.facts, charts, keyFigures(result, story, lang));
}
