// The page's only way to the data: the boeki API on the same server. Problems (RFC 9457) become ApiErrors with
// the CLI's message; while the store is being written (503) requests wait and retry, and the page says so.

export interface Vintage { releaseId: number; dataset: string; stage: string; released: string | null }
export interface SourceRow { period: string; flow: string; partner: string; commodity: string; measure: string; value: number; releaseId: number }
export interface Fact {
  id: string; metric: string; flow: string; partner: string; commodity: string; period: string; value: number; unit: string;
  basis: { period: string; value: number } | null; vintage: Vintage; provenance: { dataset: string; query: string; rows: SourceRow[] };
  published?: number; computed?: number; note?: string;
  detail?: { sign?: string; since?: string; atLeast?: boolean; kind?: string; source?: string; outcome?: string };
}
export interface Figures { month: string; asOf: string | null; facts: Fact[]; sections: Record<string, string[]> }
export interface HeldMonth { month: string; firstStage: string; firstReleased: string | null; stage: string; released: string | null }
export interface Release { releaseId: number; dataset: string; fileName: string; stage: string; released: string | null; effective: string; through: string | null }
export interface Sentence { text: string; facts: string[]; spans: Array<{ start: number; end: number; factId: string }> }
export interface Brief {
  month: string; asOf: string | null; lang: "en" | "ja"; title: Sentence; paragraphs: Sentence[][]; facts: Fact[];
  /** "By the numbers": the key figures after the story, every cell a fact. */
  tables: Array<{ id: string; title: string; columns: string[]; rows: Array<{ label: string; indent?: boolean; cells: Array<Sentence | null> }>; notes: Sentence[] }>;
  charts: Array<{ id: string; title: string; description: string; url: string; png: string }>;
}
export interface FactHistory { fact: Fact | null; history: Array<{ from: string; value: number | null; vintage: Vintage | null }> }
export interface SeriesPoint { period: string; measure?: string; value?: number; yoyPct?: number; unit?: string; releaseId: number; stage: string; released: string | null }
export interface Series { flow: string; partner: string; commodity: string; asOf: string | null; change: "level" | "yoy"; points: SeriesPoint[] }
export type Verdict = "supported" | "contradicted" | "unverifiable" | "not_data";
export interface Claim {
  start: number; end: number; text: string; kind: string; metric: string; flow: string; partner: string; commodity: string; period: string;
  value: number; unit: string; verdict: Verdict; expected: number | null; matches: string; facts: string[]; note: string;
}
export interface CheckResult { date: string; claims: Claim[] }
export interface Code { code: string; name: string; flow?: string; ja?: string; area?: string; kind?: string }

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly parameter?: string) {
    super(message);
  }
}

type BusyListener = (busy: string | null) => void;
const busyListeners = new Set<BusyListener>();
/** Told when the store is being written (with the server's message) and when it can be read again (null). */
export function onBusy(listener: BusyListener): () => void {
  busyListeners.add(listener);
  return () => busyListeners.delete(listener);
}
const tellBusy = (message: string | null) => busyListeners.forEach((l) => l(message));

const RETRIES = 30;

export function apiUrl(path: string, params: Record<string, string | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, v);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, init);
    if (response.ok) {
      if (attempt > 0) tellBusy(null);
      return (await response.json()) as T;
    }
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; parameter?: string };
    if (response.status === 503 && attempt < RETRIES) {
      tellBusy(problem.detail ?? "the store cannot be read just now");
      const wait = Number(response.headers.get("Retry-After") ?? 2);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      continue;
    }
    throw new ApiError(response.status, problem.detail ?? `${response.status} ${response.statusText}`, problem.parameter);
  }
}

export const getJson = <T>(path: string, params?: Record<string, string | undefined | null>) => request<T>(apiUrl(path, params));

export const postCheck = (text: string, date?: string) =>
  request<CheckResult>("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, ...(date ? { date } : {}) }) });
