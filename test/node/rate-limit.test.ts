/**
 * The rate limiter and its default memory store, on a test clock: windows that open, count
 * and end; expired windows dropped from the front of the Map, so a request costs the same
 * with one client tracked or a hundred thousand; and the `rateLimit.store` option through
 * the handler, a store that fails included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../src/messages/index.js';
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from '../../src/server/http/rate-limit.js';
import { StoreUnavailableError } from '../../src/server/http/store-unavailable.js';
import { elementBody, readJson, startBackend, testClock, type ErrorJson } from './support.js';

const request = () => new Request('http://127.0.0.1/pay', { method: 'POST' });

describe('MemoryRateLimitStore', () => {
  it('counts a key’s hits in its window, says how long the window has left, and opens a new one after', async () => {
    const clock = testClock();
    const store = new MemoryRateLimitStore({ now: clock.now });
    assert.deepEqual(await store.hit('a', 60_000), { count: 1, resetInMs: 60_000 });
    clock.time += 20_000;
    assert.deepEqual(await store.hit('a', 60_000), { count: 2, resetInMs: 40_000 });
    assert.deepEqual(await store.hit('b', 60_000), { count: 1, resetInMs: 60_000 }, 'one window per key');
    clock.time += 40_000;
    assert.deepEqual(await store.hit('a', 60_000), { count: 1, resetInMs: 60_000 }, 'the window ended at 60 s');
  });

  it('drops expired windows from the front as time passes: 100 000 clients, one window later, one left', async () => {
    const clock = testClock();
    const store = new MemoryRateLimitStore({ now: clock.now });
    for (let i = 0; i < 100_000; i++) {
      await store.hit(`10.0.${i >> 8}.${i & 255}`, 60_000);
      if (i % 1000 === 999) clock.time += 1;
    }
    assert.equal(store.size, 100_000);
    clock.time += 60_000;
    await store.hit('new', 60_000);
    assert.equal(store.size, 1, 'every expired window was dropped, none is scanned again');
  });

  it('drops only what has expired: windows still open keep their counts', async () => {
    const clock = testClock();
    const store = new MemoryRateLimitStore({ now: clock.now });
    await store.hit('early', 60_000);
    clock.time += 30_000;
    await store.hit('late', 60_000);
    await store.hit('late', 60_000);
    clock.time += 30_000;
    assert.equal((await store.hit('other', 60_000)).count, 1);
    assert.equal(store.size, 2, 'early’s window ended and was dropped');
    assert.deepEqual(await store.hit('late', 60_000), { count: 3, resetInMs: 30_000 });
  });

  it('is bounded: with rotating addresses beyond maxKeys, the oldest open window is forgotten, one per new client', async () => {
    const clock = testClock();
    const store = new MemoryRateLimitStore({ now: clock.now, maxKeys: 100 });
    for (let i = 0; i < 250; i++) await store.hit(`client-${i}`, 60_000);
    assert.equal(store.size, 100);
    assert.equal((await store.hit('client-249', 60_000)).count, 2, 'the newest windows are kept');
    assert.equal((await store.hit('client-0', 60_000)).count, 1, 'the oldest was forgotten');
  });

  it('windows of other lengths in one store: each is still ended on time', async () => {
    const clock = testClock();
    const store = new MemoryRateLimitStore({ now: clock.now });
    await store.hit('long', 60_000);
    await store.hit('short', 1_000);
    clock.time += 1_000;
    assert.equal((await store.hit('short', 1_000)).count, 1);
    assert.equal((await store.hit('long', 60_000)).count, 2);
  });
});

describe('RateLimiter', () => {
  it('over budget: the seconds until the window ends, rounded up, at least 1; within it: 0', async () => {
    const clock = testClock();
    const limiter = new RateLimiter({ max: 2, windowMs: 10_000, key: () => 'k' }, clock);
    assert.equal(await limiter.hit(request(), {}), 0);
    assert.equal(await limiter.hit(request(), {}), 0);
    assert.equal(await limiter.hit(request(), {}), 10);
    clock.time += 8_500;
    assert.equal(await limiter.hit(request(), {}), 2);
    clock.time += 1_499;
    assert.equal(await limiter.hit(request(), {}), 1, 'a millisecond left is a second to wait');
    clock.time += 1;
    assert.equal(await limiter.hit(request(), {}), 0);
  });

  it('counts per client address by default, one budget for all without one', async () => {
    const limiter = new RateLimiter({ max: 1 }, testClock());
    assert.equal(await limiter.hit(request(), { clientAddress: '10.0.0.1' }), 0);
    assert.equal(await limiter.hit(request(), { clientAddress: '10.0.0.2' }), 0);
    assert.equal(await limiter.hit(request(), {}), 0);
    assert.ok((await limiter.hit(request(), {})) > 0);
  });

  it('gives its store the key and the window; a store that throws is a StoreUnavailableError', async () => {
    const seen: [string, number][] = [];
    const store: RateLimitStore = {
      hit: (key, windowMs) => (seen.push([key, windowMs]), Promise.resolve({ count: 1, resetInMs: windowMs })),
    };
    await new RateLimiter({ max: 1, windowMs: 5_000, key: () => 'who', store }).hit(request(), {});
    assert.deepEqual(seen, [['who', 5_000]]);

    const down = new Error('ECONNREFUSED');
    const failing = new RateLimiter({ max: 1, store: { hit: () => Promise.reject(down) } });
    await assert.rejects(failing.hit(request(), {}), (error) => {
      assert.ok(error instanceof StoreUnavailableError);
      assert.equal(error.cause, down);
      return true;
    });
  });

  it('refuses a window that is not a positive number of ms', () => {
    for (const windowMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new RateLimiter({ max: 1, windowMs }), /windowMs/);
    }
  });
});

describe('rateLimit.store through the handler', () => {
  it('a store of one’s own decides: over budget is a 429 with Retry-After and the contract’s error body', async () => {
    const counts = new Map<string, number>();
    const store: RateLimitStore = {
      hit: (key) => {
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return Promise.resolve({ count: counts.get(key)!, resetInMs: 4_200 });
      },
    };
    const backend = await startBackend({ rateLimit: { max: 1, store } });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      const over = await backend.post(elementBody());
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('Retry-After'), '5');
      assert.deepEqual(await readJson<ErrorJson>(over), {
        error: { code: 'rate_limited', message: en.tooManyRequests },
      });
      assert.deepEqual([...counts.keys()], ['127.0.0.1'], 'counted against the client address');
      assert.equal(backend.sandbox.calls.create, 1);
    } finally {
      await backend.close();
    }
  });

  it('a store that fails: 503 store_unavailable, fail closed, nothing created, the error in onError', async () => {
    const down = new Error('connect ECONNREFUSED 10.0.0.5:6379');
    const backend = await startBackend({ rateLimit: { max: 100, store: { hit: () => Promise.reject(down) } } });
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'k' });
      assert.equal(response.status, 503);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), { error: { code: 'store_unavailable', message: en.storeUnavailable } });
      assert.doesNotMatch(text, /ECONNREFUSED/);
      assert.deepEqual(backend.errors, [down]);
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });
});
