import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_DELAY_MS,
  MIN_DELAY_MS,
  pollDelay,
  Poller,
  POLL_FOR_MS,
  type PollerOptions,
  type PollerState,
} from '../../src/status/polling.js';
import type { Clock } from '../../src/submit.js';

const half = () => 0.5;

describe('the wait between asks', () => {
  it('is 2 s first, then grows by half each time up to 15 s (no jitter at random 0.5)', () => {
    const waits = Array.from({ length: 8 }, (_, attempt) => pollDelay(attempt, half));
    assert.deepEqual(waits, [2000, 3000, 4500, 6750, 10125, 15000, 15000, 15000]);
  });

  it('is spread ±20 % by random, and never past 15 s at the cap', () => {
    assert.equal(
      pollDelay(0, () => 0),
      1600,
    );
    assert.equal(
      pollDelay(0, () => 0.999999),
      2400,
    );
    assert.equal(
      pollDelay(1, () => 0),
      2400,
    );
    assert.equal(
      pollDelay(20, () => 0),
      12000,
    );
    assert.equal(
      pollDelay(20, () => 0.999999),
      MAX_DELAY_MS,
    );
  });

  it('stays within 1.5 s and 15 s, and never shrinks from one attempt to the next', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const wait = pollDelay(attempt, () => r);
        return wait >= MIN_DELAY_MS && wait <= MAX_DELAY_MS && pollDelay(attempt + 1, () => r) >= wait;
      }),
    );
  });

  it('stays within its bounds for an attempt or a random out of range', () => {
    for (const attempt of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e9]) {
      for (const r of [-1, 2, Number.NaN, 0.5]) {
        const wait = pollDelay(attempt, () => r);
        assert.ok(wait >= MIN_DELAY_MS && wait <= MAX_DELAY_MS, `${attempt}, ${r}: ${wait}`);
      }
    }
  });
});

/** A clock whose time passes only in `advance`, running the timers due on the way in order. */
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(nextId, { at: now + ms, callback });
      return nextId++;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    random: half,
  };
  // Lets the poller's awaits (the ask's answer) run before time moves on.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  async function advance(ms: number): Promise<void> {
    const end = now + ms;
    for (;;) {
      await settle();
      const [due] = [...timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at);
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
    await settle();
  }
  return { clock, timers, advance, settle, now: () => now };
}

/**
 * A poller on a fake clock whose `ask` answers "final" when `answers` says so (else "not
 * final"), noting when it was asked and each state.
 */
function setUp(options: Partial<PollerOptions> & { answers?: boolean[] } = {}) {
  const time = fakeClock();
  const asked: number[] = [];
  const states: PollerState[] = [];
  const signals: AbortSignal[] = [];
  const { answers = [], ...rest } = options;
  const poller = new Poller({
    ask: async (signal) => {
      signals.push(signal);
      asked.push(time.now());
      return answers[asked.length - 1] ?? false;
    },
    clock: time.clock,
    onState: (state) => states.push(state),
    ...rest,
  });
  return { ...time, poller, asked, states, signals };
}

describe('the poller', () => {
  it('asks at once, then after each wait, and stops when the answer is final', async () => {
    const { poller, asked, states, timers, advance } = setUp({ answers: [false, false, true] });
    poller.start();
    await advance(60_000);
    assert.deepEqual(asked, [0, 2000, 5000]);
    assert.equal(poller.state, 'done');
    assert.equal(timers.size, 0);
    assert.deepEqual(states, ['asking', 'waiting', 'asking', 'waiting', 'asking', 'done']);
  });

  it('asks no more once the next wait would end past pollFor: exhausted, with no timer left', async () => {
    const { poller, asked, timers, advance } = setUp({ pollFor: 20_000 });
    poller.start();
    await advance(20_000);
    // 0, +2 s, +3 s, +4.5 s, +6.75 s; the next (+10.125 s, at 26.375 s) would be past 20 s.
    assert.deepEqual(asked, [0, 2000, 5000, 9500, 16250]);
    assert.equal(poller.state, 'exhausted');
    assert.equal(timers.size, 0);
    await advance(600_000);
    assert.equal(asked.length, 5);
  });

  it('asks 12 times in the default two minutes, the last within them', async () => {
    const { poller, asked, advance } = setUp();
    poller.start();
    await advance(10 * 60_000);
    assert.equal(poller.state, 'exhausted');
    // 0, 2, 5, 9.5, 16.25, 26.375 s, then every 15 s to 116.375 s.
    assert.equal(asked.length, 12);
    assert.ok(asked.at(-1)! <= POLL_FOR_MS);
  });

  it('starts over after exhausted ("Check again"): asks at once, with the whole budget and the first wait', async () => {
    const { poller, asked, advance, now } = setUp({ pollFor: 5000 });
    poller.start();
    await advance(60_000);
    assert.equal(poller.state, 'exhausted');
    assert.deepEqual(asked, [0, 2000, 5000]);
    asked.length = 0;
    const at = now();
    poller.start();
    await advance(60_000);
    assert.deepEqual(asked, [at, at + 2000, at + 5000]);
    assert.equal(poller.state, 'exhausted');
  });

  it('asks nothing while hidden, and at once on resume when the wait has passed meanwhile', async () => {
    const { poller, asked, timers, advance } = setUp();
    poller.start();
    await advance(1000);
    poller.pause();
    assert.equal(timers.size, 0);
    await advance(60_000);
    assert.deepEqual(asked, [0]);
    poller.resume();
    await advance(0);
    assert.deepEqual(asked, [0, 61_000]);
    // Then the schedule goes on from where it was: the second wait.
    await advance(3000);
    assert.deepEqual(asked, [0, 61_000, 64_000]);
  });

  it('waits out the rest of the wait on resume when it has not passed', async () => {
    const { poller, asked, advance } = setUp();
    poller.start();
    await advance(500);
    poller.pause();
    await advance(1000);
    poller.resume();
    await advance(499);
    assert.deepEqual(asked, [0]);
    await advance(1);
    assert.deepEqual(asked, [0, 2000]);
  });

  it('counts only visible time against pollFor', async () => {
    const { poller, asked, advance } = setUp({ pollFor: 10_000 });
    poller.start();
    await advance(1000);
    poller.pause();
    await advance(3_600_000);
    assert.equal(poller.spent, 1000);
    poller.resume();
    await advance(60_000);
    const back = 3_601_000;
    // Asked on return, then +3 s; the next wait (4.5 s) would end at 1 + 0 + 3 + 4.5 = 8.5 s
    // of visible time, within 10 s; the one after (6.75 s) past it.
    assert.deepEqual(asked, [0, back, back + 3000, back + 7500]);
    assert.equal(poller.state, 'exhausted');
  });

  it('lets an ask under way when the tab hides finish, and asks again only once shown', async () => {
    let answer: (final: boolean) => void = () => {};
    const time = fakeClock();
    const asked: number[] = [];
    const poller = new Poller({
      ask: () => {
        asked.push(time.now());
        return new Promise((resolve) => (answer = resolve));
      },
      clock: time.clock,
    });
    poller.start();
    poller.pause();
    answer(false);
    await time.advance(60_000);
    assert.equal(poller.state, 'waiting');
    assert.equal(time.timers.size, 0);
    assert.deepEqual(asked, [0]);
    poller.resume();
    await time.advance(0);
    assert.deepEqual(asked, [0, 60_000]);
  });

  it('started while hidden, asks first when shown', async () => {
    const { poller, asked, advance } = setUp();
    poller.pause();
    poller.start();
    await advance(30_000);
    assert.deepEqual(asked, []);
    assert.equal(poller.state, 'waiting');
    poller.resume();
    await advance(0);
    assert.deepEqual(asked, [30_000]);
  });

  it('stop cancels the wait and the ask under way, whose answer is then ignored', async () => {
    let answer: (final: boolean) => void = () => {};
    const time = fakeClock();
    const signals: AbortSignal[] = [];
    const states: PollerState[] = [];
    const poller = new Poller({
      ask: (signal) => {
        signals.push(signal);
        return new Promise((resolve) => (answer = resolve));
      },
      clock: time.clock,
      onState: (state) => states.push(state),
    });
    poller.start();
    poller.stop();
    assert.equal(signals[0]!.aborted, true);
    answer(true);
    await time.advance(60_000);
    assert.equal(poller.state, 'stopped');
    assert.deepEqual(states, ['asking', 'stopped']);
    assert.equal(time.timers.size, 0);
    assert.equal(signals.length, 1);
  });

  it('stop during a wait leaves no timer and asks no more', async () => {
    const { poller, asked, timers, advance } = setUp();
    poller.start();
    await advance(1000);
    assert.equal(timers.size, 1);
    poller.stop();
    assert.equal(timers.size, 0);
    await advance(60_000);
    assert.deepEqual(asked, [0]);
  });

  it('asks again after a failed ask, as after a pending answer', async () => {
    const time = fakeClock();
    const asked: number[] = [];
    const poller = new Poller({
      ask: async () => {
        asked.push(time.now());
        if (asked.length === 1) throw new TypeError('Failed to fetch');
        return true;
      },
      clock: time.clock,
    });
    poller.start();
    await time.advance(60_000);
    assert.deepEqual(asked, [0, 2000]);
    assert.equal(poller.state, 'done');
  });

  it('start while running drops the ask under way and starts over', async () => {
    const { poller, asked, signals, advance } = setUp();
    poller.start();
    await advance(1000);
    poller.start();
    await advance(2000);
    assert.deepEqual(asked, [0, 1000, 3000]);
    assert.equal(signals.filter((signal) => signal.aborted).length, 0);
    poller.stop();
  });
});
