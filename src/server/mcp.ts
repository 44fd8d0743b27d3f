// boeki for AI agents: an MCP server (stdio in `boeki mcp`) whose tools call the same core as the CLI and the
// HTTP API. Every answer is bounded — an agent asks for a section, a filter or a page, never 4,000 facts at once.

import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { brief, toMarkdown } from "../brief/index.js";
import { check } from "../claims/index.js";
import { MEASURES } from "../domain.js";
import { figures, SECTIONS, type Fact } from "../figures/index.js";
import { factHistory } from "../figures/revisions.js";
import { onlySections } from "../figures/sections.js";
import { seriesOrYoy } from "../figures/series-change.js";
import { codeList, searchCodeList } from "../sources/codes/list.js";
import { resolveCommodity, resolvePartner } from "../sources/codes/resolve.js";
import { parseDate, resolveMonth } from "../store/months.js";
import { releases } from "../store/read.js";
import type { Store } from "../store/store.js";
import { heldMonths } from "../store/summary.js";
import { BOEKI_VERSION, CHECK_BODY_LIMIT } from "./app.js";
import type { StoreAccess } from "./store-access.js";

/** The most facts, points or rows one call returns; the answer says how many more there were and how to narrow. */
export const MAX_ITEMS = 200;

const month = z.string().default("latest").describe("YYYY-MM, latest (default) or latest-N");
const asOf = z.string().optional().describe("YYYY-MM-DD: the data as they stood at the end of that day (default: everything held)");

const text = (value: unknown) => ({ content: [{ type: "text" as const, text: typeof value === "string" ? value : JSON.stringify(value, null, 1) }] });
const failure = (error: unknown) => ({ isError: true, content: [{ type: "text" as const, text: (error as Error).message ?? String(error) }] });

/** A bounded list: the first `limit` items, and what was left out. */
function page<T>(items: T[], limit: number, narrow: string) {
  const shown = items.slice(0, limit);
  return { total: items.length, returned: shown.length, items: shown, ...(items.length > shown.length ? { more: `${items.length - shown.length} more left out: ${narrow}` } : {}) };
}

/** A fact without its source rows (their count instead): what an agent reads; `fact` gives the rows. */
const brief1 = ({ provenance, ...fact }: Fact) => ({ ...fact, provenance: { dataset: provenance.dataset, query: provenance.query, rows: provenance.rows.length } });

export function createMcpServer(access: StoreAccess): McpServer {
  const server = new McpServer(
    { name: "boeki", version: BOEKI_VERSION },
    {
      instructions:
        "Japan's official trade statistics (Ministry of Finance) with every published vintage. Start with `releases` to see the months held; " +
        "`figures` gives one month's facts by section (headline first); every fact has an id, a value, its release and a query; `fact` gives a fact's source rows and revisions; " +
        "`brief` writes the release story; `check` judges an article's numbers against the data as of its date. Values in thousand yen unless the unit says otherwise.",
    },
  );
  const tool = <A extends z.ZodRawShape>(name: string, description: string, inputSchema: A, run: (args: z.infer<z.ZodObject<A>>, store: Store) => Promise<unknown>) =>
    server.registerTool(name, { description, inputSchema, annotations: { readOnlyHint: true, openWorldHint: false } }, (async (args: z.infer<z.ZodObject<A>>) => {
      try {
        return text(await access.use((store) => run(args, store)));
      } catch (error) {
        return failure(error);
      }
    }) as never);

  tool("releases", "The months the store holds (newest first, with the release that first printed each and the one in force) and the latest releases ingested.",
    { limit: z.number().int().min(1).max(MAX_ITEMS).default(24).describe("how many months and releases") },
    async ({ limit }, store) => ({
      months: page(await heldMonths(store), limit, "raise limit, or ask figures for a month directly"),
      releases: page((await releases(store)).reverse(), limit, "raise limit"),
    }));

  tool("series", "One monthly series as it stands now or as it stood on a day (as_of): levels in thousand yen, or y/y % with change=yoy.",
    {
      flow: z.enum(["export", "import"]).default("export"),
      partner: z.string().default("world").describe("world, a code (304, area:asia, group:eu) or a name (USA, China, EU)"),
      commodity: z.string().default("total").describe("total, a code (pc:70503, hs:8703) or a name"),
      measure: z.array(z.enum(MEASURES)).optional().describe("default value and quantities"),
      from: z.string().optional().describe("YYYY-MM"), to: z.string().optional().describe("YYYY-MM"), as_of: asOf,
      change: z.enum(["level", "yoy"]).default("level"),
    },
    async (a, store) => {
      if (a.as_of) parseDate(a.as_of, "--as-of");
      const partner = resolvePartner(a.partner);
      const commodity = resolveCommodity(a.commodity, a.flow);
      const points: unknown[] = await seriesOrYoy(store, { flow: a.flow, partner, commodity, from: a.from, to: a.to, asOf: a.as_of, measures: a.measure }, a.change);
      // The latest points are the ones asked about; older ones are left out first.
      const latest = points.slice(-MAX_ITEMS).reverse();
      return { flow: a.flow, partner, commodity, asOf: a.as_of ?? null, change: a.change, ...page(latest, MAX_ITEMS, "newest first; narrow with from/to"), total: points.length };
    });

  tool("figures", "The figures of one month's release as facts (value, unit, release, query), one or more sections at a time, filtered by partner, commodity or metric.",
    {
      month, as_of: asOf,
      section: z.array(z.enum(SECTIONS)).default(["headline"]).describe("headline (default), destinations, commodities, commodityByArea, streaks, consensus"),
      partner: z.string().optional().describe("only this partner (code or name)"),
      commodity: z.string().optional().describe("only this commodity (code or name)"),
      metric: z.string().optional().describe("only this metric: level, yoy_pct, share_pct, contribution_pp, streak, surprise …"),
      limit: z.number().int().min(1).max(MAX_ITEMS).default(50),
    },
    async (a, store) => {
      const m = await resolveMonth(store, a.month, { asOf: a.as_of });
      const all = await figures(store, { month: m, asOf: a.as_of, partner: a.partner && resolvePartner(a.partner), commodity: a.commodity && resolveCommodity(a.commodity) });
      const chosen = onlySections(all, a.section).facts.filter((f) => !a.metric || f.metric === a.metric);
      return { month: m, asOf: all.asOf, sections: a.section, ...page(chosen.map(brief1), a.limit, "narrow with partner, commodity or metric, or raise limit (at most 200)") };
    });

  tool("fact", "One fact by id (from figures or brief): its source rows, and every value it took from its first print to now (revisions).",
    { id: z.string().describe("a fact id such as yoy_pct/export/world/total/2025-11"), as_of: asOf },
    async (a, store) => {
      if (a.as_of) parseDate(a.as_of, "--as-of");
      const { fact, history } = await factHistory(store, a.id, a.as_of);
      if (!fact && history.length === 0) throw new Error(`no fact ${a.id}${a.as_of ? ` as of ${a.as_of}` : ""}: ids come from figures or brief`);
      return { fact: fact && { ...fact, provenance: { ...fact.provenance, rows: fact.provenance.rows.slice(0, MAX_ITEMS) } }, history };
    });

  tool("brief", "The release story of a month, wire style, in English or Japanese: Markdown whose numbered notes give each number's fact id and release.",
    { month, as_of: asOf, lang: z.enum(["en", "ja"]).default("en") },
    async (a, store) => {
      const m = await resolveMonth(store, a.month, { asOf: a.as_of });
      return toMarkdown(await brief(store, m, { asOf: a.as_of, lang: a.lang, charts: false }));
    });

  tool("check", "Judge every trade figure in an article against the data as they stood on the article's date: supported, contradicted (with the right figure), unverifiable, or not a data claim. The same JSON as `boeki check --json`.",
    { text: z.string().min(1).max(CHECK_BODY_LIMIT).describe("the article, plain text"), date: z.string().optional().describe("YYYY-MM-DD it was published (default: a date found in the text)") },
    async (a, store) => check(store, a.text, { date: a.date }));

  server.registerTool("codes", {
    description: "Partner or principal-commodity codes with their names, optionally searched by a word.",
    inputSchema: {
      kind: z.enum(["partners", "commodities"]).default("partners"),
      query: z.string().optional().describe("a word in the code or name (English or Japanese)"),
      limit: z.number().int().min(1).max(MAX_ITEMS).default(50),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  }, async ({ kind, query, limit }) => {
    // A word finds names in any language (germ, 米国, 自動車), and the nearest spelling when none holds it.
    const rows: unknown[] = query ? searchCodeList(query)[kind] : codeList(kind);
    return text(page(rows, limit, "search with query"));
  });

  const briefResource = (lang: "en" | "ja", m: string) =>
    access.use(async (store) => {
      const held = await resolveMonth(store, m);
      return { month: held, text: toMarkdown(await brief(store, held, { lang, charts: false })) };
    });
  for (const lang of ["en", "ja"] as const) {
    const uri = `boeki://brief/latest${lang === "ja" ? "/ja" : ""}`;
    server.registerResource(`latest-brief-${lang}`, uri, {
      title: lang === "ja" ? "最新の貿易統計の速報記事" : "The latest release's brief",
      description: `The story of the latest month held, as the data stand now (${lang === "ja" ? "Japanese" : "English"} Markdown)`, mimeType: "text/markdown",
    }, async () => {
      const { text: body } = await briefResource(lang, "latest");
      return { contents: [{ uri, mimeType: "text/markdown", text: body }] };
    });
  }
  server.registerResource("brief", new ResourceTemplate("boeki://brief/{month}/{lang}", { list: undefined }), {
    title: "A month's brief", description: "boeki://brief/2025-11/en: the story of a month held, as the data stand now", mimeType: "text/markdown",
  }, async (uri, variables) => {
    const { text: body } = await briefResource(variables.lang === "ja" ? "ja" : "en", String(variables.month));
    return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: body }] };
  });
  return server;
}
