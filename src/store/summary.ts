// What a reader needs to know about the store as a whole: a version that changes with every ingest and every
// forecast recorded (for caches and ETags), and the months it holds with the release that first printed each.

import type { Store } from "./store.js";

/** Changes whenever anything a figure, brief or check reads changes: a release, or a forecast set or replaced. */
export async function storeVersion(store: Store): Promise<string> {
  const [row] = await store.rows<{ version: string }>(
    `SELECT (SELECT count(*) || '.' || coalesce(max(release_id), 0) FROM releases) || '.' ||
            (SELECT count(*) || '.' || coalesce(sum(hash(period, metric, value, source, published)), 0)::VARCHAR FROM consensus) AS version`,
  );
  return row!.version;
}

export interface HeldMonth {
  /** `YYYY-MM` */
  month: string;
  /** The release that first printed the month's exports: its stage and day (null when the file did not say). */
  firstStage: string;
  firstReleased: string | null;
  /** The release whose exports figure is in force now. */
  stage: string;
  released: string | null;
}

/** The months with a world exports figure, newest first. */
export async function heldMonths(store: Store): Promise<HeldMonth[]> {
  return store.rows<HeldMonth>(`
    WITH printed AS (
      SELECT o.period, r.stage, r.released,
             row_number() OVER (PARTITION BY o.period ORDER BY r.effective, r.release_id) AS first_rank,
             row_number() OVER (PARTITION BY o.period ORDER BY r.effective DESC, r.release_id DESC) AS last_rank
      FROM observations o JOIN releases r USING (release_id)
      WHERE o.flow = 'export' AND o.partner = 'world' AND o.commodity = 'total' AND o.measure = 'value')
    SELECT strftime(period, '%Y-%m') AS month,
           any_value(stage) FILTER (WHERE first_rank = 1) AS firstStage,
           strftime(any_value(released) FILTER (WHERE first_rank = 1), '%Y-%m-%d') AS firstReleased,
           any_value(stage) FILTER (WHERE last_rank = 1) AS stage,
           strftime(any_value(released) FILTER (WHERE last_rank = 1), '%Y-%m-%d') AS released
    FROM printed GROUP BY period ORDER BY period DESC`);
}
