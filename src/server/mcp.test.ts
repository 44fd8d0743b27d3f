// The MCP server with the SDK's own client: in process (linked transports) for every tool and resource, and once
// through `boeki mcp` on stdio as an agent's client would start it.

import path from "node:path";
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasSharedData, REPO, SHARED_DATA } from "../../test/helpers.js";
import { storeOfRealReleases } from "../../test/real-store.js";
import { setConsensus } from "../store/consensus.js";
import { createMcpServer, MAX_ITEMS } from "./mcp.js";
import { StoreAccess } from "./store-access.js";

type ToolResult = { content: Array<{ type: string; text: string }>; isError?: boolean };

describe.skipIf(!hasSharedData)("boeki's MCP server", () => {
  let db: string;
  let access: StoreAccess;
  let client: Client;
  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;
  const answer = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await call(name, args);
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const text = result.content[0]!.text;
    return text.startsWith("{") ? JSON.parse(text) : text;
  };

  beforeAll(async () => {
    const store = await storeOfRealReleases();
    await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
    db = store.path;
    store.close();
    access = new StoreAccess(db, { idleCloseMs: 20 });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(access).connect(serverSide);
    client = new Client({ name: "boeki-test", version: "1" });
    await client.connect(clientSide);
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await access?.close();
  });

  it("lists its tools, each with an input schema, read-only", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["brief", "check", "codes", "fact", "figures", "releases", "series"]);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    expect(Object.keys(tools.find((t) => t.name === "figures")!.inputSchema.properties!)).toEqual(expect.arrayContaining(["month", "as_of", "section", "partner", "limit"]));
  });

  it("figures: the headline of November 2025 as released (+6.1%), bounded however much is asked", async () => {
    const headline = await answer("figures", { month: "2025-11", as_of: "2025-12-17" });
    expect(headline.items.find((f: { id: string }) => f.id === "yoy_pct/export/world/total/2025-11")).toMatchObject({ value: 6.1, vintage: { released: "2025-12-17" } });
    const byArea = await answer("figures", { month: "2025-11", section: ["commodityByArea"] });
    expect(byArea.total).toBeGreaterThan(1000);
    expect(byArea.returned).toBe(50);
    expect(byArea.more).toMatch(/narrow with partner, commodity or metric/);
    expect(JSON.stringify(byArea).length).toBeLessThan(60_000);
    const usa = await answer("figures", { month: "latest", as_of: "2025-12-17", section: ["destinations"], partner: "USA", metric: "yoy_pct" });
    expect(usa.items.map((f: { id: string; value: number }) => [f.id, f.value])).toEqual([["yoy_pct/export/304/total/2025-11", 8.8], ["yoy_pct/import/304/total/2025-11", expect.any(Number)]]);
    expect((await call("figures", { limit: MAX_ITEMS + 1 })).isError).toBe(true);
  });

  it("fact: a figure's source rows and its revisions (imports +1.3% printed, +1.4% now)", async () => {
    const { fact, history } = await answer("fact", { id: "yoy_pct/import/world/total/2025-11", as_of: "2025-12-17" });
    expect(fact.value).toBe(1.3);
    expect(history.map((h: { value: number }) => h.value)).toEqual([1.3, 1.4]);
  });

  it("brief, series, releases, codes", async () => {
    expect(await answer("brief", { month: "2025-11", as_of: "2025-12-17" })).toMatch(/^# Japan's exports rise 6\.1% in November[\s\S]*United States rose 8\.8%/);
    expect(await answer("brief", { month: "2025-11", as_of: "2025-12-17", lang: "ja" })).toMatch(/6\.1%/);
    const series = await answer("series", { flow: "import", change: "yoy", from: "2025-11", to: "2025-11", as_of: "2025-12-17" });
    expect(series.items).toEqual([expect.objectContaining({ period: "2025-11", yoyPct: 1.3 })]);
    const long = await answer("series", { measure: ["value"] });
    expect(long.total).toBeGreaterThan(500);
    expect(long.returned).toBe(MAX_ITEMS);
    expect(long.items[0].period).toBe("2026-08");
    const releases = await answer("releases", { limit: 3 });
    expect(releases.months.items.map((m: { month: string }) => m.month)).toEqual(["2026-08", "2026-07", "2026-06"]);
    expect((await answer("codes", { query: "germany" })).items).toEqual([expect.objectContaining({ code: "213" })]);
  });

  it("check: the 2024-11 seed article, '120%' contradicted with 32.1", async () => {
    const text = readFileSync(path.join(SHARED_DATA, "..", "articles", "2024-12-japan-trade-balance-november-2024.txt"), "utf8");
    const result = await answer("check", { text, date: "2024-12-18" });
    expect(result.claims.find((c: { text: string }) => c.text === "120%")).toMatchObject({ verdict: "contradicted", expected: 32.1 });
    expect(result.claims.find((c: { text: string }) => c.text === "¥117.6 billion")).toMatchObject({ verdict: "supported" });
  });

  it("says what was wrong, in the CLI's words", async () => {
    const notHeld = await call("figures", { month: "2031-01" });
    expect(notHeld.isError).toBe(true);
    expect(notHeld.content[0]!.text).toMatch(/the store has no figures for 2031-01/);
    expect((await call("series", { partner: "Atlantis" })).content[0]!.text).toMatch(/unknown partner "Atlantis"/);
  });

  it("offers the latest brief as a resource", async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["boeki://brief/latest", "boeki://brief/latest/ja"]);
    const latest = await client.readResource({ uri: "boeki://brief/latest" });
    expect(latest.contents[0]).toMatchObject({ mimeType: "text/markdown", text: expect.stringMatching(/August/) });
    const month = await client.readResource({ uri: "boeki://brief/2024-11/en" });
    expect((month.contents[0] as { text: string }).text).toMatch(/fifth straight monthly deficit|deficit/);
  });

  it("runs as `boeki mcp` on stdio", async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [path.join(REPO, "bin", "boeki.js"), "--db", db, "mcp"], stderr: "pipe" });
    const stdio = new Client({ name: "boeki-test-stdio", version: "1" });
    await stdio.connect(transport);
    try {
      const result = (await stdio.callTool({ name: "figures", arguments: { month: "2025-11", as_of: "2025-12-17", metric: "yoy_pct" } })) as ToolResult;
      expect(JSON.parse(result.content[0]!.text).items[0]).toMatchObject({ id: "yoy_pct/export/world/total/2025-11", value: 6.1 });
    } finally {
      await stdio.close();
    }
  });
});
