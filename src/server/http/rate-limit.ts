/**
 * A per-client request budget (fixed windows). Each submission costs the merchant an
 * upstream call, so a script hammering the endpoint is turned away with a 429 before
 * it reaches Almara. The windows live in a `RateLimitStore`: by default in this process's
 * memory; several processes share one budget through a shared store
 * (`redisRateLimitStore` of `almara-pay-link/server/redis`).
 */
import { realClock, type Clock, type HandlerContext } from './options.js';
import { StoreUnavailableError } from './store-unavailable.js';

/** A window as a store counted it. */
export interface RateLimitHit {
  /** Requests counted in the key's current window, this one included. */
  count: number;
  /** Milliseconds until that window ends and the budget is whole again. */
  resetInMs: number;
}

/**
 * Where the windows are counted. One call per request, so it must be atomic in itself: two
 * processes counting the same key at once both count (in Redis, a script or `INCR` +
 * `PEXPIRE` in one transaction).
 */
export interface RateLimitStore {
  /** Counts one request against `key`, opening a window of `windowMs` when none is open. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
}

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
  /**
   * Where the windows are counted. Default: this process's memory, which is per instance:
   * behind a load balancer or on serverless hosts, give a shared one.
   */
  store?: RateLimitStore;
}

export interface MemoryRateLimitStoreOptions {
  /**
   * Windows kept at most. Beyond it the oldest open window is forgotten (its client starts
   * a fresh one), so that rotating addresses cannot grow the Map without bound. Default 100 000
   * (a window is about a hundred bytes).
   */
  maxKeys?: number;
  /** The clock, in ms. */
  now?: () => number;
}

/**
 * The default store: a Map whose insertion order is the order the windows end in, since a
 * window is (re)inserted when it opens and every window of a limiter has the same length.
 * So the expired ones are always at the front, and each hit drops them from there: constant
 * time per request, however many clients are tracked.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#max = Math.max(1, options.maxKeys ?? 100_000);
    this.#now = options.now ?? Date.now;
  }

  /** Windows held now, open or not yet dropped. */
  get size(): number {
    return this.#windows.size;
  }

  hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.#now();
    // Each window is deleted once, so this loop costs O(1) per hit over time.
    for (const [oldest, window] of this.#windows) {
      if (now < window.resetAt) break;
      this.#windows.delete(oldest);
    }
    let window = this.#windows.get(key);
    // Windows of different lengths in one store break the order; this one is then checked itself.
    if (window && now >= window.resetAt) {
      this.#windows.delete(key);
      window = undefined;
    }
    if (!window) {
      if (this.#windows.size >= this.#max) {
        const oldest = this.#windows.keys().next();
        if (!oldest.done) this.#windows.delete(oldest.value);
      }
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count++;
    return Promise.resolve({ count: window.count, resetInMs: window.resetAt - now });
  }
}

export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #key: (request: Request, context: HandlerContext) => string | undefined;
  readonly #store: RateLimitStore;

  constructor(options: RateLimitOptions, clock: Pick<Clock, 'now'> = realClock) {
    if (!(options.max > 0)) throw new TypeError('rateLimit.max must be more than zero');
    const windowMs = options.windowMs ?? 60_000;
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
      throw new TypeError('rateLimit.windowMs must be more than zero (ms)');
    }
    this.#max = options.max;
    this.#windowMs = windowMs;
    this.#key = options.key ?? ((_, context) => context.clientAddress);
    this.#store = options.store ?? new MemoryRateLimitStore({ now: () => clock.now() });
  }

  /**
   * Counts the request; the seconds to wait when it is over budget, else 0. A store that
   * fails throws a `StoreUnavailableError`: without a count the request is refused, not let through.
   */
  async hit(request: Request, context: HandlerContext): Promise<number> {
    const key = this.#key(request, context) ?? '*';
    let counted: RateLimitHit;
    try {
      counted = await this.#store.hit(key, this.#windowMs);
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
    return counted.count > this.#max ? Math.max(1, Math.ceil(counted.resetInMs / 1000)) : 0;
  }
}
