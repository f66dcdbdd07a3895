/**
 * The access token, fetched once and shared: every call made while it is being fetched
 * waits for that one request, and it is reused until shortly before it expires. A 401
 * on a token drops it (once, however many calls saw the 401 at the same time).
 */
import type { AccessToken } from './assumptions.js';

export interface TokenCacheOptions {
  /** Refresh this many ms before the token expires (at most half its lifetime). Default 60 s. */
  refreshMargin?: number;
  /** The clock, in ms; a test may give its own. */
  now?: () => number;
}

interface Entry {
  promise: Promise<AccessToken>;
  /** Set once the token is known; until then the entry is a request in flight. */
  token?: string;
  /** When to fetch a new one, in `now()` ms; unset: use it once only. */
  refreshAt?: number;
}

export class TokenCache {
  readonly #fetch: () => Promise<AccessToken>;
  readonly #margin: number;
  readonly #now: () => number;
  #entry: Entry | undefined;

  constructor(fetchToken: () => Promise<AccessToken>, options: TokenCacheOptions = {}) {
    this.#fetch = fetchToken;
    this.#margin = options.refreshMargin ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A token good for at least the refresh margin, fetched only when there is none. */
  async get(): Promise<string> {
    const entry = this.#entry;
    if (entry && (entry.token === undefined || (entry.refreshAt !== undefined && this.#now() < entry.refreshAt))) {
      return (await entry.promise).accessToken;
    }
    return (await this.#start()).accessToken;
  }

  /** Forget `token` after the API refused it, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.#entry?.token === token) this.#entry = undefined;
  }

  #start(): Promise<AccessToken> {
    const startedAt = this.#now();
    const entry: Entry = { promise: this.#fetch() };
    this.#entry = entry;
    entry.promise.then(
      (grant) => {
        if (this.#entry !== entry) return;
        entry.token = grant.accessToken;
        if (grant.expiresIn !== undefined) {
          const lifetime = grant.expiresIn * 1000;
          entry.refreshAt = startedAt + lifetime - Math.min(this.#margin, lifetime / 2);
        } else {
          // No lifetime given: shared by the calls that waited for it, then fetched anew.
          this.#entry = undefined;
        }
      },
      () => {
        // A failed request is not cached: the next call tries again.
        if (this.#entry === entry) this.#entry = undefined;
      },
    );
    return entry.promise;
  }
}
