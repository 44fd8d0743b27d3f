import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers.js";
import { SCHEMA_VERSION } from "./schema.js";
import { Store } from "./store.js";

describe("store file", () => {
  it("is created at the current schema version, with the code lists loaded", async () => {
    const store = await Store.open(path.join(tempDir(), "s.duckdb"));
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(await store.rows(`SELECT name_en FROM partners WHERE code = '304'`)).toEqual([{ name_en: "United States of America" }]);
    expect(await store.rows(`SELECT name_en FROM commodities WHERE flow = 'export' AND code = 'pc:70503'`)).toEqual([{ name_en: "MOTOR VEHICLES" }]);
    expect(await store.rows(`SELECT count(*)::INTEGER AS n FROM partner_groups WHERE group_code = 'group:eu' AND DATE '2020-02-01' BETWEEN valid_from AND coalesce(valid_to, DATE '9999-12-31')`)).toEqual([{ n: 27 }]);
    store.close();
  });

  it("refuses a store written by a newer boeki instead of misreading it", async () => {
    const file = path.join(tempDir(), "s.duckdb");
    const store = await Store.open(file);
    await store.run(`UPDATE meta SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`);
    store.close();
    await expect(Store.open(file)).rejects.toThrow(new RegExp(`written by a newer boeki \\(store schema ${SCHEMA_VERSION + 1}`));
  });

  it("reopens an existing store without migrating it again", async () => {
    const file = path.join(tempDir(), "s.duckdb");
    (await Store.open(file)).close();
    const again = await Store.open(file, { readOnly: true });
    expect(await again.schemaVersion()).toBe(SCHEMA_VERSION);
    again.close();
  });
});
