import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, fingerprint, storesClosedAfterEach } from "../../test/helpers.js";
import { ingest } from "./ingest.js";
import { releases, series } from "./read.js";

const D41MA = path.join(FIXTURES, "d41ma-small.sjis.csv");
const D41MA_REVISED = path.join(FIXTURES, "d41ma-small-revised.sjis.csv");
const november = { from: "2025-11", to: "2025-11", measures: ["value" as const] };

describe("release dates that stay right", () => {
  const store = storesClosedAfterEach();

  it("same bytes with a release date date the release they made, and as-of answers follow", async () => {
    const s = await store();
    const [first] = await ingest(s, [D41MA]);
    expect(first!.releases[0]!.released).toBeNull();
    expect(await series(s, { ...november, asOf: "2025-12-20" })).toEqual([]); // counted from its ingest day: today

    const [again] = await ingest(s, [D41MA], { released: "2025-12-17" });
    expect(again!.status).toBe("already-ingested");
    expect(again!.datesSet).toEqual([{ releaseId: 1, dataset: "mof.d41ma", was: null, now: "2025-12-17" }]);
    expect((await releases(s)).map((r) => [r.released, r.effective])).toEqual([["2025-12-17", "2025-12-17"]]);
    expect((await series(s, { ...november, asOf: "2025-12-20" })).map((p) => p.value)).toEqual([9_300_000_013]);
    expect(await series(s, { ...november, asOf: "2025-12-16" })).toEqual([]);

    // A server's or a mirror's date fills only an unknown one: update run again never undoes a user's --released.
    const [fallback] = await ingest(s, [D41MA], { releasedFallback: "2026-01-05" });
    expect(fallback!.datesSet).toBeUndefined();
    // A user's date replaces a known one, and says what it was.
    const [corrected] = await ingest(s, [D41MA], { released: "2025-12-18" });
    expect(corrected!.datesSet).toEqual([{ releaseId: 1, dataset: "mof.d41ma", was: "2025-12-17", now: "2025-12-18" }]);
    expect(await series(s, { ...november, asOf: "2025-12-17" })).toEqual([]);
  });

  it("refuses a date that would move a release past another of its dataset, and changes nothing", async () => {
    const s = await store();
    await ingest(s, [D41MA], { released: "2025-11-20" });
    const [revised] = await ingest(s, [D41MA_REVISED]); // no date: counted from today, after the first
    expect(revised!.releases[0]).toMatchObject({ added: 0, revised: 3 }); // only what changed is stored
    const before = await fingerprint(s);
    // Moved before the first release, its three revisions would stand alone on days when the rest of its values
    // (stored once, by the first release) were not out yet.
    await expect(ingest(s, [D41MA_REVISED], { released: "2025-11-01" })).rejects.toThrow(
      /cannot date release 2 \(mof\.d41ma\) 2025-11-01: release 1 of the same dataset counts from 2025-11-20, between its ingest day .* and 2025-11-01/,
    );
    expect(await fingerprint(s)).toBe(before);
    // After the first release, the order stays: allowed.
    const [dated] = await ingest(s, [D41MA_REVISED], { released: "2025-12-17" });
    expect(dated!.datesSet?.[0]).toMatchObject({ releaseId: 2, was: null, now: "2025-12-17" });
    expect((await series(s, { ...november, asOf: "2025-12-16" })).map((p) => p.value)).toEqual([9_300_000_013]);
    expect((await series(s, { ...november, asOf: "2025-12-17" })).map((p) => p.value)).toEqual([9_300_123_456]);
  });
});
