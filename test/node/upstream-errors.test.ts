/**
 * When Almara fails, the payer gets a clean, stable error; the merchant's logs get the rest.
 * Faults are injected at the sandbox.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { AlmaraApiError, defaultAlmaraApi } from '../../src/server/index.js';
import { elementBody, readJson, startBackend, type Backend, type ErrorJson } from './support.js';

/** Nothing from upstream may show: not its codes, messages, bodies, nor a token. */
function assertNothingLeaks(text: string): void {
  assert.doesNotMatch(text, /sandbox_fault|injected|sbx_|Bearer|pl_broken|clientSecret|sandbox-secret|HTTP \d/);
}

describe('handler: upstream failures', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({}, { timeout: 400 })));
  afterEach(() => {
    backend.sandbox.faults.reset();
    backend.errors.length = 0;
  });
  after(() => backend.close());

  it('Almara answers 500: 502 upstream_error, worded for the payer', async () => {
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

  it('Almara is too slow: 504 upstream_timeout', async () => {
    backend.sandbox.faults.latency = 1500;
    const started = Date.now();
    const response = await backend.post(elementBody());
    assert.equal(response.status, 504);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), {
      error: { code: 'upstream_timeout', message: 'The server took too long. Please try again.' },
    });
    assert.ok(Date.now() - started < 1400, 'answered at the client timeout, not after the upstream');
    assertNothingLeaks(text);
  });

  it('Almara answers garbage with a 2xx: 502 upstream_invalid_response', async () => {
    backend.sandbox.faults.malformedNext(1, 'create');
    const response = await backend.post(elementBody());
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.equal((JSON.parse(text) as ErrorJson).error.code, 'upstream_invalid_response');
    assertNothingLeaks(text);
  });

  it('the token request fails: 502, and the next request gets a token after all', async () => {
    backend.sandbox.faults.expireTokens();
    backend.sandbox.faults.failNext(1, 503, 'token');
    const failed = await backend.post(elementBody());
    // The create call's 401 leads to one refresh, which fails.
    assert.equal(failed.status, 502);
    assertNothingLeaks(await failed.text());
    assert.equal((await backend.post(elementBody())).status, 200);
  });

  it('a failed creation frees its Idempotency-Key: the element’s retry with the same key succeeds', async () => {
    backend.sandbox.faults.failNext(1, 503, 'create');
    const creates = backend.sandbox.calls.create;
    const first = await backend.post(elementBody(), { 'Idempotency-Key': 'retry-me' });
    assert.equal(first.status, 502);
    const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'retry-me' });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('Idempotent-Replayed'), null, 'a real creation, not a replay');
    assert.equal(backend.sandbox.calls.create - creates, 2);
  });
});

describe('handler: a link Almara returns that is not safe to follow', () => {
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
      assert.equal(JSON.parse(text).error.code, 'upstream_error');
      assert.doesNotMatch(text, /wrong-secret|invalid_client/);
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });
});

describe('handler: the response body of an error is always the contract’s', () => {
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
