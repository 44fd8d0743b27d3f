// The HTTP API and the web page of `boeki serve`, as one Hono app: every answer comes from the core (figures,
// brief, check, series, releases, codes) over a store opened read-only; the routes only parse, call and present.

import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { OpenAPIHono, type RouteConfig, type z } from "@hono/zod-openapi";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { brief, chartPng, toHtml, toJson, toMarkdown, type BriefDocument } from "../brief/index.js";
import { check } from "../claims/index.js";
import { EXIT, UsageError } from "../errors.js";
import { figures, type Figures } from "../figures/index.js";
import { factHistory } from "../figures/revisions.js";
import { onlySections } from "../figures/sections.js";
import { seriesOrYoy } from "../figures/series-change.js";
import { codeList, searchCodeList } from "../sources/codes/list.js";
import { resolveCommodity, resolvePartner } from "../sources/codes/resolve.js";
import type { Measure } from "../domain.js";
import { resolveMonth } from "../store/months.js";
import { releases } from "../store/read.js";
import type { Store } from "../store/store.js";
import { heldMonths } from "../store/summary.js";
import { AnswerCache, type Cached } from "./cache.js";
import { HttpProblem, problemOf, problemResponse } from "./problem.js";
import * as S from "./schemas.js";
import { StoreBusyError, StoreMissingError, type StoreAccess } from "./store-access.js";

const require = createRequire(import.meta.url);
/** Below this size an answer goes out as it is: gzip would save less than it costs. */
const GZIP_FROM_BYTES = 1024;

/** This boeki's version: part of every ETag, so that a new boeki never serves an old answer from a browser's cache. */
export const BOEKI_VERSION = (require("../../package.json") as { version: string }).version;
/** Where `npm run build:web` puts the page: the same folder seen from src/server and from dist/server. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/** 1 MB: a long article is 50 kB; anything larger is not an article. */
export const CHECK_BODY_LIMIT = 1 << 20;

export interface AppOptions {
  access: StoreAccess;
  /** Folder of the built web page (default: dist/web). */
  webRoot?: string;
  /** Host names the server answers to (a guard against DNS rebinding when bound to loopback); undefined: any. */
  allowedHosts?: string[];
}

type Env = { Variables: { version: string } };

const problemsOf = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: DESCRIPTIONS[status]!, content: { "application/problem+json": { schema: zod(S.Problem) } } }]));
const DESCRIPTIONS: Record<number, string> = {
  400: "a bad parameter (the message is the CLI's)", 404: "the month is not held (as of that day)", 413: "the body is over 1 MB",
  503: "the store is being written by another process, or does not exist yet: try again (Retry-After)",
};
// Schemas enter route configs as plain ZodTypes: checking each route against its schemas' full types cost the
// compiler seconds per build, and the handlers read their input through the schemas' output types anyway.
/** A schema as the route config takes it, without the compiler comparing its full type (see above). */
const zod = (schema: unknown) => schema as never;
const json = (schema: unknown, description: string) => ({ description, content: { "application/json": { schema: zod(schema) } } });
const CACHE_CONTROL = "no-cache";

export function createApp(options: AppOptions): OpenAPIHono<Env> {
  const { access } = options;
  const cache = new AnswerCache();
  access.onChange(() => cache.clear());

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0]!;
      const parameter = issue.path.map(String).join(".") || undefined;
      const detail = /^(--|\w+: )/.test(issue.message) ? issue.message : `${parameter ?? result.target}: ${issue.message}`;
      return problemResponse(c, problemOf(new HttpProblem(400, "bad-parameter", "Bad parameter", detail, EXIT.usage, parameter)));
    },
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException && !(error.cause instanceof Error)) {
      return problemResponse(c, problemOf(new HttpProblem(error.status as 400, "bad-request", "Bad request", error.message || "bad request")));
    }
    const problem = problemOf(error);
    if (problem.status === 500) console.error(error);
    return problemResponse(c, problem);
  });
  app.notFound((c) => {
    const known = /^\/api\/(releases|series|figures|facts|brief|charts\/[^/]+|check|codes|health)$/.test(c.req.path);
    if (known) {
      // The API is read-only: every endpoint answers GET, except the checker, which takes the article by POST.
      const allowed = c.req.path === "/api/check" ? "POST" : "GET, HEAD";
      c.header("Allow", allowed);
      return problemResponse(c, problemOf(new HttpProblem(405, "method-not-allowed", "Method not allowed", `${c.req.path} answers ${allowed} only: the API is read-only`)));
    }
    return problemResponse(c, problemOf(new HttpProblem(404, "not-found", "Not found", `no such page or endpoint: ${c.req.path}`)));
  });

  app.use("*", async (c, next) => {
    if (options.allowedHosts && !options.allowedHosts.includes(new URL(c.req.url).hostname)) {
      return problemResponse(c, problemOf(new HttpProblem(421, "wrong-host" as never, "Misdirected request", `this server answers to ${options.allowedHosts.join(", ")} only`)));
    }
    // Headers are set before the answer is made, never on it afterwards: an answer left untouched is written to
    // the socket as the bytes it holds, which for a large cached body is several times faster.
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    await next();
  });

  /**
   * For routes that read the store: the store's version (503 while another process writes it), an ETag from it,
   * and 304 when the client already holds this version's answer — without opening the store when it is unchanged.
   */
  const storeVersion: MiddlewareHandler<Env> = async (c, next) => {
    const version = await access.version();
    c.set("version", version);
    // Weak: the same answer goes out gzipped or not (Vary: Accept-Encoding), equal in meaning, not in bytes.
    const etag = `W/"${BOEKI_VERSION}.${version}"`;
    if (c.req.method === "GET" && (c.req.header("If-None-Match") ?? "").split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, "") === etag.replace(/^W\//, "") || tag === "*")) {
      return c.body(null, 304, { ETag: etag, "Cache-Control": CACHE_CONTROL });
    }
    if (c.req.method === "GET") {
      c.header("ETag", etag);
      c.header("Cache-Control", CACHE_CONTROL);
    }
    await next();
  };

  // Routes are registered through an untyped view of `app.openapi`: its typed form merges every route's schema into
  // the app's type (for Hono's RPC client, unused here), which cost the compiler six seconds for this file alone.
  const openapi = app.openapi.bind(app) as unknown as (config: RouteConfig, handler: (c: Context<Env>) => Promise<Response>) => void;
  /** Registers a documented route that reads the store; its handler answers with a Response. */
  const route = (config: RouteConfig, handler: (c: Context<Env>) => Promise<Response>) =>
    openapi({ ...config, middleware: [storeVersion, ...((config.middleware as MiddlewareHandler[] | undefined) ?? [])] }, handler);

  /**
   * A cached answer as it is, or gzipped for a client that takes gzip (a browser always does): a month's figures are
   * a megabyte of JSON, a tenth of that gzipped. The gzipped bytes are made once per cached answer and kept with it.
   */
  const send = (c: Context<Env>, answer: Cached) => {
    const headers: Record<string, string> = { "Content-Type": answer.contentType, Vary: "Accept-Encoding" };
    if (answer.body.byteLength < GZIP_FROM_BYTES || !/\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "")) return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, headers);
    answer.gzipped ??= gzipSync(answer.body, { level: 6 });
    return c.body(answer.gzipped as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Encoding": "gzip" });
  };
  // Bodies are kept as UTF-8 bytes: a cached answer is then sent as it is, without encoding it again per request.
  const bytes = (text: string) => Buffer.from(text, "utf8");
  const jsonAnswer = (value: unknown): Cached => ({ body: bytes(JSON.stringify(value)), contentType: "application/json; charset=utf-8" });
  /** Cached per store version and request. */
  const answer = (c: Context<Env>, key: string, compute: () => Promise<Cached>) => cache.get(`${c.get("version")} ${key}`, compute);
  const requestKey = (c: Context<Env>) => `${c.req.method} ${c.req.path}?${new URL(c.req.url).searchParams.toString()}`;

  /** `latest`, `latest-1` or `YYYY-MM`; 404 for a well-formed month the store does not hold (as of that day). */
  const month = async (store: Store, text: string, asOf?: string) => {
    try {
      return await resolveMonth(store, text, { asOf });
    } catch (error) {
      const wellFormed = /^(latest(-\d+)?|\d{4}-(0[1-9]|1[0-2]))$/i.test(text.trim());
      if (error instanceof UsageError && wellFormed) throw new HttpProblem(404, "month-not-held", "Month not held", error.message, EXIT.usage, "month");
      throw error;
    }
  };

  /** The brief (with its charts) of a month, shared by /api/brief and /api/charts. */
  const briefOf = (c: Context<Env>, q: { month: string; as_of?: string; lang: "en" | "ja" }) =>
    access.use((store) => month(store, q.month, q.as_of)).then((m) =>
      cache.get<BriefDocument>(`${c.get("version")} brief ${m} ${q.as_of ?? ""} ${q.lang}`, () => access.use((store) => brief(store, m, { asOf: q.as_of, lang: q.lang }))),
    );

  // --- the API

  route(
    ({ method: "get", path: "/api/releases", tags: ["store"], summary: "The releases (vintages) in the store, and the months held with the release that first printed each",
      responses: { 200: json(S.Releases, "releases, oldest first; months, newest first"), ...problemsOf(503) } }),
    async (c) => send(c, await answer(c, requestKey(c), () => access.use(async (store) => jsonAnswer({ releases: await releases(store), months: await heldMonths(store) })))),
  );

  route(
    ({ method: "get", path: "/api/series", tags: ["store"], summary: "One series as it stands now, or as it stood on a day",
      request: { query: zod(S.SeriesQuery) }, responses: { 200: json(S.Series, "the series' points, oldest first"), ...problemsOf(400, 503) } }),
    async (c) => {
      const q = c.req.valid("query" as never) as z.output<typeof S.SeriesQuery>;
      return send(c, await answer(c, requestKey(c), () => access.use(async (store) => {
        const partner = resolvePartner(q.partner);
        const commodity = resolveCommodity(q.commodity, q.flow);
        const points = await seriesOrYoy(store, { flow: q.flow, partner, commodity, from: q.from, to: q.to, last: q.last, asOf: q.as_of, measures: q.measure as Measure[] | undefined }, q.change);
        return jsonAnswer({ flow: q.flow, partner, commodity, asOf: q.as_of ?? null, change: q.change, points });
      })));
    },
  );

  route(
    ({ method: "get", path: "/api/figures", tags: ["figures"], summary: "The figures of a month's release as facts, by section",
      request: { query: zod(S.FiguresQuery) }, responses: { 200: json(S.Figures, "facts and their ids by section"), ...problemsOf(400, 404, 503) } }),
    async (c) => {
      const q = c.req.valid("query" as never) as z.output<typeof S.FiguresQuery>;
      return send(c, await answer(c, requestKey(c), () => access.use(async (store) => {
        const m = await month(store, q.month, q.as_of);
        const all: Figures = await figures(store, {
          month: m, asOf: q.as_of, partner: q.partner === undefined ? undefined : resolvePartner(q.partner), commodity: q.commodity === undefined ? undefined : resolveCommodity(q.commodity),
        });
        return jsonAnswer(q.section ? onlySections(all, q.section) : all);
      })));
    },
  );

  route(
    ({ method: "get", path: "/api/facts", tags: ["figures"], summary: "One fact as read on a day, and every value it took from its first print to now",
      request: { query: zod(S.FactQuery) }, responses: { 200: json(S.FactHistory, "the fact and its history"), ...problemsOf(400, 503) } }),
    async (c) => {
      const q = c.req.valid("query" as never) as z.output<typeof S.FactQuery>;
      return send(c, await answer(c, requestKey(c), () => access.use(async (store) => jsonAnswer(await factHistory(store, q.id, q.as_of)))));
    },
  );

  route(
    ({ method: "get", path: "/api/brief", tags: ["brief"], summary: "The release story, every number traced to its fact",
      request: { query: zod(S.BriefQuery) },
      responses: {
        200: { description: "JSON (sentences with their facts), Markdown with source notes, or an HTML page", content: { "application/json": { schema: zod(S.Brief) }, "text/markdown": { schema: { type: "string" } }, "text/html": { schema: { type: "string" } } } },
        ...problemsOf(400, 404, 503),
      } }),
    async (c) => {
      const q = c.req.valid("query" as never) as z.output<typeof S.BriefQuery>;
      return send(c, await answer(c, requestKey(c), async () => {
        const doc = await briefOf(c, q);
        const chartUrl = (id: string, ext = "svg") => `/api/charts/${id}.${ext}?${new URLSearchParams({ month: doc.month, ...(q.as_of ? { as_of: q.as_of } : {}), lang: q.lang })}`;
        if (q.format === "md") return { body: bytes(toMarkdown(doc, (chart) => chartUrl(chart.id))), contentType: "text/markdown; charset=utf-8" };
        if (q.format === "html") return { body: bytes(toHtml(doc)), contentType: "text/html; charset=utf-8" };
        const body = toJson(doc) as { charts: Array<{ id: string; url?: string; png?: string }> };
        for (const chart of body.charts) Object.assign(chart, { url: chartUrl(chart.id), png: chartUrl(chart.id, "png") });
        return jsonAnswer(body);
      }));
    },
  );

  route(
    ({ method: "get", path: "/api/charts/{chart}", tags: ["brief"], summary: "One of the brief's charts, as SVG or PNG",
      request: { params: zod(S.ChartParams), query: zod(S.ChartQuery) },
      responses: { 200: { description: "the chart", content: { "image/svg+xml": { schema: { type: "string" } }, "image/png": { schema: { type: "string", format: "binary" } } } }, ...problemsOf(400, 404, 503) } }),
    async (c) => {
      const { chart } = c.req.valid("param" as never) as z.output<typeof S.ChartParams>;
      const q = c.req.valid("query" as never) as z.output<typeof S.ChartQuery>;
      const [id, ext] = chart.split(".") as [string, "svg" | "png"];
      return send(c, await answer(c, requestKey(c), async () => {
        const doc = await briefOf(c, q);
        const found = doc.charts.find((x) => x.id === id);
        if (!found) throw new HttpProblem(404, "no-chart", "No such chart", `the brief for ${doc.month}${doc.asOf ? ` as of ${doc.asOf}` : ""} has no ${id} chart (the data do not give it)`);
        return ext === "png" ? { body: chartPng(found), contentType: "image/png" } : { body: bytes(found.svg), contentType: "image/svg+xml; charset=utf-8" };
      }));
    },
  );

  const tooLarge = (c: Context) => problemResponse(c, problemOf(new HttpProblem(413, "too-large", "Article too large", `the article is over ${CHECK_BODY_LIMIT / (1 << 20)} MB: send the text of one article`, EXIT.badInput)));
  route(
    ({ method: "post", path: "/api/check", tags: ["check"], summary: "Judge every trade figure in an article against the data as they stood on its date",
      description: "The answer is exactly what `boeki check --json` prints. Send JSON `{text, date}`, or the article as `text/plain` with `?date=`.",
      middleware: [bodyLimit({ maxSize: CHECK_BODY_LIMIT, onError: tooLarge })],
      request: {
        query: zod(S.CheckQuery),
        body: { required: false, description: "the article: JSON {text, date} or the text itself as text/plain", content: { "application/json": { schema: zod(S.CheckBody) }, "text/plain": { schema: { type: "string" } } } },
      },
      responses: { 200: json(S.CheckResult, "every claim with its verdict"), ...problemsOf(400, 413, 503) } }),
    async (c) => {
      const q = c.req.valid("query" as never) as z.output<typeof S.CheckQuery>;
      const isJson = /json/i.test(c.req.header("Content-Type") ?? "");
      const body = isJson ? (c.req.valid("json" as never) as z.output<typeof S.CheckBody>) : { text: await c.req.text(), date: q.date };
      if (!body.text.trim()) throw new HttpProblem(400, "bad-parameter", "Bad parameter", "text: the article is empty", EXIT.usage, "text");
      const date = body.date ?? q.date;
      const key = createHash("sha256").update(`${date ?? ""}\n${body.text}`).digest("hex");
      return send(c, await answer(c, `check ${key}`, () => access.use(async (store) => jsonAnswer(await check(store, body.text, { date })))));
    },
  );

  openapi(
    ({ method: "get", path: "/api/codes", tags: ["store"], summary: "The partner or principal-commodity codes boeki knows, with their names",
      request: { query: zod(S.CodesQuery) }, responses: { 200: json(S.Codes, "codes and names") } }),
    async (c) => {
      const { kind, q } = c.req.valid("query" as never) as z.output<typeof S.CodesQuery>;
      return send(c, await cache.get(`codes ${kind} ${q ?? ""}`, async () => jsonAnswer(q ? searchCodeList(q)[kind] : codeList(kind))));
    },
  );

  openapi(
    ({ method: "get", path: "/api/health", tags: ["store"], summary: "Whether the store can be read now, and its version",
      responses: { 200: json(S.Health, "the store can be read"), 503: json(S.Health, "the store is being written, or does not exist yet") } }),
    async (c) => {
      const base = { store: access.path, boeki: BOEKI_VERSION };
      try {
        // Opens the store (briefly) even when the file is unchanged: health says whether it can be read now.
        await access.use(async () => undefined);
        const version = await access.version();
        const latestMonth = await cache.get(`${version} latest`, () => access.use((store) => resolveMonth(store, "latest").catch(() => null)));
        return c.json({ status: "ok" as const, ...base, version, latestMonth }, 200, { "Cache-Control": "no-store" });
      } catch (error) {
        if (!(error instanceof StoreBusyError || error instanceof StoreMissingError)) throw error;
        const status = error instanceof StoreBusyError ? ("busy" as const) : ("no-store" as const);
        return c.json({ status, ...base, version: null, latestMonth: null, detail: error.message }, 503, { "Cache-Control": "no-store", "Retry-After": "2" });
      }
    },
  );

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "boeki", version: BOEKI_VERSION,
      description: "Japan's official trade statistics as released, with every vintage: releases, series, figures as facts, the brief, and checks of articles. Read-only.",
    },
  });

  // --- the page, and the API's browsable docs

  const docs = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  app.get("/docs", (c) => c.html(DOCS_PAGE));
  app.get("/docs/init.js", (c) => c.body(DOCS_INIT, 200, { "Content-Type": "text/javascript; charset=utf-8" }));
  app.use("/docs/assets/*", serveStatic({ root: docs, rewriteRequestPath: (p) => p.replace(/^\/docs\/assets/, "") }));

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(path.join(webRoot, "index.html"))) {
    app.use("*", async (c, next) => {
      await next();
      if (c.res.headers.get("Content-Type")?.startsWith("text/html")) c.res.headers.set("Content-Security-Policy", PAGE_POLICY);
    });
    app.use("/assets/*", async (c, next) => {
      await next();
      // File names carry a hash of their content: they never change.
      if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    });
    app.use("/*", serveStatic({ root: webRoot }));
  } else {
    app.get("/", (c) => c.html(`<!doctype html><meta charset="utf-8"><title>boeki</title><p>The web page is not built: run <code>npm run build:web</code> (npm ci does it). The API is at <a href="/docs">/docs</a>.</p>`));
  }
  return app;
}

/** Everything the page and the docs load comes from this server: no other network is needed or allowed. */
const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>boeki API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });`;
