/**
 * Where the handler remembers what each `Idempotency-Key` led to, so that a retried
 * submission gets the same answer instead of a second payment link. The default keeps it
 * in this process's memory; several processes behind one load balancer need a shared
 * store (Redis, a database table) implementing these three calls.
 */

/** The answer remembered for a key. */
export interface IdempotentLink {
  url: string;
  id: string;
}

/**
 * An error answer remembered in place of a link: Almara refused the body (a retry would
 * be refused again), or did not answer in time (it may have made the link). Only the
 * status and the payer-facing code and message: nothing of the payer or of Almara's answer.
 */
export interface IdempotentFailure {
  status: number;
  code: string;
  message: string;
}

export interface IdempotencyRecord {
  /** A hash of the request body, so that a key reused for other data is noticed. */
  fingerprint: string;
  /** The link, once created; absent while the creation is under way. */
  link?: IdempotentLink;
  /** The error answer, when the creation ended in one that retries must get too. */
  failure?: IdempotentFailure;
}

/** What a finished creation leaves under its key: a link, or an error answer to repeat. */
export type CompletedIdempotencyRecord =
  | { fingerprint: string; link: IdempotentLink; failure?: never }
  | { fingerprint: string; failure: IdempotentFailure; link?: never };

export interface IdempotencyStore {
  /**
   * Atomically: when `key` is free, record it as under way (for `ttlMs`) and return
   * `undefined`, which makes the caller the one to create the link; otherwise return
   * the record already there. In a shared store this is `SET key value NX PX ttl`.
   */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined>;
  /** Record how a claimed key's creation ended (a link or an error answer), for `ttlMs`. */
  complete(key: string, record: CompletedIdempotencyRecord, ttlMs: number): Promise<void>;
  /** Free a claimed key whose creation failed without effect, so that a retry may try again. */
  release(key: string): Promise<void>;
}
