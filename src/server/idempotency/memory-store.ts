/**
 * The default idempotency store: a Map in this process, bounded in size. When full, the
 * oldest entry goes first (a key is a few hundred bytes; 10 000 of them are a few MB).
 */
import type { CompletedIdempotencyRecord, IdempotencyRecord, IdempotencyStore } from './store.js';

export interface MemoryIdempotencyStoreOptions {
  /** Entries kept at most. Default 10 000. */
  maxEntries?: number;
  /** The clock, in ms; a test may give its own. */
  now?: () => number;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, { record: IdempotencyRecord; expiresAt: number }>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    this.#max = Math.max(1, options.maxEntries ?? 10_000);
    this.#now = options.now ?? Date.now;
  }

  /** Entries held now, expired ones included until they are next looked at. */
  get size(): number {
    return this.#entries.size;
  }

  // Synchronous inside, so that check and claim are atomic; promises only to fit the interface.
  claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined> {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > this.#now()) return Promise.resolve(entry.record);
    this.#set(key, { fingerprint }, ttlMs);
    return Promise.resolve(undefined);
  }

  complete(key: string, record: CompletedIdempotencyRecord, ttlMs: number): Promise<void> {
    this.#set(key, record, ttlMs);
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    this.#entries.delete(key);
    return Promise.resolve();
  }

  #set(key: string, record: IdempotencyRecord, ttlMs: number): void {
    // Re-inserted, so that the Map's order stays the order of last writes: oldest first.
    this.#entries.delete(key);
    this.#entries.set(key, { record, expiresAt: this.#now() + ttlMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#max) break;
      this.#entries.delete(oldest);
    }
  }
}
