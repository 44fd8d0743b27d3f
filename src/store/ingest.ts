// Ingest: files → releases and observations, in one transaction. A file already in the store changes
// nothing; a value equal to the one in force is not stored again; a failed or killed ingest leaves the store as it was.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open as openFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Observation, ReleaseMeta, Stage } from "../domain.js";
import { DATE_PATTERN, STAGES } from "../domain.js";
import { InputError, UsageError } from "../errors.js";
import { gunzipSync } from "node:zlib";
import {
  detectFormat, parseAreaCommodity, parseFirstPrints, parsePressRelease, parseYtdVintages, parsePressTable, parseTidyCsv, parseTimeSeries, tidyReleases, TIDY_COLUMNS,
  type SourceFormat, type TidyRelease,
} from "../sources/index.js";
import type { Encoding } from "../sources/text.js";
import { checkTidyHeader, type TidyRow } from "../sources/tidy.js";
import { setConsensus } from "./consensus.js";
import { landHs9Table } from "./ingest-hs9.js";
import type { Consensus } from "./consensus.js";
import type { Store } from "./store.js";

export interface IngestOptions {
  /** Force a format instead of telling it from the file. */
  format?: SourceFormat;
  /** `YYYY-MM-DD` the file was published, when the file does not say. */
  released?: string;
  stage?: Stage;
  /** Dataset to file the releases under (default: `tidy` for tidy files, `mof.press` for press releases …). */
  dataset?: string;
  /** `YYYY-MM`: last published month of a year-to-date HS-9 table. */
  through?: string;
  /** Encoding of a time series (default Shift_JIS, as published). */
  encoding?: Encoding;
  /** Called as a large file is read: the fraction done, and about how many lines have been read (each pass counts). */
  onProgress?: (progress: { file: string; fraction: number; rows: number }) => void;
}

export interface ReleaseReport {
  releaseId: number;
  dataset: string;
  stage: Stage;
  released: string | null;
  through: string | null;
  added: number;
  revised: number;
  unchanged: number;
}

export interface FileReport {
  file: string;
  format: SourceFormat;
  sha256: string;
  bytes: number;
  /** `already-ingested`: the same bytes were ingested before (as `releases`); nothing changed. */
  status: "ingested" | "already-ingested";
  releases: ReleaseReport[];
  /** Observations read from the file (non-zero cells for HS-9 tables). */
  rowsRead: number;
  /** Rows passed over on purpose, by what they were (items no longer published), so none is lost silently. */
  skipped?: Record<string, number>;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** A file's bytes, unpacked when gzipped (the Ministry's and mirrors' large files often are). */
async function readBytes(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file);
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}

async function readHead(file: string, bytes = 64 * 1024): Promise<Uint8Array> {
  const handle = await openFile(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function checkOptions(options: IngestOptions): void {
  if (options.released !== undefined && !DATE_PATTERN.test(options.released)) throw new UsageError(`--released: expected YYYY-MM-DD, found "${options.released}"`);
  if (options.stage !== undefined && !(STAGES as readonly string[]).includes(options.stage)) throw new UsageError(`--stage: expected one of ${STAGES.join(", ")}, found "${options.stage}"`);
}

/** Ingests `files` in one transaction: every file lands, or none does. */
export async function ingest(store: Store, files: string[], options: IngestOptions = {}): Promise<FileReport[]> {
  checkOptions(options);
  return store.transaction(async () => {
    const reports: FileReport[] = [];
    for (const file of files) reports.push(await ingestOne(store, file, options));
    return reports;
  });
}

async function ingestOne(store: Store, file: string, options: IngestOptions): Promise<FileReport> {
  const info = await stat(file).catch(() => {
    throw new InputError({ file }, "does not exist or cannot be read");
  });
  const sha256 = await sha256File(file);
  const head = await readHead(file);
  // Read (and unpacked) once, when a parser asks; an HS-9 table is streamed by DuckDB and never read here.
  let contents: Promise<Uint8Array> | undefined;
  const bytes = () => (contents ??= readBytes(file));
  const format = options.format ?? detectFormat(isGzip(head) ? (await bytes()).subarray(0, 64 * 1024) : head, file);
  const base = { file, format, sha256, bytes: info.size };
  const earlier = await store.rows<{ release_id: number }>(`SELECT release_id FROM releases WHERE sha256 = ? ORDER BY part`, [sha256]);
  if (earlier.length > 0) {
    const reports = await releaseReports(store, earlier.map((r) => r.release_id));
    return { ...base, status: "already-ingested", releases: reports, rowsRead: 0 };
  }
  const fileName = path.basename(file);
  if (format === "hs9") {
    const landed = await landHs9Table(store, file, { fileName, sha256, options, nextReleaseId: await nextReleaseId(store) });
    return { ...base, status: "ingested", releases: [landed.release], rowsRead: landed.rowsRead };
  }
  const { parts, skipped, forecasts } = await parseParts(store, file, format, options, bytes);
  const reports: ReleaseReport[] = [];
  for (const [part, { meta, observations }] of parts.entries()) {
    reports.push(await landObservations(store, { meta, observations, file, fileName, sha256, part }));
  }
  for (const forecast of forecasts ?? []) await setConsensus(store, forecast);
  return { ...base, status: "ingested", releases: reports, rowsRead: parts.reduce((n, p) => n + p.observations.length, 0), ...(skipped ? { skipped } : {}) };
}

interface Part {
  meta: ReleaseMeta & { through: string | null };
  observations: Observation[];
}

const latestPeriod = (observations: Observation[]) => observations.reduce((max, o) => (o.period > max ? o.period : max), "");

/** The release date of the press release for `period` at `stage` already in the store, if one says. */
async function pressReleaseDate(store: Store, period: string, stage: Stage): Promise<string | null> {
  const [row] = await store.rows<{ released: string }>(
    `SELECT strftime(max(released), '%Y-%m-%d') AS released FROM releases WHERE dataset = 'mof.press' AND through = ? AND stage = ? AND released IS NOT NULL`,
    [period, stage],
  );
  return row?.released ?? null;
}

async function parseParts(
  store: Store, file: string, format: SourceFormat, options: IngestOptions, bytes: () => Promise<Uint8Array>,
): Promise<{ parts: Part[]; skipped?: Record<string, number>; forecasts?: Consensus[] }> {
  const press = (period: string, source: string) => ({ dataset: options.dataset ?? "mof.press", format, source: `${source} ${period}` });
  if (format === "mof-press-xml") {
    const release = parsePressRelease(await bytes(), file);
    const meta = { ...press(release.period, "MoF press release"), stage: options.stage ?? release.stage, released: options.released ?? release.released, through: release.period };
    return { parts: [{ meta, observations: release.observations }] };
  }
  if (format === "mof-press-table") {
    const parts: Part[] = [];
    for (const release of parsePressTable(await bytes(), file)) {
      // The commodity tables do not print their date: it is the date of the same month's release.
      const released = options.released ?? release.released ?? (await pressReleaseDate(store, release.period, release.stage));
      parts.push({ meta: { ...press(release.period, "MoF press table"), stage: options.stage ?? release.stage, released, through: release.period }, observations: release.observations });
    }
    return { parts };
  }
  if (format === "mof-area-commodity") {
    const parsed = parseAreaCommodity(await bytes(), file);
    const meta = {
      dataset: options.dataset ?? "mof.area_commodity", format, source: "MoF principal commodity by area (概況品別国別表)",
      stage: options.stage ?? "unknown", released: options.released ?? null, through: latestPeriod(parsed.observations),
    };
    return { parts: [{ meta, observations: parsed.observations }], skipped: Object.keys(parsed.skipped).length ? parsed.skipped : undefined };
  }
  if (format === "first-prints") {
    // A secondary source: its own dataset, and its forecasts recorded as consensus under its own name.
    const parsed = parseFirstPrints(await bytes(), file);
    const parts = parsed.releases.map((release) => ({
      meta: { dataset: options.dataset ?? "calendar.first_prints", format, stage: options.stage ?? release.stage, released: options.released ?? release.released, source: release.source, through: latestPeriod(release.observations) },
      observations: release.observations,
    }));
    return { parts, forecasts: parsed.forecasts };
  }
  if (format === "ytd-vintages") {
    // Derived monthly values: their own dataset, one release per month on the day its snapshot was taken.
    const parsed = parseYtdVintages(await bytes(), file);
    const parts = parsed.releases.map((release) => ({
      meta: { dataset: options.dataset ?? "derived.ytd_vintages", format, stage: options.stage ?? ("unknown" as Stage), released: options.released ?? release.released, source: release.source, through: release.period },
      observations: release.observations,
    }));
    return { parts, skipped: Object.keys(parsed.skipped).length ? parsed.skipped : undefined };
  }
  if (format === "mof-timeseries") {
    const parsed = parseTimeSeries(await bytes(), file, options.encoding);
    const meta = {
      dataset: `mof.${parsed.kind}`,
      format,
      // The 推移表 carry each month's latest figures: revised for all but the newest months.
      stage: options.stage ?? "revised",
      released: options.released ?? null,
      source: `MoF time series ${parsed.kind}${parsed.partner === "world" ? "" : ` (${parsed.partner})`}`,
      through: parsed.lastPublished,
    };
    return { parts: [{ meta, observations: parsed.observations }] };
  }
  const tidy = format === "tidy-csv" ? parseTidyCsv(await bytes(), file) : await readTidyParquet(store, file);
  return { parts: tidy.map((release: TidyRelease) => ({
    meta: {
      dataset: options.dataset ?? "tidy",
      format,
      stage: options.stage ?? release.stage,
      released: options.released ?? release.released,
      source: release.source,
      through: latestPeriod(release.observations),
    },
    observations: release.observations,
  })) };
}

async function readTidyParquet(store: Store, file: string): Promise<TidyRelease[]> {
  let rows: Record<string, unknown>[];
  try {
    const columns = await store.rows<{ name: string }>(`SELECT name FROM parquet_schema(?) WHERE num_children IS NULL OR num_children = 0`, [file]);
    checkTidyHeader(columns.map((c) => c.name), file);
    rows = await store.rows(`SELECT ${TIDY_COLUMNS.map((c) => `coalesce(CAST("${c}" AS VARCHAR), '') AS "${c}"`).join(", ")} FROM read_parquet(?)`, [file]);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ file }, `cannot be read as Parquet: ${(error as Error).message.split("\n")[0]}`);
  }
  return tidyReleases(rows.map((row, i) => ({ line: i + 1, row: row as TidyRow })), file);
}

export async function nextReleaseId(store: Store): Promise<number> {
  const [row] = await store.rows<{ id: number }>(`SELECT coalesce(max(release_id), 0) + 1 AS id FROM releases`);
  return row!.id;
}

async function releaseReports(store: Store, ids: number[]): Promise<ReleaseReport[]> {
  return store.rows<ReleaseReport>(
    `SELECT release_id AS releaseId, dataset, stage, strftime(released, '%Y-%m-%d') AS released, through, added, revised, unchanged
     FROM releases WHERE release_id IN (${ids.join(",")}) ORDER BY release_id`,
  );
}

export async function insertRelease(
  store: Store,
  r: { releaseId: number; meta: ReleaseMeta & { through: string | null }; fileName: string; sha256: string; part: number },
): Promise<void> {
  await store.run(
    `INSERT INTO releases VALUES ($id, $dataset, $format, $file, $sha, $part, $stage, $released::DATE, now()::TIMESTAMP,
       coalesce($released::DATE, current_date), $source, $through, 0, 0, 0)`,
    {
      id: r.releaseId, dataset: r.meta.dataset, format: r.meta.format, file: r.fileName, sha: r.sha256, part: r.part,
      stage: r.meta.stage, released: r.meta.released, source: r.meta.source, through: r.meta.through,
    },
  );
}

/** Orders vintages: the later effective date wins, and of one day the later release. */
export const VINTAGE_ORDER = `(date_diff('day', DATE '1970-01-01', r.effective)::BIGINT * 100000000 + r.release_id)`;

async function landObservations(store: Store, p: Part & { file: string; fileName: string; sha256: string; part: number }): Promise<ReleaseReport> {
  const releaseId = await nextReleaseId(store);
  await insertRelease(store, { releaseId, meta: p.meta, fileName: p.fileName, sha256: p.sha256, part: p.part });
  await store.run(`CREATE OR REPLACE TEMP TABLE staged (period VARCHAR, flow VARCHAR, partner VARCHAR, commodity VARCHAR,
    measure VARCHAR, value DOUBLE, unit VARCHAR, line INTEGER, col VARCHAR)`);
  const appender = await store.connection.createAppender("staged", "main", "temp");
  for (const o of p.observations) {
    appender.appendVarchar(o.period);
    appender.appendVarchar(o.flow);
    appender.appendVarchar(o.partner);
    appender.appendVarchar(o.commodity);
    appender.appendVarchar(o.measure);
    appender.appendDouble(o.value);
    appender.appendVarchar(o.unit);
    appender.appendInteger(o.line);
    appender.appendVarchar(o.column);
    appender.endRow();
  }
  appender.closeSync();

  const [conflict] = await store.rows<{ a_line: number; a_col: string; a_value: number; b_line: number; b_col: string; b_value: number; key: string }>(`
    SELECT a.line AS a_line, a.col AS a_col, a.value AS a_value, b.line AS b_line, b.col AS b_col, b.value AS b_value,
           concat_ws(' ', a.period, a.flow, a.partner, a.commodity, a.measure) AS key
    FROM staged a JOIN staged b USING (period, flow, partner, commodity, measure)
    WHERE a.value <> b.value AND (a.line, a.col) < (b.line, b.col)
    ORDER BY b.line, a.line LIMIT 1`);
  if (conflict) {
    throw new InputError(
      { file: p.file, line: conflict.b_line, column: conflict.b_col },
      `${conflict.b_value} conflicts with ${conflict.a_value} at line ${conflict.a_line} (${conflict.a_col}) for the same observation (${conflict.key}); one release holds one value per observation`,
    );
  }

  // The value in force for each staged key before this release, from the same dataset.
  await store.run(`CREATE OR REPLACE TEMP TABLE compared AS
    WITH incoming AS (SELECT DISTINCT (period || '-01')::DATE AS period, flow, partner, commodity, measure, value, unit FROM staged),
    before AS (
      SELECT o.period, o.flow, o.partner, o.commodity, o.measure, max_by(o.value, ${VINTAGE_ORDER}) AS value
      FROM observations o JOIN releases r USING (release_id)
      SEMI JOIN incoming i USING (period, flow, partner, commodity, measure)
      WHERE o.dataset = $dataset AND o.release_id <> $id AND r.effective <= (SELECT effective FROM releases WHERE release_id = $id)
      GROUP BY ALL)
    SELECT i.*, b.value AS before_value FROM incoming i LEFT JOIN before b USING (period, flow, partner, commodity, measure)`,
    { dataset: p.meta.dataset, id: releaseId },
  );
  await store.run(
    `INSERT INTO observations SELECT $dataset, period, flow, partner, commodity, measure, value, unit, $id
     FROM compared WHERE before_value IS DISTINCT FROM value ORDER BY period, flow, partner, commodity, measure`, // by period: reads by month skip the rest
    { dataset: p.meta.dataset, id: releaseId },
  );
  await store.run(
    `UPDATE releases SET
       added = (SELECT count(*) FROM compared WHERE before_value IS NULL),
       revised = (SELECT count(*) FROM compared WHERE before_value IS NOT NULL AND before_value <> value),
       unchanged = (SELECT count(*) FROM compared WHERE before_value = value)
     WHERE release_id = $id`,
    { id: releaseId },
  );
  await store.run(`DROP TABLE staged`);
  await store.run(`DROP TABLE compared`);
  const [report] = await releaseReports(store, [releaseId]);
  return report!;
}
