// Ingest: files → releases and observations, in one transaction. A file already in the store changes
// nothing; a value equal to the one in force is not stored again; a failed or killed ingest leaves the store as it was.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { Observation, ReleaseMeta, Stage } from "../domain.js";
import { STAGES } from "../domain.js";
import { InputError, UsageError } from "../errors.js";
import { detectFormat, parseAreaCommodity, parseFirstPrints, parsePressRelease, parsePressTable, parseTimeSeries, parseYtdVintages, type SourceFormat } from "../sources/index.js";
import type { Encoding } from "../sources/text.js";
import { regularFile } from "../sources/input-file.js";
import { setConsensus, type Consensus } from "./consensus.js";
import { readUnpacked, readUnpackedHead, unpackedPieces } from "./file-bytes.js";
import { landHs9Table } from "./ingest-hs9.js";
import { landTidy } from "./ingest-tidy.js";
import { parseDate } from "./months.js";
import { dateReleases, type ReleaseDateChange } from "./release-dates.js";
import type { Store } from "./store.js";

export interface IngestOptions {
  /** Force a format instead of telling it from the file. */
  format?: SourceFormat;
  /** `YYYY-MM-DD` the file was published: wins over a date the file prints; on bytes already ingested, sets it (said in the report). */
  released?: string;
  /**
   * `YYYY-MM-DD` to use when neither `released` nor the file gives a date (a server's Last-Modified, a mirror's file
   * time); on bytes already ingested it fills an unknown date, never replaces a known one.
   */
  releasedFallback?: string;
  stage?: Stage;
  /** Dataset to file the releases under (default: `tidy` for tidy files, `mof.press` for press releases …). */
  dataset?: string;
  /** `YYYY-MM`: last published month of a year-to-date HS-9 table. */
  through?: string;
  /** Encoding of a time series (default Shift_JIS, as published). */
  encoding?: Encoding;
  /** Called as a large file is read: the fraction done, and about how many lines have been read (each pass counts). */
  onProgress?: (progress: { file: string; fraction: number; rows: number }) => void;
  /** Bytes of a file parsed at a time where a format is read in pieces (default 4 MiB; smaller in tests). */
  readPieceBytes?: number;
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
  /** Releases of bytes already ingested whose release date this ingest set. */
  datesSet?: ReleaseDateChange[];
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  // Large reads: hashing 4 MB at a time costs half of hashing the default 64 KB chunks.
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function checkOptions(options: IngestOptions): void {
  if (options.released !== undefined) parseDate(options.released, "--released");
  if (options.releasedFallback !== undefined) parseDate(options.releasedFallback, "release date");
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
  const info = await regularFile(file, { folder: "name the files in it (boeki ingest DIR/*.csv)" });
  const sha256 = await sha256File(file);
  const progress = new IngestProgress(file, options.onProgress);
  // Read (and unpacked) once, when a parser asks; an HS-9 table is streamed by DuckDB and never read here.
  let contents: Promise<Uint8Array> | undefined;
  const bytes = () => (contents ??= readUnpacked(file, (f) => progress.reading(f)));
  const format = options.format ?? detectFormat(await readUnpackedHead(file), file);
  const base = { file, format, sha256, bytes: info.size };
  const earlier = await store.rows<{ release_id: number }>(`SELECT release_id FROM releases WHERE sha256 = ? ORDER BY part`, [sha256]);
  if (earlier.length > 0) {
    const datesSet = await dateReleases(store, earlier.map((r) => r.release_id), { released: options.released, fallback: options.releasedFallback });
    const reports = await releaseReports(store, earlier.map((r) => r.release_id));
    return { ...base, status: "already-ingested", releases: reports, rowsRead: 0, ...(datesSet.length ? { datesSet } : {}) };
  }
  const fileName = path.basename(file);
  if (format === "hs9") {
    // An HS-9 table prints no release date: the fallback is its date unless one is given.
    const hs9Options = { ...options, released: options.released ?? options.releasedFallback };
    const landed = await landHs9Table(store, file, { fileName, sha256, options: hs9Options, nextReleaseId: await nextReleaseId(store) });
    return { ...base, status: "ingested", releases: [landed.release], rowsRead: landed.rowsRead };
  }
  if (format === "tidy-csv" || format === "tidy-parquet") {
    const landed = await landTidy(store, file, format, { fileName, sha256, options });
    return { ...base, status: "ingested", releases: landed.releases, rowsRead: landed.rowsRead };
  }
  const { parts, skipped, forecasts } = await parseParts(store, file, format, options, bytes, progress);
  const reports: ReleaseReport[] = [];
  progress.reading(1, parts.reduce((n, p) => n + p.observations.length, 0));
  for (const [part, { meta, observations }] of parts.entries()) {
    meta.released ??= options.releasedFallback ?? null;
    const storing = (fraction: number) => progress.storing((part + fraction) / parts.length);
    reports.push(await landObservations(store, { meta, observations, file, fileName, sha256, part }, storing));
  }
  progress.storing(1);
  // A calendar's forecasts go in as consensus, under the calendar's own name.
  for (const forecast of forecasts ?? []) await setConsensus(store, forecast);
  return { ...base, status: "ingested", releases: reports, rowsRead: parts.reduce((n, p) => n + p.observations.length, 0), ...(skipped ? { skipped } : {}) };
}

/**
 * Progress of one file, as a fraction of the way: reading and parsing take the first half, storing the second (on the
 * Ministry's 27 MB area × commodity table they take about as long). A gzipped file is measured on its compressed bytes.
 */
class IngestProgress {
  private rows = 0;
  constructor(
    private readonly file: string,
    private readonly report?: IngestOptions["onProgress"],
  ) {}

  reading(fraction: number, rows = this.rows): void {
    this.rows = rows;
    this.report?.({ file: this.file, fraction: fraction * 0.5, rows });
  }

  /** Rows stay those read: the count a user compares with the file. */
  storing(fraction: number): void {
    this.report?.({ file: this.file, fraction: 0.5 + fraction * 0.5, rows: this.rows });
  }
}

/**
 * The area × commodity table parsed a few megabytes at a time, as it streams in (and unpacks): each piece is parsed
 * with the header before it, its line numbers moved to the file's, so that a long read shows its progress and an error
 * still names the file's line.
 */
async function parseAreaCommodityInPieces(file: string, progress: IngestProgress, pieceBytes?: number): Promise<{ observations: Observation[]; skipped: Record<string, number> }> {
  const observations: Observation[] = [];
  const skipped: Record<string, number> = {};
  let header: Buffer | undefined;
  let linesBefore = 0;
  let fraction = 0;
  for await (const piece of unpackedPieces(file, (f) => (fraction = f), pieceBytes)) {
    const later = header !== undefined; // a later piece is parsed after a copy of the header line
    const offset = later ? linesBefore - 1 : 0;
    header ??= piece.subarray(0, piece.indexOf(0x0a) + 1);
    let parsed: ReturnType<typeof parseAreaCommodity>;
    try {
      parsed = parseAreaCommodity(later ? Buffer.concat([header, piece]) : piece, file);
    } catch (error) {
      if (error instanceof InputError && error.location.line !== undefined && offset) {
        throw new InputError({ ...error.location, line: error.location.line + offset }, error.problem);
      }
      throw error;
    }
    for (const o of parsed.observations) {
      o.line += offset;
      observations.push(o);
    }
    for (const [item, n] of Object.entries(parsed.skipped)) skipped[item] = (skipped[item] ?? 0) + n;
    for (let i = piece.indexOf(0x0a); i >= 0; i = piece.indexOf(0x0a, i + 1)) linesBefore++;
    progress.reading(fraction, observations.length);
  }
  return { observations, skipped };
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
  store: Store, file: string, format: SourceFormat, options: IngestOptions, bytes: () => Promise<Uint8Array>, progress: IngestProgress,
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
    const parsed = await parseAreaCommodityInPieces(file, progress, options.readPieceBytes);
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
  throw new Error(`no parser for ${format}`);
}

export async function nextReleaseId(store: Store): Promise<number> {
  const [row] = await store.rows<{ id: number }>(`SELECT coalesce(max(release_id), 0) + 1 AS id FROM releases`);
  return row!.id;
}

export async function releaseReports(store: Store, ids: number[]): Promise<ReleaseReport[]> {
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

async function landObservations(
  store: Store,
  p: Part & { file: string; fileName: string; sha256: string; part: number },
  storing: (fraction: number) => void = () => {},
): Promise<ReleaseReport> {
  await store.run(`CREATE OR REPLACE TEMP TABLE staged (period VARCHAR, flow VARCHAR, partner VARCHAR, commodity VARCHAR,
    measure VARCHAR, value DOUBLE, unit VARCHAR, line INTEGER, col VARCHAR)`);
  const appender = await store.connection.createAppender("staged", "main", "temp");
  const total = p.observations.length;
  for (const [i, o] of p.observations.entries()) {
    // The appender takes a third of storing; every 64k rows, the bar is told and drawn (the loop yields once).
    if (i > 0 && i % 65536 === 0) {
      storing((i / total) * 0.35);
      await new Promise((resolve) => setImmediate(resolve));
    }
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
  await refuseConflicts(store, p.file);
  const report = await landRelease(store, {
    ...p,
    incoming: `SELECT DISTINCT (period || '-01')::DATE AS period, flow, partner, commodity, measure, value, unit FROM staged`,
  }, storing);
  await store.run(`DROP TABLE staged`);
  return report;
}

/**
 * Two different values (or units) for one observation in one release (a file printing a figure twice, differently)
 * are an error naming both places. Linear: the keys with more than one value are found by grouping, then their places.
 */
async function refuseConflicts(store: Store, file: string): Promise<void> {
  const [conflict] = await store.rows<{ a_line: number; a_col: string; a_value: number; a_unit: string; b_line: number; b_col: string; b_value: number; b_unit: string; key: string }>(`
    WITH firsts AS (
      SELECT period, flow, partner, commodity, measure, arg_min({'value': value, 'unit': unit}, {'line': line, 'col': col}) AS a_vu,
             min({'line': line, 'col': col}) AS a
      FROM staged GROUP BY ALL HAVING count(DISTINCT value) > 1 OR count(DISTINCT unit) > 1)
    SELECT f.a.line AS a_line, f.a.col AS a_col, f.a_vu.value AS a_value, f.a_vu.unit AS a_unit,
           s.line AS b_line, s.col AS b_col, s.value AS b_value, s.unit AS b_unit,
           concat_ws(' ', s.period, s.flow, s.partner, s.commodity, s.measure) AS key
    FROM staged s JOIN firsts f USING (period, flow, partner, commodity, measure)
    WHERE s.value <> f.a_vu.value OR s.unit <> f.a_vu.unit
    ORDER BY s.line, s.col LIMIT 1`);
  if (conflict) {
    const differ = conflict.b_value !== conflict.a_value ? [conflict.b_value, conflict.a_value] : [`${conflict.b_value} ${conflict.b_unit}`, `${conflict.a_value} ${conflict.a_unit}`];
    throw new InputError(
      { file, line: conflict.b_line, column: conflict.b_col },
      `${differ[0]} conflicts with ${differ[1]} at line ${conflict.a_line} (${conflict.a_col}) for the same observation (${conflict.key}); one release holds one value per observation`,
    );
  }
}

/**
 * Lands one release: `incoming` is a query giving its observations (period as DATE, value in the store's unit),
 * each key once. A value equal to the one in force in the dataset is not stored again.
 */
export async function landRelease(
  store: Store,
  p: { meta: ReleaseMeta & { through: string | null }; fileName: string; sha256: string; part: number; incoming: string },
  storing: (fraction: number) => void = () => {},
): Promise<ReleaseReport> {
  const releaseId = await nextReleaseId(store);
  await insertRelease(store, { releaseId, meta: p.meta, fileName: p.fileName, sha256: p.sha256, part: p.part });
  storing(0.45);
  // The value in force for each incoming key before this release, from the same dataset.
  await store.run(`CREATE OR REPLACE TEMP TABLE compared AS
    WITH incoming AS (${p.incoming}),
    before AS (
      SELECT o.period, o.flow, o.partner, o.commodity, o.measure, max_by(o.value, ${VINTAGE_ORDER}) AS value
      FROM observations o JOIN releases r USING (release_id)
      SEMI JOIN incoming i USING (period, flow, partner, commodity, measure)
      WHERE o.dataset = $dataset AND o.release_id <> $id AND r.effective <= (SELECT effective FROM releases WHERE release_id = $id)
      GROUP BY ALL)
    SELECT i.*, b.value AS before_value FROM incoming i LEFT JOIN before b USING (period, flow, partner, commodity, measure)`,
    { dataset: p.meta.dataset, id: releaseId },
  );
  storing(0.75);
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
  await store.run(`DROP TABLE compared`);
  const [report] = await releaseReports(store, [releaseId]);
  return report!;
}
