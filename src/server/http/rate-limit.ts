/**
 * A per-client request budget (fixed windows). Each submission costs the merchant an
 * upstream call, so a script hammering the endpoint is turned away with a 429 before
 * it reaches Almara. In memory, per process: a shared limit belongs in the merchant's
 * proxy or gateway.
 */
import { realClock, type Clock, type HandlerContext } from './options.js';

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  max: number;
  /** The window, in ms. Default one minute. */
  windowMs?: number;
  /**
   * Who a request counts against. Default: the client address from the context (behind a
   * proxy, give `toNodeHandler` its `trustProxy`), else one budget for all (on a runtime
   * without sockets, give e.g. the CDN's client-IP header).
   */
  key?: (request: Request, context: HandlerContext) => string | undefined;
}

/** Windows kept at most; stale ones are swept first. */
const MAX_KEYS = 10_000;

export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #key: (request: Request, context: HandlerContext) => string | undefined;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  constructor(options: RateLimitOptions, clock: Pick<Clock, 'now'> = realClock) {
    if (!(options.max > 0)) throw new TypeError('rateLimit.max must be more than zero');
    this.#max = options.max;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#key = options.key ?? ((_, context) => context.clientAddress);
    this.#clock = clock;
  }

  /** Counts the request; the seconds to wait when it is over budget, else 0. */
  hit(request: Request, context: HandlerContext): number {
    const key = this.#key(request, context) ?? '*';
    const now = this.#clock.now();
    let window = this.#windows.get(key);
    if (!window || now >= window.resetAt) {
      if (this.#windows.size >= MAX_KEYS) this.#sweep(now);
      window = { count: 0, resetAt: now + this.#windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return window.count > this.#max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (now >= window.resetAt) this.#windows.delete(key);
    // Still full: forget the oldest windows rather than grow without bound.
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < MAX_KEYS) break;
      this.#windows.delete(key);
    }
  }
}
