/**
 * The payment-link handler as the element and a hostile page meet it: over real HTTP, in
 * front of the sandbox. What reaches Almara is read back from the sandbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PaymentLinkError, type PaymentRequest } from '../../src/server/index.js';
import { elementBody, readJson, startBackend, THANKS, type Backend, type ErrorJson } from './support.js';

const squash = (text: string | undefined) => text?.replace(/\s+/g, ' ');

describe('handler: a valid request', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  after(() => backend.close());

  it('answers { url, id } of a new link, with the short code, phone and redirection site added', async () => {
    const response = await backend.post(elementBody({ phoneNumber: '0712 345 678' }), { 'Idempotency-Key': 'k-1' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const body = await readJson<{ url: string; id: string }>(response);
    assert.deepEqual(Object.keys(body).sort(), ['id', 'url']);
    assert.equal(body.url, `${backend.sandbox.url}/pay/${body.id}`);

    const link = backend.sandbox.getLink(body.id);
    assert.ok(link, 'the sandbox holds the link');
    assert.equal(link.shortCode, '600100');
    assert.equal(link.phoneNumber, '254712345678');
    assert.equal(link.redirectionSite, THANKS);
    assert.equal(link.amount, 1500);
    assert.equal(link.accountReference, '1042');
  });
});

describe('handler: what it refuses', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({ allowedOrigins: ['https://shop.example'] })));
  after(() => backend.close());

  it('a body the shared schema refuses: 400 with the element’s own messages per field, nothing sent upstream', async () => {
    const response = await backend.post(elementBody({ emailAddress: 'wanjiku@', phoneNumber: '12', amount: 1.234 }));
    assert.equal(response.status, 400);
    const { error } = await readJson<ErrorJson>(response);
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.message, 'Please correct the highlighted fields.');
    assert.deepEqual(error.fields, {
      emailAddress: 'Enter an email address like name@example.com.',
      phoneNumber: 'Enter a phone number like 0712 345 678.',
      amount: 'Use at most two decimal places.',
    });
    assert.deepEqual(backend.sandbox.calls, { token: 0, create: 0, find: 0, update: 0 });
  });

  it('a field the payer does not see (currency): the form is "not set up correctly"', async () => {
    const response = await backend.post(elementBody({ currency: 'shillings' }));
    assert.equal(response.status, 400);
    const { error } = await readJson<ErrorJson>(response);
    assert.equal(error.message, 'This payment form is not set up correctly.');
    assert.deepEqual(Object.keys(error.fields ?? {}), ['currency']);
  });

  it('a page on another site: 403 before the body is looked at', async () => {
    const response = await backend.post('not even json', { Origin: 'https://evil.example' });
    assert.equal(response.status, 403);
    assert.equal((await readJson<ErrorJson>(response)).error.code, 'origin_not_allowed');
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('a page of the handler’s own origin, and a listed origin (with CORS headers), are served', async () => {
    const own = await backend.post(elementBody(), { Origin: new URL(backend.url).origin });
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('Access-Control-Allow-Origin'), null, 'no CORS header is needed on the same origin');

    const listed = await backend.post(elementBody(), { Origin: 'https://shop.example' });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('Access-Control-Allow-Origin'), 'https://shop.example');
    assert.match(listed.headers.get('Vary') ?? '', /Origin/);
  });

  it('answers the CORS preflight of a listed origin, with the headers it asks for; refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(backend.url, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,idempotency-key,x-csrf-token',
        },
      });
    const allowed = await preflight('https://shop.example');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), 'https://shop.example');
    assert.equal(allowed.headers.get('Access-Control-Allow-Methods'), 'POST');
    assert.equal(allowed.headers.get('Access-Control-Allow-Headers'), 'content-type,idempotency-key,x-csrf-token');

    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('a body over 16 KB: 413, whether it declares its length or comes chunked', async () => {
    const big = JSON.stringify(elementBody({ description: 'x'.repeat(17 * 1024) }));
    const declared = await backend.post(big);
    assert.equal(declared.status, 413);
    assert.equal((await readJson<ErrorJson>(declared)).error.code, 'payload_too_large');

    const bytes = new TextEncoder().encode(big);
    const chunked = await fetch(backend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);

    // The server is still fine afterwards.
    assert.equal((await backend.post(elementBody())).status, 200);
  });

  it('anything but POST with JSON: 405 or 415', async () => {
    const get = await fetch(backend.url);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('Allow'), 'POST, OPTIONS');

    const text = await fetch(backend.url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
    assert.equal((await readJson<ErrorJson>(text)).error.code, 'unsupported_media_type');
  });

  it('JSON that is broken or not an object: 400 invalid_json', async () => {
    for (const body of ['{"firstName":', '[]', '"text"', 'null']) {
      const response = await backend.post(body);
      assert.equal(response.status, 400, body);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'invalid_json');
    }
  });

  it('an Idempotency-Key that is no header value: 400', async () => {
    const response = await backend.post(elementBody(), { 'Idempotency-Key': 'x'.repeat(300) });
    assert.equal(response.status, 400);
    assert.equal((await readJson<ErrorJson>(response)).error.code, 'invalid_idempotency_key');
  });

  it('a redirection site the merchant did not allow: 400, nothing created', async () => {
    const before = backend.sandbox.calls.create;
    const response = await backend.post(elementBody({ redirectionSite: 'https://evil.example/thanks' }));
    assert.equal(response.status, 400);
    const { error } = await readJson<ErrorJson>(response);
    assert.equal(error.code, 'redirect_not_allowed');
    assert.ok(error.fields?.['redirectionSite']);
    assert.equal(backend.sandbox.calls.create, before);

    // The configured one itself is fine.
    assert.equal((await backend.post(elementBody({ redirectionSite: THANKS }))).status, 200);
  });
});

describe('handler: options', () => {
  it('allowedRedirects lets a page name any URL on those origins', async () => {
    const backend = await startBackend({ allowedRedirects: ['https://shop.example'] });
    try {
      const site = 'https://shop.example/orders/1042/thanks?lang=sw';
      const response = await backend.post(elementBody({ redirectionSite: site }));
      assert.equal(response.status, 200);
      const { id } = await readJson<{ id: string }>(response);
      assert.equal(backend.sandbox.getLink(id)?.redirectionSite, site);
      assert.equal(
        (await backend.post(elementBody({ redirectionSite: 'https://shop.example.evil.example/' }))).status,
        400,
      );
    } finally {
      await backend.close();
    }
  });

  it('amountBounds and language: the bound worded as money, in Swahili', async () => {
    const backend = await startBackend({ amountBounds: { minAmount: 100, maxAmount: 5000 }, language: 'sw' });
    try {
      const low = await readJson<ErrorJson>(await backend.post(elementBody({ amount: 50 })));
      assert.equal(squash(low.error.fields?.['amount']), 'Kiasi kisipungue KES 100.');
      const high = await readJson<ErrorJson>(await backend.post(elementBody({ amount: 9000, emailAddress: 'x' })));
      assert.equal(high.error.fields?.['emailAddress'], 'Weka barua pepe kama jina@mfano.com.');
      assert.match(squash(high.error.fields?.['amount']) ?? '', /KES 5,000/);
    } finally {
      await backend.close();
    }
  });

  it('rateLimit behind a TLS-terminating proxy (trustProxy): two payers do not share a budget', async () => {
    // Both payers reach the handler through one proxy: one socket address, their own X-Forwarded-For.
    const behindProxy = await startBackend({ rateLimit: { max: 1, windowMs: 60_000 } }, {}, { trustProxy: true });
    const direct = await startBackend({ rateLimit: { max: 1, windowMs: 60_000 } });
    const payer = (address: string) => ({ 'X-Forwarded-For': `${address}, 10.0.0.2` });
    try {
      assert.equal((await behindProxy.post(elementBody(), payer('203.0.113.7'))).status, 200);
      assert.equal((await behindProxy.post(elementBody(), payer('198.51.100.23'))).status, 200, 'a budget of its own');
      assert.equal(
        (await behindProxy.post(elementBody(), payer('203.0.113.7'))).status,
        429,
        'the first payer’s is spent',
      );

      // Without trustProxy the header is anyone's to send: the socket address counts.
      assert.equal((await direct.post(elementBody(), payer('203.0.113.7'))).status, 200);
      assert.equal((await direct.post(elementBody(), payer('198.51.100.23'))).status, 429);
    } finally {
      await behindProxy.close();
      await direct.close();
    }
  });

  it('rateLimit: past the budget, 429 with Retry-After, and no upstream call', async () => {
    const backend = await startBackend({ rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      assert.equal((await backend.post(elementBody())).status, 200);
      const third = await backend.post(elementBody());
      assert.equal(third.status, 429);
      const { error } = await readJson<ErrorJson>(third);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.message, 'Too many attempts. Please wait a moment and try again.');
      assert.ok(Number(third.headers.get('Retry-After')) > 0);
      assert.equal(backend.sandbox.calls.create, 2);
    } finally {
      await backend.close();
    }
  });
});

describe('handler: prepare, the merchant’s hook', () => {
  const CATALOGUE: Record<string, { amount: number; description: string }> = {
    '1042': { amount: 1500, description: 'Kikoi beach wrap' },
  };

  it('fixes a tampered amount and description from the merchant’s catalogue', async () => {
    const seen: PaymentRequest[] = [];
    const backend = await startBackend({
      prepare: (input) => {
        seen.push(input);
        const item = CATALOGUE[input.accountReference ?? ''];
        if (!item) throw new PaymentLinkError('Unknown item.', { status: 404, code: 'unknown_item' });
        return { ...input, ...item, isAmountSpecified: true };
      },
    });
    try {
      // A payer who edited the request in devtools: KES 1 for a KES 1,500 wrap.
      const response = await backend.post(elementBody({ amount: 1, description: 'free stuff' }));
      assert.equal(response.status, 200);
      const { id } = await readJson<{ id: string }>(response);
      const link = backend.sandbox.getLink(id);
      assert.equal(link?.amount, 1500);
      assert.equal(link?.description, 'Kikoi beach wrap');
      assert.equal(seen[0]?.amount, 1, 'prepare saw what the browser sent');
      assert.equal(seen[0]?.phoneNumber, '254712345678', 'already validated and normalised');
    } finally {
      await backend.close();
    }
  });

  it('refuses with a PaymentLinkError: its status, code, message and field messages reach the browser', async () => {
    const backend = await startBackend({
      prepare: () => {
        throw new PaymentLinkError('This wrap is sold out.', {
          status: 409,
          code: 'sold_out',
          fields: { amount: 'Not available.' },
        });
      },
    });
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 409);
      assert.deepEqual(await readJson<ErrorJson>(response), {
        error: { code: 'sold_out', message: 'This wrap is sold out.', fields: { amount: 'Not available.' } },
      });
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });

  it('a prepare result the shared schema refuses is the merchant’s bug: 500 configuration_error, nothing sent', async () => {
    const broken: [string, Partial<PaymentRequest>, RegExp][] = [
      ['a phone number not normalised', { phoneNumber: '0712 345 678' }, /phoneNumber/],
      ['an amount with three decimals', { amount: 1500.125 }, /amount: amountDecimals/],
      ['a description over 255 characters', { description: 'x'.repeat(256) }, /description: tooLong/],
      ['an amount of zero', { amount: 0 }, /amount: amountTooSmall/],
      ['a currency in lower case', { currency: 'kes' }, /currency/],
      ['no email address', { emailAddress: '' }, /emailAddress: required/],
    ];
    for (const [what, change, reported] of broken) {
      const backend = await startBackend({ prepare: (input) => ({ ...input, ...change }) });
      try {
        const response = await backend.post(elementBody());
        assert.equal(response.status, 500, what);
        assert.deepEqual(
          await readJson<ErrorJson>(response),
          { error: { code: 'configuration_error', message: 'This payment form is not set up correctly.' } },
          what,
        );
        assert.equal(backend.sandbox.calls.create, 0, `${what}: nothing sent upstream`);
        assert.equal(backend.errors.length, 1, `${what}: reported to onError`);
        assert.match(String(backend.errors[0]), /prepare returned/, what);
        assert.match(String(backend.errors[0]), reported, what);
      } finally {
        await backend.close();
      }
    }
  });

  it('a prepare result is held to the schema without amountBounds: the price is the merchant’s', async () => {
    const backend = await startBackend({
      amountBounds: { maxAmount: 5000 },
      prepare: (input) => ({ ...input, amount: 9000 }),
    });
    try {
      const response = await backend.post(elementBody({ amount: 100 }));
      assert.equal(response.status, 200);
      const { id } = await readJson<{ id: string }>(response);
      assert.equal(backend.sandbox.getLink(id)?.amount, 9000);
    } finally {
      await backend.close();
    }
  });

  it('a prepare that crashes: a plain 500, its message and stack only in the logs', async () => {
    const backend = await startBackend({
      prepare: async () => {
        await Promise.resolve();
        throw new Error('connect ECONNREFUSED db.internal:5432 password=hunter2');
      },
    });
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        error: { code: 'internal_error', message: 'Something went wrong. Please try again.' },
      });
      assert.doesNotMatch(text, /hunter2|ECONNREFUSED|\bat\b/);
      assert.equal(backend.errors.length, 1, 'the error went to onError');
    } finally {
      await backend.close();
    }
  });
});
