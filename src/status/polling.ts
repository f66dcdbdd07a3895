/**
 * How `<almara-pay-status>` asks again while a payment is pending (contract §6): about 2 s
 * after the first answer, growing to 15 s, jittered, for at most `poll-for` ms; never while
 * the tab is hidden. No DOM: the element wires `visibilitychange` to `pause()` and `resume()`,
 * and test/unit/polling.test.ts drives it with a fake clock.
 */
import { realClock, type Clock } from '../clock.js';

/** The first wait, before jitter: an STK prompt takes the payer a few seconds at least. */
export const FIRST_DELAY_MS = 2000;
/** Each wait is this much longer than the one before, until {@link MAX_DELAY_MS}. */
export const DELAY_GROWTH = 1.5;
/** The longest wait: a payer who has just entered their PIN should not look at "waiting" for longer. */
export const MAX_DELAY_MS = 15_000;
/** The shortest wait, whatever the jitter: a backend's rate limit allows a request every few seconds. */
export const MIN_DELAY_MS = 1500;
/** How far each wait is spread, both ways: ±20 %. */
export const JITTER = 0.2;
/** The default of `poll-for`: two minutes, longer than an M-Pesa prompt stays on the phone. */
export const POLL_FOR_MS = 120_000;

/**
 * The wait in ms before asking again after `attempt` answers that were not final (0 for the
 * wait after the first): 2000 × 1.5^attempt up to 15 000 (2 s, 3 s, 4.5 s, 6.75 s, 10.1 s,
 * then 15 s), times a factor in [0.8, 1.2) from `random` (in [0, 1)), kept within 1.5 s and
 * 15 s. The jitter spreads the pages of one busy moment (a shop's sale, a backend back up)
 * so that they do not ask in step; the bounds hold even at the cap and for a `random` or an
 * `attempt` out of range, so that no schedule can hammer the backend or leave a payer waiting.
 */
export function pollDelay(attempt: number, random: () => number): number {
  const base = Math.min(FIRST_DELAY_MS * DELAY_GROWTH ** Math.max(0, attempt || 0), MAX_DELAY_MS);
  const spread = Math.min(Math.max(random() || 0, 0), 1);
  const delay = Math.round(base * (1 - JITTER + 2 * JITTER * spread));
  return Math.min(Math.max(delay, MIN_DELAY_MS), MAX_DELAY_MS);
}

/**
 * Where a poller is: `idle` before `start()`; `asking` while `ask` runs; `waiting` between
 * answers (also while the tab is hidden: see `Poller.hidden`); `done` once `ask` said the
 * answer is final; `exhausted` when `pollFor` ran out on a pending payment (the element then
 * offers "Check again", which is `start()`); `stopped` after `stop()`.
 */
export type PollerState = 'idle' | 'asking' | 'waiting' | 'done' | 'exhausted' | 'stopped';

export interface PollerOptions {
  /**
   * One request to the backend. Resolves to `true` when the answer is final (paid, failed,
   * expired, not found): nothing more to ask. `false` asks again after the next wait, as does
   * a rejection (a poller must not die of one failed request; the element words its own
   * failures). `signal` aborts when the poller is stopped or restarted; the answer is then
   * ignored. The poller sets no deadline on it: the element's fetch should have its own.
   */
  ask: (signal: AbortSignal) => Promise<boolean>;
  /** Milliseconds of visible time within which asks may start. Default {@link POLL_FOR_MS}. */
  pollFor?: number;
  /** Called on every change of `state`. */
  onState?: (state: PollerState) => void;
  /** Default: `pollerDefaults.clock`, read when the poller is made. */
  clock?: Clock;
  /** The schedule. Default {@link pollDelay}. */
  delay?: (attempt: number, random: () => number) => number;
}

/** What every poller uses unless told otherwise: a browser test puts a fake clock here. */
export const pollerDefaults: { clock: Clock } = { clock: realClock };

/**
 * Asks `ask` at once on `start()`, then again after each {@link pollDelay} until an answer
 * is final, `pollFor` is spent, or `stop()`.
 *
 * - **The budget is visible time.** `pollFor` counts only the time the tab was shown: the
 *   payer who leaves the page for the M-Pesa prompt, or to find their phone, comes back to a
 *   page still checking, not to "we stopped" after asking nothing; and a hidden tab costs the
 *   backend nothing anyway, so the budget still bounds what one forgotten tab can ask. No ask
 *   starts once the next wait would end past it: the poller turns `exhausted` after the last
 *   answer that fits, with no timer left.
 * - **The waits are wall time.** Back from hidden, it asks at once if the wait it was in has
 *   ended meanwhile (the payer has likely just paid), else waits out what is left of it.
 * - **Hidden, it never asks**: not at `start()` (it asks on `resume()`), not when a wait ends
 *   (none is timed). An ask under way when the tab hides is let finish.
 */
export class Poller {
  readonly #options: PollerOptions;
  readonly #clock: Clock;
  #state: PollerState = 'idle';
  #hidden = false;
  /** Answers that were not final since `start()`: the schedule's attempt. */
  #attempt = 0;
  /** Visible ms spent before `#shownSince`, since `start()`. */
  #spent = 0;
  /** When the tab was last shown (or the poller started while shown). */
  #shownSince = 0;
  /** When the current wait ends (wall time, on the clock). */
  #due = 0;
  #timer: unknown;
  #controller: AbortController | undefined;

  constructor(options: PollerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? pollerDefaults.clock;
  }

  get state(): PollerState {
    return this.#state;
  }

  /** True between `pause()` and `resume()`. */
  get hidden(): boolean {
    return this.#hidden;
  }

  /** Visible milliseconds spent of `pollFor` since the last `start()`. */
  get spent(): number {
    return this.#spent + (this.#hidden ? 0 : this.#clock.now() - this.#shownSince);
  }

  /**
   * Starts over, with the whole budget and the first wait: asks now, or on `resume()` when
   * hidden. Also after `exhausted` ("Check again"), `done` or `stopped`; while running, it
   * drops the ask under way.
   */
  start(): void {
    this.#cancel();
    this.#attempt = 0;
    this.#spent = 0;
    this.#shownSince = this.#clock.now();
    this.#due = this.#shownSince;
    // Hidden: a wait already over, so that `resume()` asks at once.
    if (this.#hidden) this.#set('waiting');
    else void this.#ask();
  }

  /** Stops for good (until `start()`): no timer left, the ask under way aborted and ignored. */
  stop(): void {
    this.#cancel();
    this.#set('stopped');
  }

  /** The tab is hidden: no ask until `resume()`, and the budget stands still. */
  pause(): void {
    if (this.#hidden) return;
    this.#spent = this.spent;
    this.#hidden = true;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The tab is shown again: asks at once if the wait has ended meanwhile, else waits out the rest of it. */
  resume(): void {
    if (!this.#hidden) return;
    this.#hidden = false;
    this.#shownSince = this.#clock.now();
    if (this.#state === 'waiting') this.#wait();
  }

  #set(state: PollerState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState?.(state);
  }

  #cancel(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  /** Times what is left of the current wait, or asks now when nothing is. */
  #wait(): void {
    const left = this.#due - this.#clock.now();
    if (left > 0) this.#timer = this.#clock.setTimeout(() => void this.#ask(), left);
    else void this.#ask();
  }

  async #ask(): Promise<void> {
    this.#timer = undefined;
    const controller = new AbortController();
    this.#controller = controller;
    this.#set('asking');
    let final = false;
    try {
      final = await this.#options.ask(controller.signal);
    } catch {
      // Asked again after the next wait, like a pending answer.
    }
    // Stopped or started over meanwhile: this answer is no longer anyone's.
    if (this.#controller !== controller) return;
    this.#controller = undefined;
    if (final) {
      this.#set('done');
      return;
    }
    const clock = this.#clock;
    const delay = (this.#options.delay ?? pollDelay)(this.#attempt++, () => clock.random?.() ?? Math.random());
    if (this.spent + delay > (this.#options.pollFor ?? POLL_FOR_MS)) {
      this.#set('exhausted');
      return;
    }
    this.#due = clock.now() + delay;
    this.#set('waiting');
    if (!this.#hidden) this.#wait();
  }
}
