// Economists' forecasts for a month's release, kept so that figures can say whether the release beat them.

import { PERIOD_PATTERN } from "../domain.js";
import { UsageError } from "../errors.js";
import { parseDate } from "./months.js";
import type { Store } from "./store.js";

export const CONSENSUS_METRICS = {
  exports_yoy: { flow: "export", unit: "pct", label: "exports y/y" },
  imports_yoy: { flow: "import", unit: "pct", label: "imports y/y" },
  balance: { flow: "balance", unit: "JPY_billion", label: "trade balance" },
} as const;
export type ConsensusMetric = keyof typeof CONSENSUS_METRICS;

export interface Consensus {
  period: string;
  metric: ConsensusMetric;
  value: number;
  source: string;
  /** `YYYY-MM-DD` */
  published: string;
}

export function checkConsensus(c: Consensus): void {
  if (!PERIOD_PATTERN.test(c.period)) throw new UsageError(`consensus month: expected YYYY-MM, found "${c.period}"`);
  if (!(c.metric in CONSENSUS_METRICS)) throw new UsageError(`--metric: expected one of ${Object.keys(CONSENSUS_METRICS).join(", ")}, found "${c.metric}"`);
  if (!Number.isFinite(c.value)) throw new UsageError(`--value: expected a number, found "${c.value}"`);
  if (!c.source.trim()) throw new UsageError(`--source: name where the forecast comes from`);
  // The source is printed in briefs and tables: nothing in it may act on a terminal.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(c.source)) throw new UsageError(`--source: control characters (escape, NUL, newline …) are not allowed in a source's name`);
  parseDate(c.published, "--date");
}

/** Records a forecast; the same source, metric and day again replaces its value. */
export async function setConsensus(store: Store, c: Consensus): Promise<void> {
  checkConsensus(c);
  await store.run(`INSERT OR REPLACE INTO consensus VALUES (?, ?, ?, ?, ?::DATE, now()::TIMESTAMP)`, [c.period, c.metric, c.value, c.source, c.published]);
}

/** The forecasts for `period` public by `asOf` (all, when absent): the latest of each source and metric. */
export async function consensusFor(store: Store, period: string, asOf?: string): Promise<Consensus[]> {
  if (asOf !== undefined) parseDate(asOf, "--as-of");
  return store.rows<Consensus>(
    `SELECT period, metric, value, source, strftime(published, '%Y-%m-%d') AS published FROM (
       SELECT *, row_number() OVER (PARTITION BY metric, source ORDER BY published DESC) AS rank
       FROM consensus WHERE period = ? AND published <= coalesce(?::DATE, DATE '9999-12-31'))
     WHERE rank = 1 ORDER BY metric, source`,
    [period, asOf ?? null],
  );
}
