/**
 * One creation per `Idempotency-Key`. Requests with the same key in this process while
 * the first is under way wait for its answer (one upstream call, however many arrive);
 * later ones are answered from the store. A key held by another process is waited on
 * by polling the store, briefly.
 *
 * The element retries a 502/503/504 twice with the same key (contract §3), so how a
 * failure is remembered decides how many links one click can make: a refusal is repeated
 * like a link, an answer Almara may have acted on is repeated for a short hold, and only
 * a failure that made nothing frees the key for a retry.
 */
import { errorAnswer, type Answer, type ErrorAnswer } from '../http/answer.js';
import { realClock, type Clock } from '../http/options.js';
import { StoreUnavailableError } from '../http/store-unavailable.js';
import type { IdempotencyRecord, IdempotencyStore, IdempotentFailure, IdempotentLink } from './store.js';

/**
 * What a failure leaves under its key (decided by `classifyFailure`):
 * - `refusal`: Almara refused the body; a retry would be refused again, so the answer is
 *   remembered for as long as a link would be, and retries make no upstream call;
 * - `unknown`: Almara may have made the link (no answer in time, a reset once the request
 *   was sent, a 5xx, a 2xx we could not use); a retry now could make a second one, so the
 *   answer is repeated for the hold, or until what Almara did is known (`late`);
 * - `nothing`: nothing was made (the request never reached Almara, Almara said it did
 *   nothing, the merchant refused): the key is freed and a retry may succeed.
 */
export type Remember = 'refusal' | 'unknown' | 'nothing';

/** A creation that ended in an error answer, and what its key keeps of it. */
export interface FailedCreation {
  answer: ErrorAnswer;
  remember: Remember;
  /**
   * The creation goes on after this answer (Almara had the request at the deadline): what
   * it ends in replaces an `unknown` hold, so that a link made late is the key's link.
   */
  late?: Promise<Creation>;
}

/** What the work under a key produced: the link and its answer, or a failure. */
export type Creation = { answer: Answer; link: IdempotentLink } | (FailedCreation & { link?: undefined });

export type IdempotentOutcome =
  | { kind: 'answered'; answer: Answer }
  /** The key was used before for other data. */
  | { kind: 'conflict' }
  /**
   * Another process holds the key and did not finish in time. Not a failure of this
   * request's data: the same key tried again shortly gets that process's answer.
   */
  | { kind: 'busy' };

export interface IdempotencyTimings {
  /** How long a created link, or Almara's refusal, is remembered. */
  ttlMs: number;
  /**
   * How long an answer of unknown outcome (Almara timed out) is repeated to retries with
   * its key before a new try may go upstream. Default 60 s: longer than the element's
   * retries and a payer's first try by hand; 0 frees the key at once.
   */
  holdMs?: number;
  /** How long a claim lives if its process dies mid-creation. Default 2 minutes. */
  claimTtlMs?: number;
  /** How long to wait for another process holding the key (at most until the request's `answerBy`). Default 10 s. */
  waitMs?: number;
  /** How often to look while waiting. Default 250 ms. */
  pollMs?: number;
  /** The clock of the wait and its polls, and of the hold a late outcome may replace. Default: real time. */
  clock?: Clock;
}

const REPLAYED = { 'Idempotent-Replayed': 'true' };

/**
 * The answer for a finished key: the same `{ url, id }`, or the same error answer, marked
 * as a replay; `undefined` while the creation is under way.
 */
export function replayAnswer(record: IdempotencyRecord): Answer | undefined {
  if (record.link) return { status: 200, body: { url: record.link.url, id: record.link.id }, headers: REPLAYED };
  if (record.failure) {
    const { status, code, message } = record.failure;
    return errorAnswer(status, code, message, undefined, REPLAYED);
  }
  return undefined;
}

export class IdempotentRunner {
  readonly #store: IdempotencyStore;
  readonly #ttlMs: number;
  readonly #holdMs: number;
  readonly #claimTtlMs: number;
  readonly #waitMs: number;
  readonly #pollMs: number;
  readonly #clock: Clock;
  readonly #inflight = new Map<string, { fingerprint: string; promise: Promise<IdempotentOutcome> }>();

  constructor(store: IdempotencyStore, timings: IdempotencyTimings) {
    this.#store = store;
    this.#ttlMs = timings.ttlMs;
    this.#holdMs = timings.holdMs ?? 60_000;
    this.#claimTtlMs = timings.claimTtlMs ?? 120_000;
    this.#waitMs = timings.waitMs ?? 10_000;
    this.#pollMs = timings.pollMs ?? 250;
    this.#clock = timings.clock ?? realClock;
  }

  /**
   * The outcome of `create` under `key`, run at most once at a time per key. `onLateError`
   * is told when the store fails to keep an outcome that came late (no request waits for it).
   * `answerBy` (on the clock) is when the request must have its answer: a wait for another
   * process ends then at the latest, so that its `busy` still reaches the element in time
   * to retry (its whole submission has 15 s, the handler's deadline is 10 s).
   */
  async run(
    key: string,
    fingerprint: string,
    create: () => Promise<Creation>,
    onLateError: (error: unknown) => void = ignore,
    answerBy = Infinity,
  ): Promise<IdempotentOutcome> {
    const running = this.#inflight.get(key);
    if (running) {
      if (running.fingerprint !== fingerprint) return { kind: 'conflict' };
      const outcome = await running.promise;
      // The answer of the attempt it waited for, not of one of its own.
      return outcome.kind === 'answered'
        ? { kind: 'answered', answer: { ...outcome.answer, headers: { ...outcome.answer.headers, ...REPLAYED } } }
        : outcome;
    }
    // Registered before the first await, so that a same-key request arriving meanwhile waits here.
    const promise = this.#claimAndCreate(key, fingerprint, create, onLateError, answerBy);
    this.#inflight.set(key, { fingerprint, promise });
    try {
      return await promise;
    } finally {
      this.#inflight.delete(key);
    }
  }

  async #claimAndCreate(
    key: string,
    fingerprint: string,
    create: () => Promise<Creation>,
    onLateError: (error: unknown) => void,
    answerBy: number,
  ): Promise<IdempotentOutcome> {
    const deadline = Math.min(this.#clock.now() + this.#waitMs, answerBy);
    for (;;) {
      const existing = await this.#store.claim(key, fingerprint, this.#claimTtlMs).catch((error: unknown) => {
        throw new StoreUnavailableError(error);
      });
      if (!existing) break;
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
      const replay = replayAnswer(existing);
      if (replay) return { kind: 'answered', answer: replay };
      const left = deadline - this.#clock.now();
      if (left <= 0) return { kind: 'busy' };
      // The last look at the deadline itself, not a poll past it.
      await this.#clock.sleep(Math.min(this.#pollMs, left));
    }
    let creation: Creation;
    try {
      creation = await create();
    } catch (error) {
      await this.#store.release(key);
      throw error;
    }
    // The outcome stands even if the store cannot keep it: the payer gets it (a link is theirs).
    await this.#keep(key, fingerprint, creation).catch((error: unknown) => {
      throw new StoreUnavailableError(error, creation.answer);
    });
    // Only once the hold is stored: what comes late must be written after it, never under it.
    if (!creation.link && creation.late && creation.remember === 'unknown') {
      this.#keepLate(key, fingerprint, creation.late, this.#clock.now() + this.#holdMs, onLateError);
    }
    return { kind: 'answered', answer: creation.answer };
  }

  /**
   * What Almara did, learnt after the key's answer: a link (or a refusal) replaces the hold,
   * so the payer's next try gets it at once; "nothing made" frees the key; still unknown
   * leaves the hold as it is. Past the hold the key is no longer this creation's to write:
   * another try may hold it.
   */
  #keepLate(
    key: string,
    fingerprint: string,
    late: Promise<Creation>,
    heldUntil: number,
    onError: (error: unknown) => void,
  ): void {
    late
      .then(async (creation) => {
        if (this.#clock.now() >= heldUntil) return;
        if (!creation.link && creation.remember === 'unknown') return;
        await this.#keep(key, fingerprint, creation);
      })
      .catch(onError);
  }

  /** What the key keeps: a link or a refusal for the TTL, an unknown outcome for the hold, or nothing. */
  async #keep(key: string, fingerprint: string, creation: Creation): Promise<void> {
    if (creation.link) {
      await this.#store.complete(key, { fingerprint, link: creation.link }, this.#ttlMs);
      return;
    }
    const keepFor: Record<Remember, number> = { refusal: this.#ttlMs, unknown: this.#holdMs, nothing: 0 };
    const ms = keepFor[creation.remember];
    if (ms > 0) {
      await this.#store.complete(key, { fingerprint, failure: remembered(creation.answer) }, ms);
    } else {
      // Nothing was created, or it is kept for no time: a retry with this key may try again.
      await this.#store.release(key);
    }
  }
}

const ignore = (): void => undefined;

/** The part of an error answer a store keeps: what `replayAnswer` gives back, nothing of the payer. */
function remembered({ status, body }: ErrorAnswer): IdempotentFailure {
  return { status, code: body.error.code, message: body.error.message };
}

/**
 * A SHA-256 of a request body, to tell whether a reused `Idempotency-Key` comes with the
 * same data. The store keeps this hash, not the payer's details. The same hex either way.
 */
export async function fingerprintOf(value: unknown): Promise<string> {
  const text = JSON.stringify(value);
  return nodeSha256 ? nodeSha256(text) : webSha256(text);
}

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * `node:crypto`'s SHA-256 where the runtime has it (Node ≥ 20.16, and runtimes that copy its
 * `process.getBuiltinModule`): 1.5 µs a call against 45 µs for Web Crypto's, whose promise
 * and buffer copies cost far more than hashing a few hundred bytes. Looked up at run time, not imported,
 * so that this module still loads on runtimes without it.
 */
const nodeSha256 = ((): ((text: string) => string) | undefined => {
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const builtin = host?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    if (typeof builtin?.createHash !== 'function') return undefined;
    return (text) => builtin.createHash('sha256').update(text, 'utf8').digest('hex');
  } catch {
    // A runtime whose getBuiltinModule refuses node:crypto: Web Crypto below.
    return undefined;
  }
})();

/** Web Crypto's SHA-256, wherever the handler runs. */
export async function webSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
