/**
 * When Almara fails, the payer gets a clean, stable error, the merchant's logs get the
 * rest, and a retry calls Almara again only when the failure made nothing there. Faults
 * are injected at the sandbox, creates counted there. (failures.test.ts has the table of
 * every failure -> answer -> what the key keeps, and one trip per thing a key keeps.)
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { defaultAlmaraApi } from '../../src/server/almara/assumptions.js';
import { AlmaraApiError, createPaymentLinkHandler } from '../../src/server/index.js';
import { elementBody, readJson, startBackend, testClock, type Backend, type ErrorJson } from './support.js';

/** Nothing from upstream may show: not its codes, messages, bodies, nor a token. */
function assertNothingLeaks(text: string): void {
  assert.doesNotMatch(text, /sandbox_fault|injected|sbx_|Bearer|pl_broken|clientSecret|sandbox-secret|HTTP \d/);
}

/** The statuses of the element's submission: the first try and its retries, all with one key. */
async function statuses(backend: Backend, key: string, tries: number): Promise<number[]> {
  const answers = [];
  for (let i = 0; i < tries; i++) {
    answers.push((await backend.post(elementBody(), { 'Idempotency-Key': key })).status);
  }
  return answers;
}

describe('upstream failures: what the payer sees, what the logs get', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({}, { timeout: 150 })));
  afterEach(() => {
    backend.sandbox.faults.reset();
    backend.errors.length = 0;
  });
  after(() => backend.close());

  it('Almara answers 500: 502 upstream_error, worded for the payer; the log has the status', async () => {
    backend.sandbox.faults.failNext(1, 500, 'create');
    const response = await backend.post(elementBody());
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), {
      error: { code: 'upstream_error', message: 'Something went wrong. Please try again.' },
    });
    assertNothingLeaks(text);
    const logged = backend.errors[0];
    assert.ok(logged instanceof AlmaraApiError && logged.status === 500, 'the merchant’s log has the status');
  });

  it('Almara is too slow: 504 at the client timeout, not after the upstream', async () => {
    backend.sandbox.faults.latency = 1000;
    const started = Date.now();
    const response = await backend.post(elementBody());
    assert.equal(response.status, 504);
    assert.ok(Date.now() - started < 900, 'answered at the client timeout');
    assertNothingLeaks(await response.text());
  });

  it('Almara answers garbage with a 2xx: 502, nothing of it shown, held for the retries (the link may exist)', async () => {
    backend.sandbox.faults.malformedNext(3, 'create');
    const creates = backend.sandbox.calls.create;
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await backend.post(elementBody(), { 'Idempotency-Key': 'garbage' }));
    assert.deepEqual(
      responses.map((response) => response.status),
      [502, 502, 502],
    );
    const text = await responses[0]!.text();
    assert.equal((JSON.parse(text) as ErrorJson).error.code, 'upstream_invalid_response');
    assertNothingLeaks(text);
    assert.equal(backend.sandbox.calls.create - creates, 1);
  });

  it('the token request fails: 502, the key is freed, and the retry gets a token and the link', async () => {
    backend.sandbox.faults.expireTokens();
    // The create call's 401 leads to one refresh, which fails: the link was never asked for.
    backend.sandbox.faults.failNext(1, 503, 'token');
    const creates = backend.sandbox.calls.create;
    const failed = await backend.post(elementBody(), { 'Idempotency-Key': 'token-down' });
    assert.equal(failed.status, 502);
    assertNothingLeaks(await failed.text());
    assert.equal((await backend.post(elementBody(), { 'Idempotency-Key': 'token-down' })).status, 200);
    assert.equal(backend.sandbox.calls.create - creates, 2, 'the refused create and the successful one');
  });

  it('a 429 or 401 from Almara is no refusal of the body: the key is freed, the retry succeeds', async () => {
    for (const status of [429, 401]) {
      // A 401 on create is retried once by the client with a new token: two 401s reach the handler.
      backend.sandbox.faults.failNext(status === 401 ? 2 : 1, status, 'create');
      const creates = backend.sandbox.calls.create;
      assert.deepEqual(await statuses(backend, `transient-${status}`, 2), [502, 200], `after ${status}`);
      assert.equal(backend.sandbox.calls.create - creates, status === 401 ? 3 : 2);
    }
  });

  it('a refused body is the key’s, not the data’s: the same data with a new key goes upstream', async () => {
    backend.sandbox.faults.failNext(1, 422, 'create');
    assert.deepEqual(await statuses(backend, 'refused-for-good', 2), [502, 502]);
    // The payer changed something and back: a new submission.
    assert.deepEqual(await statuses(backend, 'a-new-key', 1), [200]);
  });
});

describe('upstream failures: a link or credentials that must not reach the browser', () => {
  it('a url that is not https: 502, never handed to the browser', async () => {
    const backend = await startBackend(
      {},
      { api: { parseLink: (body) => ({ ...defaultAlmaraApi.parseLink(body), url: 'javascript:alert(1)' }) } },
    );
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.equal((JSON.parse(text) as ErrorJson).error.code, 'upstream_invalid_response');
      assert.doesNotMatch(text, /javascript/);
    } finally {
      await backend.close();
    }
  });

  it('wrong credentials: 502 upstream_error, the secret nowhere in the answer', async () => {
    const backend = await startBackend(
      {},
      { credentials: { clientId: 'sandbox-client', clientSecret: 'wrong-secret' } },
    );
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.equal((JSON.parse(text) as ErrorJson).error.code, 'upstream_error');
      assert.doesNotMatch(text, /wrong-secret|invalid_client/);
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });

  it('a broken prepare result (no email) is caught before sending: 500 configuration_error', async () => {
    const backend = await startBackend({ prepare: (input) => ({ ...input, emailAddress: '' }) });
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 500);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'configuration_error');
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });
});

describe('upstream failures: the hold option', () => {
  it('idempotencyHold: 0 frees the key at once after a timeout', async () => {
    const backend = await startBackend({ idempotencyHold: 0 }, { timeout: 150 });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      backend.sandbox.faults.latency = 400;
      const creates = backend.sandbox.calls.create;
      assert.deepEqual(await statuses(backend, 'no-hold', 2), [504, 504]);
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

describe('upstream failures: one deadline per request', () => {
  it('time spent before the create (here a slow prepare, on the clock) leaves none: 504, nothing sent, key freed', async () => {
    const clock = testClock();
    let slow = true;
    const backend = await startBackend({
      clock,
      deadline: 5000,
      prepare: () => {
        if (slow) clock.time += 5000;
        return undefined;
      },
    });
    try {
      const creates = backend.sandbox.calls.create;
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'slow-prepare' });
      assert.equal(response.status, 504);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'upstream_timeout');
      assert.equal(backend.sandbox.calls.create, creates, 'the create was never sent');
      const logged = backend.errors[0];
      assert.ok(logged instanceof AlmaraApiError && logged.kind === 'timeout' && !logged.sent);
      slow = false;
      const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'slow-prepare' });
      assert.deepEqual([retry.status, retry.headers.get('Idempotent-Replayed')], [200, null], 'the key was freed');
    } finally {
      await backend.close();
    }
  });

  it('spans the create, the refresh after a 401 and the create again: answered at the deadline', async () => {
    const backend = await startBackend({ deadline: 300 }, { timeout: 5000 });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      backend.sandbox.faults.expireTokens();
      // Three exchanges of 150 ms each: each within the client's timeout, together past the deadline.
      backend.sandbox.faults.latency = 150;
      const started = performance.now();
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'refresh-past-deadline' });
      const elapsed = performance.now() - started;
      assert.equal(response.status, 504);
      assert.ok(elapsed < 300 + 250, `answered after ${elapsed.toFixed(0)} ms`);
    } finally {
      await backend.close();
    }
  });

  it('refuses a deadline that is no duration', () => {
    const client = { createPaymentLink: () => Promise.reject(new Error('not called')) };
    for (const deadline of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => createPaymentLinkHandler({ client, shortCode: '600100', deadline }), /deadline/);
    }
  });
});
