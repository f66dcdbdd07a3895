/**
 * One creation per `Idempotency-Key`. Requests with the same key in this process while
 * the first is under way wait for its answer (one upstream call, however many arrive);
 * later ones are answered from the store. A key held by another process is waited on
 * by polling the store, briefly.
 */
import type { Answer } from './answer.js';
import type { IdempotencyStore, IdempotentLink } from './idempotency-store.js';

/** What the work under a key produced: the answer, and the link when one was created. */
export interface Creation {
  answer: Answer;
  link?: IdempotentLink;
}

export type IdempotentOutcome =
  | { kind: 'answered'; answer: Answer }
  /** The key was used before for other data. */
  | { kind: 'conflict' }
  /** Another process holds the key and did not finish in time. */
  | { kind: 'busy' };

export interface IdempotencyTimings {
  /** How long a created link is remembered. */
  ttlMs: number;
  /** How long a claim lives if its process dies mid-creation. Default 2 minutes. */
  claimTtlMs?: number;
  /** How long to wait for another process holding the key. Default 10 s. */
  waitMs?: number;
  /** How often to look while waiting. Default 250 ms. */
  pollMs?: number;
}

/** The answer for a key whose link exists: the same `{ url, id }`, marked as a replay. */
export const replayAnswer = (link: IdempotentLink): Answer => ({
  status: 200,
  body: { url: link.url, id: link.id },
  headers: { 'Idempotent-Replayed': 'true' },
});

export class IdempotentRunner {
  readonly #store: IdempotencyStore;
  readonly #ttlMs: number;
  readonly #claimTtlMs: number;
  readonly #waitMs: number;
  readonly #pollMs: number;
  readonly #inflight = new Map<string, { fingerprint: string; promise: Promise<IdempotentOutcome> }>();

  constructor(store: IdempotencyStore, timings: IdempotencyTimings) {
    this.#store = store;
    this.#ttlMs = timings.ttlMs;
    this.#claimTtlMs = timings.claimTtlMs ?? 120_000;
    this.#waitMs = timings.waitMs ?? 10_000;
    this.#pollMs = timings.pollMs ?? 250;
  }

  async run(key: string, fingerprint: string, create: () => Promise<Creation>): Promise<IdempotentOutcome> {
    const running = this.#inflight.get(key);
    if (running) {
      if (running.fingerprint !== fingerprint) return { kind: 'conflict' };
      const outcome = await running.promise;
      return outcome.kind === 'answered' && outcome.answer.status < 300
        ? { kind: 'answered', answer: { ...outcome.answer, headers: { 'Idempotent-Replayed': 'true' } } }
        : outcome;
    }
    // Registered before the first await, so that a same-key request arriving meanwhile waits here.
    const promise = this.#claimAndCreate(key, fingerprint, create);
    this.#inflight.set(key, { fingerprint, promise });
    try {
      return await promise;
    } finally {
      this.#inflight.delete(key);
    }
  }

  async #claimAndCreate(key: string, fingerprint: string, create: () => Promise<Creation>): Promise<IdempotentOutcome> {
    const deadline = Date.now() + this.#waitMs;
    for (;;) {
      const existing = await this.#store.claim(key, fingerprint, this.#claimTtlMs);
      if (!existing) break;
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
      if (existing.link) return { kind: 'answered', answer: replayAnswer(existing.link) };
      if (Date.now() >= deadline) return { kind: 'busy' };
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
    }
    let creation: Creation;
    try {
      creation = await create();
    } catch (error) {
      await this.#store.release(key);
      throw error;
    }
    if (creation.link) {
      await this.#store.complete(key, { fingerprint, link: creation.link }, this.#ttlMs);
    } else {
      // Refused or failed: nothing was created, so a retry with this key may try again.
      await this.#store.release(key);
    }
    return { kind: 'answered', answer: creation.answer };
  }
}
