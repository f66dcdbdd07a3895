/**
 * Fault knobs, per sandbox instance, for tests of what a client or handler does when
 * Almara is slow, fails, answers garbage or drops its tokens:
 *
 *   sandbox.faults.latency = 2000;           // every API call answers 2 s late
 *   sandbox.faults.failNext(1, 500);         // the next API call answers 500
 *   sandbox.faults.failNext(2, 401, 'create'); // the next two creates answer 401
 *   sandbox.faults.malformedNext(1);         // the next API call answers 200 with broken JSON
 *   sandbox.faults.expireTokens();           // every token issued so far is now refused
 *   sandbox.faults.reset();
 */

/** The API calls the sandbox counts and can fail. */
export type SandboxRoute = 'token' | 'create' | 'find' | 'update';

export type Fault = { type: 'fail'; status: number } | { type: 'malformed' };

interface Queued {
  fault: Fault;
  remaining: number;
  route: SandboxRoute | undefined;
}

export class SandboxFaults {
  /** Milliseconds added before every API answer. */
  latency = 0;
  readonly #queue: Queued[] = [];
  readonly #expireTokens: () => void;

  constructor(expireTokens: () => void) {
    this.#expireTokens = expireTokens;
  }

  /** The next `count` API calls (of `route` only, if given) answer `status` with an error body. */
  failNext(count: number, status = 500, route?: SandboxRoute): void {
    this.#enqueue({ type: 'fail', status }, count, route);
  }

  /** The next `count` API calls (of `route` only, if given) answer 200 with a body that is not JSON. */
  malformedNext(count = 1, route?: SandboxRoute): void {
    this.#enqueue({ type: 'malformed' }, count, route);
  }

  #enqueue(fault: Fault, count: number, route: SandboxRoute | undefined): void {
    // Zero (or less) fails nothing: queued, it would still have failed the next call once.
    if (!(count >= 1)) return;
    this.#queue.push({ fault, remaining: Math.floor(count), route });
  }

  /** Expires every token issued so far: the next call with one answers 401. */
  expireTokens(): void {
    this.#expireTokens();
  }

  /** No latency, no queued failures. Tokens stay as they are. */
  reset(): void {
    this.latency = 0;
    this.#queue.length = 0;
  }

  /** The fault for this call, if one is queued for it; it is used up. */
  take(route: SandboxRoute): Fault | undefined {
    const index = this.#queue.findIndex((queued) => queued.route === undefined || queued.route === route);
    const queued = this.#queue[index];
    if (!queued) return undefined;
    if (--queued.remaining <= 0) this.#queue.splice(index, 1);
    return queued.fault;
  }
}
