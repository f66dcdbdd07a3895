/**
 * The time the element's waits run on: a submission's deadline and pauses (submit.ts), and the
 * payment status's polling (status/polling.ts). Tests put a fake one in those modules'
 * defaults to see seconds pass without sleeping.
 */

/** What a clock can do: tell the time, and call back later. */
export interface Clock {
  /** Milliseconds since the epoch: a `Retry-After` date is measured against it. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1), for the jitter of the pauses. Default: `Math.random`. */
  random?(): number;
}

/** Real time. Wrapped: a browser's timer functions refuse to run as methods of another object than `window`. */
export const realClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as number);
  },
};
