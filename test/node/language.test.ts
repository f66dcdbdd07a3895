/**
 * Contract §3: every sentence of the handler's own is in the language the request's
 * `Accept-Language` asks for (the element sends its own), the `language` option only the
 * fallback; the answer says which (`Content-Language`) and that it depends on it (`Vary`).
 * Over real HTTP, against the sandbox.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { en, sw } from '../../src/messages/index.js';
import type { IdempotencyStore } from '../../src/server/index.js';
import { PaymentLinkError, requestLanguage, toNodeHandler } from '../../src/server/index.js';
import { elementBody, listen, readJson, startBackend, type Backend, type ErrorJson } from './support.js';

const SWAHILI = { 'Accept-Language': 'sw-KE,sw;q=0.9,en;q=0.8' };
const ELEMENT_SW = { 'Accept-Language': 'sw, en;q=0.5' };
const squash = (text: string | undefined) => text?.replace(/\s+/g, ' ');

function assertSpoken(response: Response, language: string): void {
  assert.equal(response.headers.get('Content-Language'), language);
  const vary = (response.headers.get('Vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
  assert.ok(vary.includes('accept-language'), `Vary: ${String(response.headers.get('Vary'))}`);
  assert.ok(vary.includes('origin'), 'the Origin stays in Vary');
}

describe('the handler speaks the request’s language', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({ amountBounds: { minAmount: 50, maxAmount: 100_000 } })));
  afterEach(() => {
    backend.sandbox.faults.reset();
  });
  after(() => backend.close());

  it('amount bounds, field by field, in Swahili for a Kenyan browser’s header; Content-Language and Vary', async () => {
    const response = await backend.post(elementBody({ amount: 10, emailAddress: 'x' }), SWAHILI);
    assert.equal(response.status, 400);
    assertSpoken(response, 'sw');
    const { error } = await readJson<ErrorJson>(response);
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.message, sw.fixErrors);
    assert.equal(squash(error.fields?.['amount']), 'Kiasi kisipungue KES 50.');
    assert.equal(error.fields?.['emailAddress'], sw.emailInvalid);
  });

  it('the same body in English for an English header', async () => {
    const response = await backend.post(elementBody({ amount: 10 }), { 'Accept-Language': 'en-GB,en;q=0.9' });
    assertSpoken(response, 'en');
    const { error } = await readJson<ErrorJson>(response);
    assert.equal(error.message, en.fixErrors);
    assert.equal(squash(error.fields?.['amount']), 'The amount must be at least KES 50.');
  });

  it('an Almara 500, worded in Swahili', async () => {
    backend.sandbox.faults.failNext(1, 500, 'create');
    const failed = await backend.post(elementBody(), ELEMENT_SW);
    assert.equal(failed.status, 502);
    assertSpoken(failed, 'sw');
    assert.deepEqual(await failed.json(), { error: { code: 'upstream_error', message: sw.serverError } });
  });

  it('a malformed body and an unsupported type: the form is not set up, in Swahili', async () => {
    const broken = await backend.post('{', ELEMENT_SW);
    assert.deepEqual(await broken.json(), { error: { code: 'invalid_json', message: sw.misconfigured } });
    const typed = await fetch(backend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...ELEMENT_SW },
    });
    assert.deepEqual(await typed.json(), { error: { code: 'unsupported_media_type', message: sw.misconfigured } });
    const got = await fetch(backend.url, { headers: ELEMENT_SW });
    assert.equal(got.status, 405);
    assertSpoken(got, 'sw');
    assert.deepEqual(await got.json(), { error: { code: 'method_not_allowed', message: sw.misconfigured } });
  });

  it('a page of another site: 403 origin_not_allowed in its language', async () => {
    const response = await backend.post(elementBody(), { Origin: 'https://evil.example', ...ELEMENT_SW });
    assert.equal(response.status, 403);
    assertSpoken(response, 'sw');
    assert.deepEqual(await response.json(), { error: { code: 'origin_not_allowed', message: sw.misconfigured } });
  });

  it('a success says its language too, and a refused preflight is worded', async () => {
    const created = await backend.post(elementBody(), ELEMENT_SW);
    assert.equal(created.status, 200);
    assertSpoken(created, 'sw');
    const preflight = await fetch(backend.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', ...ELEMENT_SW },
    });
    assert.equal(preflight.status, 403, 'refused, and worded');
    assert.equal((await readJson<ErrorJson>(preflight)).error.message, sw.misconfigured);
  });
});

describe('the language option is only the fallback', () => {
  it('a header naming none of ours (or none at all, or garbage) gets the option’s language', async () => {
    const backend = await startBackend({ language: 'sw' });
    try {
      for (const header of ['fr-FR, de;q=0.8', '*', '###', 'en;q=0, sw;q=0']) {
        const response = await backend.post('{', { 'Accept-Language': header });
        assertSpoken(response, 'sw');
        assert.equal((await readJson<ErrorJson>(response)).error.message, sw.misconfigured, header);
      }
      // undici sends `*` unless told otherwise; a header of ours overrides the option.
      const english = await backend.post('{', { 'Accept-Language': 'en' });
      assertSpoken(english, 'en');
      assert.equal((await readJson<ErrorJson>(english)).error.message, en.misconfigured);
    } finally {
      await backend.close();
    }
  });

  it('with no option, English', async () => {
    const backend = await startBackend();
    try {
      const response = await backend.post('{', { 'Accept-Language': 'fr' });
      assertSpoken(response, 'en');
      assert.equal((await readJson<ErrorJson>(response)).error.message, en.misconfigured);
    } finally {
      await backend.close();
    }
  });
});

describe('every refusal of the handler’s own, in Swahili', () => {
  it('the rate limit: 429 rate_limited', async () => {
    const backend = await startBackend({ rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      await backend.post(elementBody(), ELEMENT_SW);
      const limited = await backend.post(elementBody(), ELEMENT_SW);
      assert.equal(limited.status, 429);
      assertSpoken(limited, 'sw');
      assert.deepEqual(await limited.json(), { error: { code: 'rate_limited', message: sw.tooManyRequests } });
    } finally {
      await backend.close();
    }
  });

  it('a store that is down: 503 store_unavailable', async () => {
    const down = new Error('connect ECONNREFUSED');
    const failing: IdempotencyStore = {
      claim: () => Promise.reject(down),
      complete: () => Promise.reject(down),
      release: () => Promise.reject(down),
    };
    const backend = await startBackend({ store: failing });
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'k', ...ELEMENT_SW });
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { error: { code: 'store_unavailable', message: sw.storeUnavailable } });
    } finally {
      await backend.close();
    }
  });

  it('a prepare that returns a broken body: 500 configuration_error', async () => {
    const backend = await startBackend({ prepare: () => ({}) as never });
    try {
      const response = await backend.post(elementBody(), ELEMENT_SW);
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { error: { code: 'configuration_error', message: sw.misconfigured } });
    } finally {
      await backend.close();
    }
  });

  it('a merchant’s own refusal can speak it too, through requestLanguage', async () => {
    const backend = await startBackend({
      prepare: (_input, request) => {
        const words = { en: 'Sold out.', sw: 'Imekwisha.' };
        throw new PaymentLinkError(words[requestLanguage(request)], { status: 409, code: 'sold_out' });
      },
    });
    try {
      const response = await backend.post(elementBody(), SWAHILI);
      assertSpoken(response, 'sw');
      assert.deepEqual(await response.json(), { error: { code: 'sold_out', message: 'Imekwisha.' } });
    } finally {
      await backend.close();
    }
  });
});

describe('toNodeHandler’s own answers', () => {
  it('a Host header that makes no URL: worded for the request’s Accept-Language', async () => {
    const server = await listen(createServer(toNodeHandler(() => new Response('unused'))));
    try {
      const port = Number(new URL(server.url).port);
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(port, '127.0.0.1', () => {
          socket.write('GET /x HTTP/1.1\r\nHost: bad host\r\nAccept-Language: sw-KE\r\nConnection: close\r\n\r\n');
        });
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /content-language: sw/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ErrorJson;
      assert.deepEqual(body, { error: { code: 'invalid_host', message: sw.misconfigured } });
    } finally {
      await server.close();
    }
  });
});
