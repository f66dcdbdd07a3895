/**
 * One payer's click must not become three payment links. The element retries a 502/503/504
 * twice with the same Idempotency-Key (contract §3); what the handler remembers of a failed
 * creation decides how many times Almara is asked. Creates are counted at the sandbox.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { AlmaraApiError, createPaymentLinkHandler } from '../../src/server/index.js';
import { elementBody, startBackend, type Backend } from './support.js';

/** What the payer's browser gets back: status and body, and whether it was a replay. */
async function answer(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
  };
}

/** The element's submission: the first try and its two retries, all with one key. */
async function submitWithRetries(backend: Backend, key: string, tries = 3) {
  const answers = [];
  for (let i = 0; i < tries; i++) {
    answers.push(await answer(await backend.post(elementBody(), { 'Idempotency-Key': key })));
  }
  return answers;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('idempotency: Almara refuses the body', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  afterEach(() => {
    backend.sandbox.faults.reset();
    backend.errors.length = 0;
  });
  after(() => backend.close());

  it('a 4xx from Almara: 3 tries with one key -> 1 upstream create, 3 identical answers', async (t) => {
    // Queued for all three, so that each try that reached Almara would be refused too.
    backend.sandbox.faults.failNext(3, 400, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submitWithRetries(backend, 'refused-body');
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 1);
    assert.deepEqual(
      answers.map((a) => [a.status, a.body]),
      Array(3).fill([502, { error: { code: 'upstream_error', message: 'Something went wrong. Please try again.' } }]),
    );
    assert.deepEqual(
      answers.map((a) => a.replayed),
      [false, true, true],
    );
    assert.equal(backend.errors.length, 1, 'reported once, when it happened');
    t.diagnostic(`counted at the sandbox: refused body, 3 tries with one key -> ${upstream} create call`);
  });

  it('the refusal is remembered like a link: later tries by hand get it too, other keys go upstream', async () => {
    backend.sandbox.faults.failNext(1, 422, 'create');
    const creates = backend.sandbox.calls.create;
    await submitWithRetries(backend, 'refused-for-good', 1);
    await sleep(50);
    const later = await submitWithRetries(backend, 'refused-for-good', 1);
    assert.equal(later[0]?.status, 502);
    assert.equal(backend.sandbox.calls.create - creates, 1);
    // The same data with a new key (the payer changed something and back) is a new submission.
    const fresh = await submitWithRetries(backend, 'a-new-key', 1);
    assert.equal(fresh[0]?.status, 200);
  });

  it('a 429 or 401 from Almara is no refusal of the body: the key is freed, the retry succeeds', async () => {
    for (const status of [429, 401]) {
      // A 401 on create is retried once by the client with a new token: two 401s reach the handler.
      backend.sandbox.faults.failNext(status === 401 ? 2 : 1, status, 'create');
      const creates = backend.sandbox.calls.create;
      const answers = await submitWithRetries(backend, `transient-${status}`, 2);
      assert.deepEqual(
        answers.map((a) => a.status),
        [502, 200],
        `after ${status}`,
      );
      assert.equal(backend.sandbox.calls.create - creates, status === 401 ? 3 : 2);
    }
  });
});

describe('idempotency: Almara fails or cannot be reached', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  afterEach(() => backend.sandbox.faults.reset());
  after(() => backend.close());

  it('a 503 from Almara, then OK: the retry with the same key succeeds, 2 upstream creates in all', async (t) => {
    backend.sandbox.faults.failNext(1, 503, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submitWithRetries(backend, 'busy-then-ok', 3);
    assert.deepEqual(
      answers.map((a) => a.status),
      [502, 200, 200],
    );
    assert.equal(answers[2]?.replayed, true, 'the third try gets the link the second made');
    assert.deepEqual(answers[2]?.body, answers[1]?.body);
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 2);
    t.diagnostic(`counted at the sandbox: 503 then OK, 3 tries with one key -> ${upstream} create calls`);
  });

  it('a failed token request made no link: the retry with the same key goes on to create it', async () => {
    backend.sandbox.faults.expireTokens();
    // The create's 401 makes the client ask for a new token, which fails.
    backend.sandbox.faults.failNext(1, 503, 'token');
    const creates = backend.sandbox.calls.create;
    const answers = await submitWithRetries(backend, 'token-down', 2);
    assert.deepEqual(
      answers.map((a) => a.status),
      [502, 200],
    );
    assert.equal(backend.sandbox.calls.create - creates, 2, 'the refused create and the successful one');
  });
});

describe('idempotency: Almara does not answer in time (it may have made the link)', () => {
  const HOLD = 800;
  let backend: Backend;
  before(async () => {
    backend = await startBackend({ idempotencyHold: HOLD }, { timeout: 150 });
    // A token first: the hold is about the create call, not a slow token request.
    assert.equal((await backend.post(elementBody())).status, 200);
  });
  afterEach(() => backend.sandbox.faults.reset());
  after(() => backend.close());

  it('3 tries with one key within the hold -> 1 upstream create, the same 504 for each', async (t) => {
    backend.sandbox.faults.latency = 1000;
    const creates = backend.sandbox.calls.create;
    const started = Date.now();
    const answers = await submitWithRetries(backend, 'slow-upstream');
    assert.ok(Date.now() - started < HOLD, 'all three within the hold');
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 1);
    assert.deepEqual(
      answers.map((a) => [a.status, a.body]),
      Array(3).fill([
        504,
        { error: { code: 'upstream_timeout', message: 'The server took too long. Please try again.' } },
      ]),
    );
    assert.deepEqual(
      answers.map((a) => a.replayed),
      [false, true, true],
    );
    t.diagnostic(`counted at the sandbox: upstream timeout, 3 tries within the hold -> ${upstream} create call`);
  });

  it('after the hold, a new try with the same key goes upstream again (and here succeeds)', async (t) => {
    backend.sandbox.faults.latency = 1000;
    const creates = backend.sandbox.calls.create;
    const [first] = await submitWithRetries(backend, 'slow-then-fine', 1);
    assert.equal(first?.status, 504);
    backend.sandbox.faults.latency = 0;
    const [held] = await submitWithRetries(backend, 'slow-then-fine', 1);
    assert.equal(held?.status, 504, 'still held');
    assert.equal(backend.sandbox.calls.create - creates, 1);

    await sleep(HOLD + 100);
    const [later] = await submitWithRetries(backend, 'slow-then-fine', 1);
    assert.equal(later?.status, 200);
    assert.equal(later.replayed, false, 'a new creation');
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 2);
    t.diagnostic(`counted at the sandbox: timeout, then a try after the hold -> ${upstream} create calls in all`);
  });

  it('a 2xx Almara answered that cannot be used is held the same way (the link may exist)', async () => {
    backend.sandbox.faults.malformedNext(3, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submitWithRetries(backend, 'garbage-2xx');
    assert.deepEqual(
      answers.map((a) => a.status),
      [502, 502, 502],
    );
    assert.equal(backend.sandbox.calls.create - creates, 1);
  });
});

describe('idempotency: the hold option', () => {
  it('idempotencyHold: 0 frees the key at once after a timeout', async () => {
    const backend = await startBackend({ idempotencyHold: 0 }, { timeout: 150 });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      backend.sandbox.faults.latency = 1000;
      const creates = backend.sandbox.calls.create;
      const answers = await submitWithRetries(backend, 'no-hold', 2);
      assert.deepEqual(
        answers.map((a) => a.status),
        [504, 504],
      );
      assert.equal(backend.sandbox.calls.create - creates, 2);
      assert.ok(backend.errors.every((error) => error instanceof AlmaraApiError && error.kind === 'timeout'));
    } finally {
      await backend.close();
    }
  });

  it('refuses a hold that is no duration', () => {
    const client = { createPaymentLink: () => Promise.reject(new Error('not called')) };
    for (const idempotencyHold of [-1, Number.NaN]) {
      assert.throws(
        () => createPaymentLinkHandler({ client, shortCode: '600100', idempotencyHold }),
        /idempotencyHold/,
      );
    }
  });
});
