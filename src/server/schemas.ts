// The HTTP API's requests and answers as zod schemas: the same objects validate each request and generate the
// OpenAPI 3.1 document at /openapi.json. Parameter messages are the CLI's, so a bad value reads the same in both.

import { z } from "@hono/zod-openapi";
import { MEASURES } from "../domain.js";
import { SECTIONS } from "../figures/index.js";
import { parseDate } from "../store/months.js";

const MONTH_PATTERN = "^(latest(-[0-9]+)?|[0-9]{4}-(0[1-9]|1[0-2]))$";
const oneOf = (name: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  `--${name}: expected ${values.slice(0, -1).join(", ")}${values.length > 1 ? " or " : ""}${values.at(-1)}, found "${String(issue.input)}"`;

/** A query parameter that may be repeated (`?section=a&section=b`) or comma-separated (`?section=a,b`). */
function list<T extends string>(name: string, values: readonly [T, ...T[]]) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v, ctx) => {
      const items = (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);
      const bad = items.find((x) => !values.includes(x as T));
      if (bad !== undefined) ctx.addIssue({ code: "custom", message: oneOf(name, values)({ input: bad }) });
      return items as T[];
    })
    .optional()
    .openapi({ type: "string", description: `one or more of ${values.join(", ")}, comma-separated or repeated`, example: values[0] });
}

/** `YYYY-MM-DD` checked as a real day, with the CLI's message naming the option. */
const day = (option: string, description: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      try {
        parseDate(v, option);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    })
    .optional()
    .openapi({ format: "date", description, example: "2025-12-17" });

export const asOfParam = day("--as-of", "YYYY-MM-DD: the data as they stood at the end of that day (default: everything held)");
const monthParam = z
  .string()
  .default("latest")
  .openapi({ pattern: MONTH_PATTERN, description: "YYYY-MM, `latest` (the default) or `latest-N`", example: "2025-11" });
const flowParam = z.enum(["export", "import"], { error: oneOf("flow", ["export", "import"]) });
const periodParam = (name: string) =>
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: (issue) => `--${name}: expected YYYY-MM, found "${String(issue.input)}"` }).optional().openapi({ example: name === "from" ? "2024-01" : "2025-12" });

export const FiguresQuery = z.object({
  month: monthParam,
  as_of: asOfParam,
  section: list("section", SECTIONS),
  partner: z.string().optional().openapi({ description: "only this partner among destinations and commodities by area: a code (304, area:asia) or a name (USA, China, EU)" }),
  commodity: z.string().optional().openapi({ description: "only this commodity: a code (pc:70503) or a name" }),
});

export const BriefQuery = z.object({
  month: monthParam,
  as_of: asOfParam,
  lang: z.enum(["en", "ja"], { error: oneOf("lang", ["en", "ja"]) }).default("en"),
  format: z.enum(["md", "html", "json"], { error: oneOf("format", ["md", "html", "json"]) }).default("json"),
});

export const ChartParams = z.object({
  chart: z.string().regex(/^(yoy|balance|destinations|commodities)\.(svg|png)$/, {
    error: (issue) => `chart: expected yoy, balance, destinations or commodities with .svg or .png, found "${String(issue.input)}"`,
  }).openapi({ param: { name: "chart", in: "path" }, example: "yoy.svg" }),
});
export const ChartQuery = z.object({ month: monthParam, as_of: asOfParam, lang: BriefQuery.shape.lang });

export const SeriesQuery = z.object({
  flow: flowParam.default("export"),
  partner: z.string().default("world").openapi({ description: "world, a code (304, area:asia, group:eu) or a name (USA, China, EU)" }),
  commodity: z.string().default("total").openapi({ description: "total, a code (pc:70503, hs:8703) or a name (motor vehicles)" }),
  measure: list("measure", MEASURES),
  from: periodParam("from"),
  to: periodParam("to"),
  last: z.coerce.number({ error: (issue) => `last: expected a whole number of months, found "${String(issue.input)}"` }).int().min(1).max(1200).optional()
    .openapi({ description: "only the last N months held (up to `to`), as `boeki series --last N`" }),
  as_of: asOfParam,
  change: z.enum(["level", "yoy"], { error: oneOf("change", ["level", "yoy"]) }).default("level")
    .openapi({ description: "`yoy`: each month's change on a year earlier, %, instead of the levels" }),
});

export const FactQuery = z.object({
  id: z.string().regex(/^[a-z_]+\/[a-z]+\/[^/]+\/[^/]+\/\d{4}-\d{2}(\/.*)?$/, { error: (issue) => `id: expected a fact id such as yoy_pct/export/world/total/2025-11, found "${String(issue.input)}"` })
    .openapi({ example: "yoy_pct/export/304/total/2025-11" }),
  as_of: asOfParam,
});

export const CodesQuery = z.object({
  kind: z.enum(["partners", "commodities"], { error: oneOf("kind", ["partners", "commodities"]) }).default("partners"),
  q: z.string().max(100).optional().describe("a word in the code or names, any language (germ, 米国, 自動車); the nearest spelling when none holds it"),
});

export const CheckQuery = z.object({
  date: day("--date", "YYYY-MM-DD the article was published, for a text/plain body (a JSON body carries its own `date`)"),
});

export const CheckBody = z.object({
  text: z.string().min(1, { error: "text: the article is empty" }).openapi({ description: "the article, as plain text" }),
  date: day("--date", "YYYY-MM-DD the article was published (default: a date found in the text)"),
});

// --- answers

const Vintage = z.object({ releaseId: z.number(), dataset: z.string(), stage: z.string(), released: z.string().nullable() }).openapi("Vintage");
const SourceRow = z.object({ period: z.string(), flow: z.string(), partner: z.string(), commodity: z.string(), measure: z.string(), value: z.number(), releaseId: z.number() });

export const Fact = z
  .object({
    id: z.string(), metric: z.string(), flow: z.string(), partner: z.string(), commodity: z.string(), period: z.string(),
    value: z.number(), unit: z.string(),
    basis: z.object({ period: z.string(), value: z.number() }).nullable(),
    vintage: Vintage,
    provenance: z.object({ dataset: z.string(), query: z.string(), rows: z.array(SourceRow) }),
    published: z.number().optional(), computed: z.number().optional(),
    detail: z.record(z.string(), z.unknown()).optional(), note: z.string().optional(),
  })
  .openapi("Fact", { description: "One figure of a release as data: what was measured, its value, its release and the rows behind it" });

export const Figures = z
  .object({ month: z.string(), asOf: z.string().nullable(), facts: z.array(Fact), sections: z.record(z.enum(SECTIONS), z.array(z.string())) })
  .openapi("Figures");

export const FactHistory = z
  .object({
    fact: Fact.nullable(),
    history: z.array(z.object({ from: z.string(), value: z.number().nullable(), vintage: Vintage.nullable() })),
  })
  .openapi("FactHistory", { description: "The fact as read on `as_of`, and every value it took from its first print to now" });

export const Release = z
  .object({
    releaseId: z.number(), dataset: z.string(), format: z.string(), fileName: z.string(), sha256: z.string(), part: z.number(), stage: z.string(),
    released: z.string().nullable(), ingestedAt: z.string(), effective: z.string(), source: z.string(), through: z.string().nullable(),
    added: z.number(), revised: z.number(), unchanged: z.number(),
  })
  .openapi("Release");

export const HeldMonth = z
  .object({ month: z.string(), firstStage: z.string(), firstReleased: z.string().nullable(), stage: z.string(), released: z.string().nullable() })
  .openapi("HeldMonth");

export const Releases = z.object({ releases: z.array(Release), months: z.array(HeldMonth) }).openapi("Releases");

const SeriesPoint = z.object({
  period: z.string(), measure: z.string(), value: z.number(), unit: z.string(), dataset: z.string(), releaseId: z.number(), stage: z.string(), released: z.string().nullable(),
});
const YoyPoint = z.object({ period: z.string(), yoyPct: z.number(), from: z.enum(["levels", "printed"]), releaseId: z.number(), stage: z.string(), released: z.string().nullable() });
export const Series = z
  .object({
    flow: z.string(), partner: z.string(), commodity: z.string(), asOf: z.string().nullable(), change: z.enum(["level", "yoy"]),
    points: z.array(z.union([SeriesPoint, YoyPoint])),
  })
  .openapi("Series");

const Sentence = z.object({ text: z.string(), facts: z.array(z.string()), spans: z.array(z.object({ start: z.number(), end: z.number(), factId: z.string() })) });
export const Brief = z
  .object({
    month: z.string(), asOf: z.string().nullable(), lang: z.enum(["en", "ja"]), title: Sentence, paragraphs: z.array(z.array(Sentence)), facts: z.array(Fact),
    tables: z.array(z.object({
      id: z.string(), title: z.string(), columns: z.array(z.string()),
      rows: z.array(z.object({ label: z.string(), indent: z.boolean().optional(), cells: z.array(Sentence.nullable()) })),
      notes: z.array(Sentence),
    })).openapi({ description: "\"By the numbers\": the key figures after the story, every cell a fact" }),
    charts: z.array(z.object({
      id: z.string(), title: z.string(), description: z.string().openapi({ description: "the chart as text, for readers who cannot see it" }), file: z.string(),
      url: z.string().openapi({ description: "the chart as SVG from /api/charts" }), png: z.string().openapi({ description: "the same as PNG" }),
    })),
  })
  .openapi("Brief");

export const CheckedClaim = z.object({
  start: z.number(), end: z.number(), text: z.string(), kind: z.string(), metric: z.string(), flow: z.string(), partner: z.string(), commodity: z.string(),
  period: z.string(), value: z.number(), unit: z.string(), verdict: z.enum(["supported", "contradicted", "unverifiable", "not_data"]),
  expected: z.number().nullable(), matches: z.string(), facts: z.array(z.string()), note: z.string(),
}).openapi("CheckedClaim");
export const CheckResult = z.object({ date: z.string(), claims: z.array(CheckedClaim) }).openapi("CheckResult", { description: "Exactly what `boeki check --json` prints" });

export const Codes = z
  .array(z.object({ code: z.string(), name: z.string(), flow: z.string().optional(), ja: z.string().optional(), iso2: z.string().optional(), iso3: z.string().optional(), area: z.string().optional(), kind: z.string().optional(), parent: z.string().optional(), unit: z.string().optional() }))
  .openapi("Codes");

export const Health = z
  .object({
    status: z.enum(["ok", "busy", "no-store"]), store: z.string(), version: z.string().nullable(), boeki: z.string(), latestMonth: z.string().nullable(), detail: z.string().optional(),
  })
  .openapi("Health");

export const Problem = z
  .object({
    type: z.string(), title: z.string(), status: z.number(), detail: z.string().openapi({ description: "the same message the CLI prints" }),
    exitCode: z.number().openapi({ description: "the exit code the CLI gives the same error" }), parameter: z.string().optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details" });
