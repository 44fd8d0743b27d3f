// boeki as a library, through its one public entry point.

import path from "node:path";
import { describe, expect, it } from "vitest";
import * as boeki from "../src/index.js";
import { FIXTURES, tempDir } from "./helpers.js";

describe("the library's entry point", () => {
  it("opens a store, ingests, reads a series and a month's totals", async () => {
    const store = await boeki.open(path.join(tempDir(), "lib.duckdb"));
    const [report] = await boeki.ingest(store, [path.join(FIXTURES, "d41ma-small.sjis.csv")], { released: "2025-12-17" });
    expect(report!.releases[0]).toMatchObject({ dataset: "mof.d41ma", through: "2025-11", added: 28 });
    const points = await boeki.series(store, { flow: "import", partner: "world", commodity: "total", from: "2024-11", to: "2024-11", measures: ["value"] });
    expect(points.map((p) => p.value)).toEqual([8_449_999_997]);
    expect(await boeki.monthTotals(store)).toMatchObject({ period: "2025-11", exportsJpyThousand: 9_300_000_013 });
    const { facts } = await boeki.figures(store, { month: "2025-11", asOf: "2025-12-17" });
    expect(facts.find((f) => f.id === "level/export/world/total/2025-11")?.value).toBe(9_300_000_013);
    store.close();
    expect(typeof boeki.brief).toBe("function");
    expect(typeof boeki.check).toBe("function");
  });
});
