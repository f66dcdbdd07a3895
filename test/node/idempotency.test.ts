/**
 * One submission, one payment link: the same Idempotency-Key gets the same `{ url, id }`,
 * however often and however simultaneously it is sent. Upstream calls are counted at the
 * sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../../src/server/index.js';
import { IdempotentRunner } from '../../src/server/idempotency/runner.js';
import { elementBody, readJson, startBackend, testClock, type Backend, type ErrorJson } from './support.js';

describe('idempotency through the handler', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  after(() => backend.close());

  it('the same key again: the same { url, id }, marked as a replay, no second upstream call', async () => {
    const first = await backend.post(elementBody(), { 'Idempotency-Key': 'again' });
    const creates = backend.sandbox.calls.create;
    const second = await backend.post(elementBody(), { 'Idempotency-Key': 'again' });
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), await first.json());
    assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(backend.sandbox.calls.create, creates);
  });

  it('20 concurrent requests with one key: one upstream call, one link for all', async (t) => {
    backend.sandbox.faults.latency = 200;
    const creates = backend.sandbox.calls.create;
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => backend.post(elementBody(), { 'Idempotency-Key': 'double-click' })),
      );
      const bodies = await Promise.all(responses.map((response) => readJson<{ id: string }>(response)));
      assert.deepEqual(
        responses.map((response) => response.status),
        Array<number>(20).fill(200),
      );
      assert.equal(new Set(bodies.map((body) => body.id)).size, 1);
      const upstream = backend.sandbox.calls.create - creates;
      assert.equal(upstream, 1);
      t.diagnostic(`counted at the sandbox: 20 concurrent same-key requests -> ${upstream} create call`);
    } finally {
      backend.sandbox.faults.reset();
    }
  });

  it('different keys, or no key: a link each', async () => {
    const creates = backend.sandbox.calls.create;
    const ids = new Set<string>();
    const variants: Record<string, string>[] = [{ 'Idempotency-Key': 'a' }, { 'Idempotency-Key': 'b' }, {}, {}];
    for (const headers of variants) {
      ids.add((await readJson<{ id: string }>(await backend.post(elementBody(), headers))).id);
    }
    assert.equal(ids.size, 4);
    assert.equal(backend.sandbox.calls.create - creates, 4);
  });

  it('the same key with other data: 422, nothing created', async () => {
    await backend.post(elementBody(), { 'Idempotency-Key': 'reused' });
    const creates = backend.sandbox.calls.create;
    const response = await backend.post(elementBody({ amount: 2000 }), { 'Idempotency-Key': 'reused' });
    assert.equal(response.status, 422);
    assert.equal((await readJson<ErrorJson>(response)).error.code, 'idempotency_key_reused');
    assert.equal(backend.sandbox.calls.create, creates);
  });

  it('the same data in another form (a phone number written differently) is the same submission', async () => {
    const first = await readJson<{ id: string }>(
      await backend.post(elementBody({ phoneNumber: '0712 345 678' }), { 'Idempotency-Key': 'phone' }),
    );
    const second = await readJson<{ id: string }>(
      await backend.post(elementBody({ phoneNumber: '+254712345678' }), { 'Idempotency-Key': 'phone' }),
    );
    assert.equal(second.id, first.id);
  });
});

describe('idempotency: lifetime and shared stores', () => {
  it('a key is remembered for 24 hours by default, then forgotten', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock });
    const post = async () =>
      (await readJson<{ id: string }>(await backend.post(elementBody(), { 'Idempotency-Key': 'ttl' }))).id;
    try {
      const first = await post();
      clock.time += 24 * 60 * 60 * 1000 - 1;
      assert.equal(await post(), first);
      clock.time += 1;
      assert.notEqual(await post(), first);
      assert.equal(backend.sandbox.calls.create, 2);
    } finally {
      await backend.close();
    }
  });

  it('idempotencyTtl sets how long', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock, idempotencyTtl: 1000 });
    try {
      await backend.post(elementBody(), { 'Idempotency-Key': 'short' });
      clock.time += 1000;
      await backend.post(elementBody(), { 'Idempotency-Key': 'short' });
      assert.equal(backend.sandbox.calls.create, 2);
    } finally {
      await backend.close();
    }
  });

  it('two handlers (two processes) sharing a store: the second waits for the first, one upstream call', async () => {
    const store = new MemoryIdempotencyStore();
    const one = await startBackend({ store });
    // The second process talks to the same sandbox, through its own client and handler.
    const two = await startBackend({ store }, { baseUrl: one.sandbox.url });
    one.sandbox.faults.latency = 400;
    try {
      const [a, b] = await Promise.all([
        one.post(elementBody(), { 'Idempotency-Key': 'shared' }),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
          two.post(elementBody(), { 'Idempotency-Key': 'shared' }),
        ),
      ]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.deepEqual(await b.json(), await a.json());
      assert.equal(b.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(one.sandbox.calls.create, 1);
      assert.equal(two.sandbox.calls.create, 0);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('idempotency: the wait for another process ends at the request’s deadline', () => {
  /** A store in which another process holds every key, and never finishes. */
  const underWay: IdempotencyStore = {
    claim: (_key, fingerprint) => Promise.resolve({ fingerprint }),
    complete: () => Promise.reject(new Error('not claimed here')),
    release: () => Promise.reject(new Error('not claimed here')),
  };

  it('a deadline of 3 s: the 503 idempotency_in_progress comes at 3 s of the clock, not after the 10 s wait', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock, store: underWay, deadline: 3_000 });
    const start = clock.time;
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'held-elsewhere' });
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('Retry-After'), '1');
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'idempotency_in_progress');
      assert.equal(clock.time - start, 3_000, 'it looked until the deadline and no poll past it');
      assert.ok(clock.sleeps >= 2, 'it looked again while waiting');
      assert.equal(backend.sandbox.calls.create, 0);
      assert.deepEqual(backend.errors, []);
    } finally {
      await backend.close();
    }
  });

  it('the runner: busy at answerBy when it comes before waitMs, at waitMs when that comes first', async () => {
    const clock = testClock();
    const runner = new IdempotentRunner(underWay, { ttlMs: 60_000, waitMs: 10_000, pollMs: 250, clock });
    const never = () => Promise.reject(new Error('nothing is created for a key held elsewhere'));
    let start = clock.time;
    assert.deepEqual(await runner.run('k', 'f', never, undefined, start + 1_100), { kind: 'busy' });
    assert.equal(clock.time - start, 1_100, 'the last poll shortened to end at the deadline');
    start = clock.time;
    assert.deepEqual(await runner.run('k', 'f', never, undefined, start + 60_000), { kind: 'busy' });
    assert.equal(clock.time - start, 10_000);
    start = clock.time;
    assert.deepEqual(await runner.run('k', 'f', never), { kind: 'busy' }, 'no answerBy: waitMs alone');
    assert.equal(clock.time - start, 10_000);
    start = clock.time;
    assert.deepEqual(await runner.run('k', 'f', never, undefined, start), { kind: 'busy' }, 'no time left: one look');
    assert.equal(clock.time - start, 0);
  });
});

describe('idempotency: a refusal in a shared store', () => {
  it('another process with the same key gets the remembered error answer, without calling Almara', async () => {
    const store = new MemoryIdempotencyStore();
    const one = await startBackend({ store });
    const two = await startBackend({ store }, { baseUrl: one.sandbox.url });
    one.sandbox.faults.failNext(2, 400, 'create');
    try {
      const first = await one.post(elementBody(), { 'Idempotency-Key': 'shared-refusal' });
      const second = await two.post(elementBody(), { 'Idempotency-Key': 'shared-refusal' });
      assert.equal(first.status, 502);
      assert.equal(second.status, 502);
      assert.deepEqual(await second.json(), await first.json());
      assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(one.sandbox.calls.create, 1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('MemoryIdempotencyStore', () => {
  it('claims a free key once; gives the record to later claims; forgets a released key', async () => {
    const store = new MemoryIdempotencyStore();
    assert.equal(await store.claim('k', 'f', 1000), undefined);
    assert.deepEqual(await store.claim('k', 'f', 1000), { fingerprint: 'f' });
    await store.complete('k', { fingerprint: 'f', link: { url: 'https://pay.example/1', id: '1' } }, 1000);
    assert.deepEqual(await store.claim('k', 'other', 1000), {
      fingerprint: 'f',
      link: { url: 'https://pay.example/1', id: '1' },
    });
    await store.release('k');
    assert.equal(await store.claim('k', 'f', 1000), undefined);
  });

  it('keeps an error answer in place of a link, for its own ttl', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ now: () => now });
    const failure = { status: 504, code: 'upstream_timeout', message: 'Too slow.' };
    assert.equal(await store.claim('k', 'f', 120_000), undefined);
    await store.complete('k', { fingerprint: 'f', failure }, 60_000);
    now = 59_999;
    assert.deepEqual(await store.claim('k', 'f', 120_000), { fingerprint: 'f', failure });
    now = 60_000;
    assert.equal(await store.claim('k', 'f', 120_000), undefined, 'free again after the hold');
  });

  it('is bounded: past maxEntries the oldest keys go first', async () => {
    const store = new MemoryIdempotencyStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await store.claim(key, key, 60_000);
    assert.equal(store.size, 3);
    assert.equal(await store.claim('a', 'new', 60_000), undefined, 'a was evicted');
    assert.deepEqual(await store.claim('e', 'e', 60_000), { fingerprint: 'e' }, 'e is still there');
  });

  it('entries expire on the clock', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ now: () => now });
    await store.claim('k', 'f', 1000);
    now = 999;
    assert.deepEqual(await store.claim('k', 'f', 1000), { fingerprint: 'f' });
    now = 1000;
    assert.equal(await store.claim('k', 'f', 1000), undefined);
  });
});
