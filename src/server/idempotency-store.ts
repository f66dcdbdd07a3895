/**
 * Where the handler remembers which link each `Idempotency-Key` created, so that a
 * retried submission gets the same link instead of a second one. The default keeps it
 * in this process's memory; several processes behind one load balancer need a shared
 * store (Redis, a database table) implementing these three calls.
 */

/** The answer remembered for a key. */
export interface IdempotentLink {
  url: string;
  id: string;
}

export interface IdempotencyRecord {
  /** A hash of the request body, so that a key reused for other data is noticed. */
  fingerprint: string;
  /** The link, once created; absent while the creation is under way. */
  link?: IdempotentLink;
}

export interface IdempotencyStore {
  /**
   * Atomically: when `key` is free, record it as under way (for `ttlMs`) and return
   * `undefined`, which makes the caller the one to create the link; otherwise return
   * the record already there. In a shared store this is `SET key value NX PX ttl`.
   */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined>;
  /** Record the created link under a claimed key, for `ttlMs`. */
  complete(key: string, record: Required<IdempotencyRecord>, ttlMs: number): Promise<void>;
  /** Free a claimed key whose creation failed, so that a retry may try again. */
  release(key: string): Promise<void>;
}
