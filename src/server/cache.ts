// Answers computed once per store version: a repeated request (the same figures, brief, chart or article) is
// served from memory while the store stays the same; concurrent identical requests share one computation.
// Bounded by bytes, least recently used out first; emptied whenever the store changes.

export interface Cached {
  body: Uint8Array;
  contentType: string;
  /** The body gzipped, made the first time a client that takes gzip asks. */
  gzipped?: Uint8Array;
}

const sizeOf = (value: unknown): number =>
  typeof value === "string" ? value.length * 2 : value instanceof Uint8Array ? value.byteLength : (value as Cached)?.body !== undefined ? sizeOf((value as Cached).body) : 1 << 20;

export class AnswerCache {
  private readonly entries = new Map<string, { value: unknown; size: number }>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes = 128 << 20) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as T;
    }
    const running = this.pending.get(key);
    if (running) return running as Promise<T>;
    this.misses++;
    const generation = this.generation;
    const promise = compute().then((value) => {
      if (generation === this.generation) this.put(key, value);
      return value;
    });
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      if (this.pending.get(key) === promise) this.pending.delete(key);
    }
  }

  private generation = 0;

  /** Forgets everything: the store changed. Computations under way are not kept. */
  clear(): void {
    this.entries.clear();
    this.pending.clear();
    this.bytes = 0;
    this.generation++;
  }

  private put(key: string, value: unknown): void {
    const size = sizeOf(value);
    if (size > this.maxBytes / 4) return;
    this.entries.set(key, { value, size });
    this.bytes += size;
    for (const [oldest, { size: oldSize }] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldSize;
    }
  }
}
