/**
 * A store the handler cannot do without failed (Redis unreachable, say). The handler fails
 * closed: without the idempotency claim it cannot promise one link per key, and without
 * the rate-limit count it cannot keep its budget, so it answers 503 `store_unavailable`
 * and creates nothing. The element retries a 503 with the same key, by which time the
 * store may be back.
 */
import type { Answer } from './answer.js';

export class StoreUnavailableError extends Error {
  /**
   * `answer`: what the payer gets all the same, when the store failed only to remember the
   * outcome of a creation (its link is the payer's, stored or not); else the handler's 503.
   */
  constructor(
    cause: unknown,
    readonly answer?: Answer,
  ) {
    super('the idempotency or rate-limit store failed', { cause });
    this.name = 'StoreUnavailableError';
  }
}
