// Release dates that stay right: the same bytes ingested again with a release date set that date on the releases
// they made (a file first read with no date, then given one), as long as every stored revision stays true.

import { UsageError } from "../errors.js";
import { VINTAGE_ORDER } from "./ingest.js";
import type { Store } from "./store.js";

export interface ReleaseDateChange {
  releaseId: number;
  dataset: string;
  /** The release date before, or null when it was unknown (and the release counted from its ingest day). */
  was: string | null;
  now: string;
}

/**
 * Sets the release date of releases already in the store. `released` (a user's `--released`) sets it even over a
 * known date, and says so; `fallback` (a server's Last-Modified, a mirror's file time) only fills an unknown one,
 * so that running `update` again never undoes a date a user gave.
 *
 * A release's date is also its `effective` date, which orders vintages and answers `--as-of`. Moving it is coherent
 * when no other release of the same dataset lies between the old and the new date: each release stores only the
 * values that changed against the releases of its dataset before it, so if that order changed, a stored revision
 * would be measured against the wrong predecessor. Then the change is refused, saying which release is in the way.
 */
export async function dateReleases(store: Store, releaseIds: number[], dates: { released?: string; fallback?: string }): Promise<ReleaseDateChange[]> {
  const changes: ReleaseDateChange[] = [];
  for (const id of releaseIds) {
    const [r] = await store.rows<{ dataset: string; released: string | null; effective: string }>(
      `SELECT dataset, strftime(released, '%Y-%m-%d') AS released, strftime(effective, '%Y-%m-%d') AS effective FROM releases WHERE release_id = ?`,
      [id],
    );
    if (!r) continue;
    const date = dates.released ?? (r.released === null ? dates.fallback : undefined);
    if (date === undefined || date === r.released) continue;
    const [between] = await store.rows<{ id: number; effective: string }>(
      `SELECT r.release_id AS id, strftime(r.effective, '%Y-%m-%d') AS effective FROM releases r
       WHERE r.dataset = $dataset AND r.release_id <> $id AND r.effective BETWEEN least($old::DATE, $new::DATE) AND greatest($old::DATE, $new::DATE)
       ORDER BY ${VINTAGE_ORDER} LIMIT 1`,
      { dataset: r.dataset, id, old: r.effective, new: date },
    );
    if (between) {
      throw new UsageError(
        `cannot date release ${id} (${r.dataset}) ${date}: release ${between.id} of the same dataset counts from ${between.effective}, between its ` +
          `${r.released ? `release date ${r.released}` : `ingest day ${r.effective}`} and ${date}, and each release stores only what changed against the ones before it. ` +
          `Ingest the files in the order they were published, each with its --released, into a new store`,
      );
    }
    await store.run(`UPDATE releases SET released = $date::DATE, effective = $date::DATE WHERE release_id = $id`, { date, id });
    changes.push({ releaseId: id, dataset: r.dataset, was: r.released, now: date });
  }
  return changes;
}
