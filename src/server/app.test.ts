// The HTTP API in process (Hono's app.request) on a store of the Ministry's real releases: every endpoint with
// the published figures, answers equal to the CLI's, every error status, 304s, and what happens while another
// process writes the store (503) or after it has (new version, new answers).

import { spawn, type ChildProcess } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boekiAsync, hasSharedData, REPO, SHARED_DATA, tempDir } from "../../test/helpers.js";
import { storeOfRealReleases } from "../../test/real-store.js";
import { setConsensus } from "../store/consensus.js";
import { createApp } from "./app.js";
import * as S from "./schemas.js";
import { StoreAccess } from "./store-access.js";

const SEED_ARTICLE = path.join(SHARED_DATA, "..", "articles", "2024-12-japan-trade-balance-november-2024.txt");

describe.skipIf(!hasSharedData)("the HTTP API on the Ministry's releases", () => {
  let db: string;
  let access: StoreAccess;
  let app: ReturnType<typeof createApp>;
  const get = (url: string, headers?: Record<string, string>) => app.request(url, { headers });
  const json = async (url: string) => {
    const response = await get(url);
    expect(response.status, `${url}: ${response.status}`).toBe(200);
    return response.json() as Promise<any>;
  };
  const problem = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    return S.Problem.parse(await response.json());
  };

  beforeAll(async () => {
    const store = await storeOfRealReleases();
    await setConsensus(store, { period: "2025-11", metric: "exports_yoy", value: 4.8, source: "Reuters poll", published: "2025-12-16" });
    db = store.path;
    store.close();
    access = new StoreAccess(db, { idleCloseMs: 20 });
    app = createApp({ access, allowedHosts: ["localhost", "127.0.0.1"] });
  }, 120_000);
  afterAll(() => access.close());

  it("figures: November 2025 exports +6.1% as of 2025-12-17, imports +1.3% then and +1.4% now", async () => {
    const asReleased = S.Figures.parse(await json("/api/figures?month=2025-11&as_of=2025-12-17&section=headline"));
    const fact = (f: typeof asReleased, id: string) => f.facts.find((x) => x.id === id);
    expect(fact(asReleased, "yoy_pct/export/world/total/2025-11")).toMatchObject({ value: 6.1, vintage: { released: "2025-12-17", stage: "provisional" } });
    expect(fact(asReleased, "yoy_pct/import/world/total/2025-11")?.value).toBe(1.3);
    expect(asReleased.sections.destinations).toEqual([]);
    const now = S.Figures.parse(await json("/api/figures?month=2025-11&section=headline"));
    expect(fact(now, "yoy_pct/import/world/total/2025-11")?.value).toBe(1.4);
    // Sections repeated or comma-separated; partners by name.
    const usa = S.Figures.parse(await json("/api/figures?month=2025-11&as_of=2025-12-17&section=destinations&section=consensus&partner=USA"));
    expect(fact(usa, "yoy_pct/export/304/total/2025-11")?.value).toBe(8.8);
    expect(fact(usa, "surprise/export/world/total/2025-11/Reuters poll")).toMatchObject({ value: 1.3, detail: { outcome: "beat" } });
    expect(usa.facts.every((f) => ["304", "world"].includes(f.partner))).toBe(true);
  });

  it("month=latest is the latest month held (as of a day)", async () => {
    expect((await json("/api/figures?section=headline")).month).toBe("2026-08");
    expect((await json("/api/figures?month=latest&as_of=2025-12-17&section=headline")).month).toBe("2025-11");
    expect((await json("/api/figures?month=latest-1&as_of=2025-12-17&section=headline")).month).toBe("2025-10");
    expect((await json("/api/health")).latestMonth).toBe("2026-08");
  });

  it("brief: JSON, Markdown and HTML of the story a desk would file, with its charts as SVG and PNG", async () => {
    const doc = S.Brief.parse(await json("/api/brief?month=2025-11&as_of=2025-12-17"));
    expect(doc.title.text).toMatch(/exports rise 6\.1% in November/);
    const usa = doc.paragraphs.flat().find((s) => /United States rose 8\.8%/.test(s.text))!;
    expect(usa.facts).toContain("yoy_pct/export/304/total/2025-11");
    expect(doc.charts.map((c) => c.id)).toEqual(["yoy", "balance", "destinations", "commodities"]);
    const md = await get("/api/brief?month=2025-11&as_of=2025-12-17&format=md");
    expect(md.headers.get("Content-Type")).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/exports rose 6\.1%\[\^1\] in November[\s\S]*!\[.*\]\(\/api\/charts\/yoy\.svg\?month=2025-11&as_of=2025-12-17&lang=en\)/);
    expect(await (await get("/api/brief?month=2025-11&as_of=2025-12-17&format=html")).text()).toMatch(/<span class="fact" data-fact="yoy_pct\/export\/world\/total\/2025-11">6\.1%<\/span>/);
    const ja = S.Brief.parse(await json("/api/brief?month=2025-11&as_of=2025-12-17&lang=ja"));
    expect(ja.title.text).toMatch(/3223億円/); // the Japanese release's balance: the difference of the rounded exports and imports

    const svg = await get(doc.charts[0]!.url as string);
    expect(svg.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg[\s\S]*Exports and imports/);
    const png = new Uint8Array(await (await get("/api/charts/balance.png?month=2025-11&as_of=2025-12-17")).arrayBuffer());
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    // 1980 has only the world totals: no chart of destinations.
    expect((await problem(await get("/api/charts/destinations.svg?month=1980-03"), 404)).detail).toMatch(/no destinations chart/);
  });

  it("series: partners and goods by name, levels or y/y, as they stood on a day", async () => {
    const usa = S.Series.parse(await json("/api/series?partner=United%20States&from=2025-11&to=2025-11&measure=value"));
    expect(usa).toMatchObject({ partner: "304", commodity: "total", points: [{ period: "2025-11", value: 1816875000, stage: "provisional" }] });
    const then = await json("/api/series?flow=import&change=yoy&from=2025-10&to=2025-11&as_of=2025-12-17");
    const now = await json("/api/series?flow=import&change=yoy&from=2025-10&to=2025-11");
    expect(then.points.map((p: { yoyPct: number }) => p.yoyPct)).toEqual([0.7, 1.3]); // as printed: October +0.7%, November +1.3%
    expect(now.points.at(-1)).toMatchObject({ period: "2025-11", yoyPct: 1.4, from: "levels", stage: "revised" });
    const cars = await json("/api/series?commodity=pc:70503&from=2025-11&to=2025-11&measure=value&as_of=2025-12-17");
    expect(cars.points).toHaveLength(1);
    // The last N months, as the CLI's --last: levels and changes alike end at the month asked.
    const lastTwo = await json("/api/series?flow=import&change=yoy&to=2025-11&last=2&as_of=2025-12-17");
    expect(lastTwo.points.map((p: { period: string; yoyPct: number }) => [p.period, p.yoyPct])).toEqual([["2025-10", 0.7], ["2025-11", 1.3]]);
    expect((await json("/api/series?partner=USA&to=2025-11&last=3&measure=value")).points.map((p: { period: string }) => p.period)).toEqual(["2025-09", "2025-10", "2025-11"]);
    expect((await problem(await get("/api/series?last=0"), 400)).detail).toMatch(/last/);
  });

  it("facts: a figure with its rows and every value it took — imports +1.3% as printed, +1.4% revised", async () => {
    const { fact, history } = S.FactHistory.parse(await json("/api/facts?id=yoy_pct/import/world/total/2025-11&as_of=2025-12-17"));
    expect(fact).toMatchObject({ value: 1.3, basis: { period: "2024-11" } });
    expect([...new Set(fact!.provenance.rows.map((r) => r.period))].sort()).toEqual(["2024-11", "2025-11"]);
    expect(history.map((h) => [h.from, h.value, h.vintage?.dataset])).toEqual([["2025-12-17", 1.3, "mof.press"], ["2026-09-30", 1.4, "mof.d61ma"]]);
  });

  it("releases: every vintage, and the months held with the release that first printed each", async () => {
    const { releases, months } = S.Releases.parse(await json("/api/releases"));
    expect(releases.length).toBeGreaterThan(60);
    expect(months[0]!.month).toBe("2026-08");
    expect(months.find((m) => m.month === "2025-11")).toEqual({ month: "2025-11", firstStage: "provisional", firstReleased: "2025-12-17", stage: "revised", released: "2026-09-30" });
  });

  it("codes: partners and principal commodities with their names", async () => {
    expect(S.Codes.parse(await json("/api/codes")).find((c) => c.code === "304")?.name).toMatch(/United States/);
    expect(S.Codes.parse(await json("/api/codes?kind=commodities")).find((c) => c.code === "pc:70503" && c.flow === "export")?.ja).toBe("自動車");
  });

  it("check: the 2024-11 seed article gives exactly the CLI's JSON, sent as JSON or as plain text", async () => {
    const text = readFileSync(SEED_ARTICLE, "utf8");
    const response = await app.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, date: "2024-12-18" }) });
    expect(response.status).toBe(200);
    const api = S.CheckResult.parse(await response.json());
    expect(api.claims.find((c) => c.text === "120%")).toMatchObject({ verdict: "contradicted", expected: 32.1 });
    const cli = await boekiAsync(["--db", db, "--json", "check", SEED_ARTICLE, "--date", "2024-12-18"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(api).toEqual(JSON.parse(cli.stdout));
    const plain = await app.request("/api/check?date=2024-12-18", { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text });
    expect(await plain.json()).toEqual(api);
  });

  it("errors: problem+json with the CLI's message; 400, 404, 413, 421", async () => {
    const badDay = await problem(await get("/api/figures?month=2025-11&as_of=2025-1-7"), 400);
    const cli = await boekiAsync(["--db", db, "--json", "figures", "--month", "2025-11", "--as-of", "2025-1-7"]);
    expect(cli.code).toBe(2);
    expect(badDay).toMatchObject({ detail: JSON.parse(cli.stdout).error, exitCode: 2, parameter: "as_of", type: "urn:boeki:problem:bad-parameter" });
    expect((await problem(await get("/api/figures?month=2025-02&as_of=2025-02-30"), 400)).detail).toBe("--as-of: 2025-02-30 is not a day of the calendar (February 2025 has 28 days)");
    expect((await problem(await get("/api/figures?month=2025-13"), 400)).detail).toMatch(/--month: expected a month as YYYY-MM.*"2025-13"/);
    expect((await problem(await get("/api/figures?month=2031-01"), 404)).type).toBe("urn:boeki:problem:month-not-held");
    expect((await problem(await get("/api/brief?month=2025-12&as_of=2025-12-17"), 404)).detail).toMatch(/2025-12/);
    expect((await problem(await get("/api/figures?section=everything"), 400)).detail).toMatch(/--section: expected headline, .* found "everything"/);
    expect((await problem(await get("/api/series?partner=Atlantis"), 400)).detail).toMatch(/unknown partner "Atlantis"/);
    expect((await problem(await get("/api/series?flow=sideways"), 400)).detail).toBe('--flow: expected export or import, found "sideways"');
    expect((await problem(await get("/api/charts/pie.svg?month=2025-11"), 400)).parameter).toBe("chart");
    expect((await problem(await get("/api/nothing-here"), 404)).detail).toMatch(/no such page or endpoint/);
    const write = await app.request("/api/releases", { method: "DELETE" });
    expect(write.headers.get("Allow")).toBe("GET, HEAD");
    expect((await problem(write, 405)).detail).toMatch(/read-only/);
    expect((await problem(await get("/api/check"), 405)).detail).toBe("/api/check answers POST only: the API is read-only");

    const noDate = await problem(await app.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "Exports rose 6.1% in November." }) }), 400);
    const stdin = path.join(tempDir(), "article.txt");
    writeFileSync(stdin, "Exports rose 6.1% in November.");
    // The CLI says the same, and also looks in the file's name, which an API body has none of.
    expect(noDate.detail).toBe("no date in the article: pass --date YYYY-MM-DD (the day it was published)");
    expect(JSON.parse((await boekiAsync(["--db", db, "--json", "check", stdin])).stdout).error).toMatch(/^no date in the article nor in its file name: pass --date YYYY-MM-DD/);
    await problem(await app.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{not json" }), 400);
    const big = await app.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "Exports rose 6.1%. ".repeat(60_000) }) });
    expect((await problem(big, 413)).type).toBe("urn:boeki:problem:too-large");
    // A page elsewhere that rebinds its own name to 127.0.0.1 is not answered.
    expect((await problem(await app.request("http://evil.example/api/releases"), 421)).detail).toMatch(/answers to localhost, 127\.0\.0\.1 only/);
  });

  it("answers 304 to a repeated request, from the store's version, without reading the store", async () => {
    const first = await get("/api/figures?month=2025-11&section=headline");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"\d+\.\d+\.\d+\.\d+\.\d+\.\d+\.-?\d+"$/);
    expect(first.headers.get("Cache-Control")).toBe("no-cache");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(access.isOpen).toBe(false);
    const again = await get("/api/figures?month=2025-11&section=headline", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(access.isOpen).toBe(false);
    expect((await get("/api/brief?month=2025-11", { "If-None-Match": etag })).status).toBe(304);
  });

  it("sends a large answer gzipped to a client that takes gzip, the same JSON once unpacked", async () => {
    const plain = await get("/api/figures?month=2025-11&as_of=2025-12-17");
    const zipped = await get("/api/figures?month=2025-11&as_of=2025-12-17", { "Accept-Encoding": "gzip, deflate, br" });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(zipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(zipped.headers.get("Vary")).toBe("Accept-Encoding");
    const [text, bytes] = [await plain.text(), Buffer.from(await zipped.arrayBuffer())];
    expect(bytes.length).toBeLessThan(text.length / 5);
    expect(gunzipSync(bytes).toString("utf8")).toBe(text);
  });

  it("answers concurrent requests on the one store exactly as it answers them one by one", async () => {
    const text = readFileSync(SEED_ARTICLE, "utf8");
    const requests = (target: ReturnType<typeof createApp>) => [
      ...["2024-06-20", "2024-09-20", "2025-03-20", "2025-07-20"].map((day) => () => target.request(`/api/figures?month=latest&as_of=${day}&section=headline,streaks`)),
      ...["2024-12-18", "2024-12-19", "2025-01-10"].map((date) => () => target.request("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, date }) })),
      () => target.request("/api/series?partner=China&change=yoy&as_of=2025-06-30"),
    ];
    const together = await Promise.all(requests(app).map(async (send) => (await send()).json()));
    const alone = createApp({ access: new StoreAccess(db, { idleCloseMs: 20 }) });
    const oneByOne = [];
    for (const send of requests(alone)) oneByOne.push(await (await send()).json());
    expect(together).toEqual(oneByOne);
    expect(together[4].claims.find((c: { text: string }) => c.text === "120%").expected).toBe(32.1);
  });

  it("serves its OpenAPI 3.1 document, generated from the schemas that validate requests, and browsable docs", async () => {
    const doc = await json("/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/brief", "/api/charts/{chart}", "/api/check", "/api/codes", "/api/facts", "/api/figures", "/api/health", "/api/releases", "/api/series"]);
    const month = doc.paths["/api/figures"].get.parameters.find((p: { name: string }) => p.name === "month");
    expect(month.schema).toMatchObject({ type: "string", default: "latest" });
    expect(doc.paths["/api/check"].post.responses["413"].content["application/problem+json"]).toBeDefined();
    expect(await (await get("/docs")).text()).toMatch(/swagger-ui-bundle\.js/);
    expect((await get("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
  });

  describe("while another process writes the store", () => {
    let writer: ChildProcess | undefined;
    afterAll(() => void writer?.kill());
    const lockHeld = (file: string) =>
      new Promise<ChildProcess>((resolve, reject) => {
        // A real second process holding DuckDB's write lock, as `boeki ingest` does, until its stdin closes.
        const script = `const { DuckDBInstance } = await import("@duckdb/node-api"); const db = await DuckDBInstance.create(${JSON.stringify(file)}); console.log("locked"); process.stdin.resume(); process.stdin.on("end", () => { db.closeSync(); process.exit(0); });`;
        const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO, stdio: ["pipe", "pipe", "inherit"] });
        child.stdout!.once("data", () => resolve(child));
        child.once("error", reject);
      });

    it("answers 503 with Retry-After and the reason, and serves again once the writer is done", async () => {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the server's idle store is closed
      expect(access.isOpen).toBe(false);
      writer = await lockHeld(db);
      const busy = await get("/api/figures?month=2024-11&section=headline");
      expect(busy.headers.get("Retry-After")).toBe("2");
      expect((await problem(busy, 503)).detail).toMatch(/is being written by another process \(PID \d+\)/);
      const health = await get("/api/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: "busy" });
      writer.stdin!.end();
      await new Promise((resolve) => writer!.once("exit", resolve));
      expect((await json("/api/figures?month=2024-11&section=headline")).facts.find((f: { id: string }) => f.id === "balance/balance/world/total/2024-11")).toBeDefined();
    });

    it("never holds the store while idle: an ingest in another process succeeds, and the next answers are the new data", async () => {
      const before = await get("/api/releases");
      const etag = before.headers.get("ETag")!;
      const count = (await before.json()).releases.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const file = path.join(tempDir(), "press_2026-09.csv");
      writeFileSync(file, "period,flow,partner,commodity,measure,value,unit,stage,released,source\n2026-09,export,world,total,value,9900000,JPY_million,provisional,2026-10-16,press 2026-09\n2026-09,import,world,total,value,9700000,JPY_million,provisional,2026-10-16,press 2026-09\n");
      const ingest = await boekiAsync(["--db", db, "ingest", file]);
      expect(ingest.code, ingest.stderr).toBe(0);
      const after = await get("/api/releases", { "If-None-Match": etag });
      expect(after.status).toBe(200);
      expect(after.headers.get("ETag")).not.toBe(etag);
      expect((await after.json()).releases).toHaveLength(count + 1);
      expect((await json("/api/health")).latestMonth).toBe("2026-09");
    });
  });
});
