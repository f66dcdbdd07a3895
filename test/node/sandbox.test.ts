/**
 * The sandbox as a merchant's backend and a payer's browser meet it: over plain HTTP,
 * with no client of ours in between.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  createSandbox,
  SANDBOX_CREDENTIALS,
  SANDBOX_MAX_BODY_BYTES,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { almaraBody, listen, useSandboxLinks } from './support.js';

interface ApiErrorJson {
  code: string;
  message: string;
  errors?: Record<string, string>;
}

describe('sandbox: the API', () => {
  let sandbox: RunningSandbox;
  let token: string;

  const call = (method: string, path: string, body?: unknown, bearer: string | null = token) =>
    fetch(sandbox.url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(bearer === null ? {} : { Authorization: `Bearer ${bearer}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    sandbox = await startSandbox();
    const response = await call('POST', '/v1/auth/token', SANDBOX_CREDENTIALS, null);
    token = ((await response.json()) as { accessToken: string }).accessToken;
  });
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('listens on 127.0.0.1 by default', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('token request: the right credentials get a token with its lifetime; others a 401', async () => {
    const good = await call('POST', '/v1/auth/token', SANDBOX_CREDENTIALS, null);
    assert.equal(good.status, 200);
    const grant = (await good.json()) as { accessToken: string; expiresIn: number; tokenType: string };
    assert.match(grant.accessToken, /^sbx_/);
    assert.equal(grant.expiresIn, 3600);
    assert.equal(grant.tokenType, 'Bearer');

    const wrong = await call('POST', '/v1/auth/token', { ...SANDBOX_CREDENTIALS, clientSecret: 'guess' }, null);
    assert.equal(wrong.status, 401);
    assert.equal((await call('POST', '/v1/auth/token', {}, null)).status, 400);
  });

  it('create: a Bearer token is required, checked, and refused once expired', async () => {
    const none = await call('POST', '/v1/payment-link/create-payment-link', almaraBody(), null);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as ApiErrorJson).code, 'unauthorized');

    const forged = await call('POST', '/v1/payment-link/create-payment-link', almaraBody(), 'sbx_forged');
    assert.equal(((await forged.json()) as ApiErrorJson).code, 'invalid_token');

    const response = await call('POST', '/v1/auth/token', SANDBOX_CREDENTIALS, null);
    const fresh = ((await response.json()) as { accessToken: string }).accessToken;
    sandbox.faults.expireTokens();
    const expired = await call('POST', '/v1/payment-link/create-payment-link', almaraBody(), fresh);
    assert.equal(expired.status, 401);
    assert.equal(((await expired.json()) as ApiErrorJson).code, 'token_expired');
    // A new token works again.
    token = (
      (await (await call('POST', '/v1/auth/token', SANDBOX_CREDENTIALS, null)).json()) as { accessToken: string }
    ).accessToken;
    assert.equal((await call('POST', '/v1/payment-link/create-payment-link', almaraBody())).status, 201);
  });

  it('create: validates the documented body, naming each field at fault', async () => {
    const response = await call(
      'POST',
      '/v1/payment-link/create-payment-link',
      almaraBody({
        firstName: undefined,
        emailAddress: 'not-an-email',
        redirectionSite: 'javascript:alert(1)',
        amount: '1500',
        isAmountSpecified: 'yes',
      }),
    );
    assert.equal(response.status, 400);
    const error = (await response.json()) as ApiErrorJson;
    assert.equal(error.code, 'validation_error');
    assert.deepEqual(Object.keys(error.errors ?? {}).sort(), [
      'amount',
      'emailAddress',
      'firstName',
      'isAmountSpecified',
      'redirectionSite',
    ]);

    const zero = await call('POST', '/v1/payment-link/create-payment-link', almaraBody({ amount: 0 }));
    assert.equal(zero.status, 400, 'a specified amount must be more than zero');
    const shortCode = await call('POST', '/v1/payment-link/create-payment-link', almaraBody({ shortCode: '999999' }));
    assert.equal(((await shortCode.json()) as ApiErrorJson).code, 'invalid_short_code');
    const notJson = await fetch(`${sandbox.url}/v1/payment-link/create-payment-link`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"firstName":',
    });
    assert.equal(notJson.status, 400);
  });

  it('create, find by id, update: the link as the client expects it', async () => {
    const created = await call('POST', '/v1/payment-link/create-payment-link', almaraBody());
    assert.equal(created.status, 201);
    const link = (await created.json()) as { id: string; url: string; status: string };
    assert.equal(link.url, `${sandbox.url}/pay/${link.id}`);
    assert.equal(link.status, 'pending');

    const found = await call('GET', `/v1/payment-link/find-payment-link-by-id/${link.id}`);
    assert.equal(((await found.json()) as { amount: number }).amount, 1500);
    assert.equal((await call('GET', '/v1/payment-link/find-payment-link-by-id/pl_missing')).status, 404);

    const updated = await call('PUT', `/v1/payment-link/update-payment-link/${link.id}`, { amount: 1800 });
    assert.equal(((await updated.json()) as { amount: number }).amount, 1800);
    const invalid = await call('PUT', `/v1/payment-link/update-payment-link/${link.id}`, { emailAddress: 'x' });
    assert.equal(invalid.status, 400);
  });

  it('a body over the limit: 413, whether its length is declared or it comes chunked; then all is well', async () => {
    const big = JSON.stringify(almaraBody({ description: 'x'.repeat(SANDBOX_MAX_BODY_BYTES) }));
    const declared = await call('POST', '/v1/payment-link/create-payment-link', JSON.parse(big));
    assert.equal(declared.status, 413);
    assert.equal(((await declared.json()) as ApiErrorJson).code, 'payload_too_large');

    const bytes = new TextEncoder().encode(big);
    const chunked = await fetch(`${sandbox.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);
    assert.equal((await call('POST', '/v1/payment-link/create-payment-link', almaraBody())).status, 201);
  });

  it('a malformed percent-encoding in an id: 404, not a crash', async () => {
    for (const [method, path] of [
      ['GET', '/v1/payment-link/find-payment-link-by-id/%E0'],
      ['PUT', '/v1/payment-link/update-payment-link/%zz'],
    ] as const) {
      const response = await call(method, path, method === 'PUT' ? { amount: 1 } : undefined);
      assert.equal(response.status, 404, path);
      assert.equal(((await response.json()) as ApiErrorJson).code, 'not_found', path);
    }
  });

  it('counts every API call per route, failed ones included', async () => {
    const before = { ...sandbox.calls };
    await call('GET', '/v1/payment-link/find-payment-link-by-id/pl_missing');
    await call('GET', '/v1/payment-link/find-payment-link-by-id/pl_missing', undefined, null);
    assert.equal(sandbox.calls.find - before.find, 2);
    assert.equal(sandbox.calls.create, before.create);
  });
});

describe('sandbox: fault knobs', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandbox()));
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  const token = () =>
    fetch(`${sandbox.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(SANDBOX_CREDENTIALS),
    });

  it('latency: every API answer comes that much later', async () => {
    sandbox.faults.latency = 300;
    const started = Date.now();
    assert.equal((await token()).status, 200);
    assert.ok(Date.now() - started >= 290);
  });

  it('failNext: the next N calls (of one route, if named) answer the given status', async () => {
    sandbox.faults.failNext(2, 503, 'token');
    assert.equal((await token()).status, 503);
    const find = await fetch(`${sandbox.url}/v1/payment-link/find-payment-link-by-id/x`);
    assert.equal(find.status, 401, 'another route is not affected');
    assert.equal((await token()).status, 503);
    assert.equal((await token()).status, 200);
  });

  it('malformedNext: a 2xx whose body is not JSON', async () => {
    sandbox.faults.malformedNext(1);
    const response = await token();
    assert.equal(response.status, 200);
    await assert.rejects(response.json());
    assert.equal((await token()).status, 200);
  });

  it('failNext(0) and malformedNext(0) fail nothing', async () => {
    sandbox.faults.failNext(0, 503, 'token');
    sandbox.faults.malformedNext(0);
    sandbox.faults.failNext(-1);
    const response = await token();
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { accessToken?: string }).accessToken);
  });

  it('reset: no latency, no queued faults', async () => {
    sandbox.faults.latency = 5000;
    sandbox.faults.failNext(5, 500);
    sandbox.faults.reset();
    const started = Date.now();
    assert.equal((await token()).status, 200);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('sandbox: the hosted payment page', () => {
  const links = useSandboxLinks();

  it('shows the payer, description and amount, under a strict CSP, with no inline script or style', async () => {
    const link = await links.createLink({ description: 'Kikoi <b>wrap</b> & "more"' });
    const response = await fetch(link.url);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /text\/html/);
    assert.match(response.headers.get('Content-Security-Policy') ?? '', /default-src 'self'/);
    const page = await response.text();
    assert.match(page, /KES\s1,500/);
    assert.match(page, /Wanjiku Kamau/);
    assert.match(page, /Kikoi &lt;b&gt;wrap&lt;\/b&gt; &amp; &quot;more&quot;/, 'payer-typed text is escaped');
    // Three submit buttons of one form, told apart by the `outcome` they send.
    const flat = page.replace(/\s+/g, ' ');
    for (const [outcome, label] of [
      ['pay', 'Pay'],
      ['later', 'Pay later'],
      ['decline', 'Decline'],
    ]) {
      assert.match(
        flat,
        new RegExp(`<button type="submit" name="outcome" value="${outcome}"[^>]*> ?${label} ?</button>`),
      );
    }
    assert.doesNotMatch(page, /<script|<style|\sstyle=|\son[a-z]+=/i);

    const css = await fetch(`${links.sandbox.url}/pay.css`);
    assert.match(css.headers.get('Content-Type') ?? '', /text\/css/);
  });

  it('"Pay" (or a bare post, as the old single button sent) marks the link paid and sends the payer to redirectionSite with the link id', async () => {
    const link = await links.createLink({ redirectionSite: 'https://shop.example/thanks?order=1042' });
    const response = await fetch(link.url, { method: 'POST', redirect: 'manual' });
    assert.equal(response.status, 303);
    const location = new URL(response.headers.get('Location') ?? '');
    assert.equal(location.origin + location.pathname, 'https://shop.example/thanks');
    assert.equal(location.searchParams.get('order'), '1042', 'the merchant’s own query is kept');
    assert.equal(location.searchParams.get('paymentLinkId'), link.id);
    assert.equal(links.sandbox.getLink(link.id)?.status, 'paid');

    const again = await fetch(link.url, { method: 'POST', redirect: 'manual' });
    assert.equal(again.status, 409, 'a paid link is not paid twice');
    assert.match(await (await fetch(link.url)).text(), /Return to the merchant/);
  });

  it('a link without a set amount asks for one, and checks it', async () => {
    const link = await links.createLink({ isAmountSpecified: false, amount: 0 });
    assert.match(await (await fetch(link.url)).text(), /name="amount"/);
    const post = (amount: string) =>
      fetch(link.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ amount }).toString(),
        redirect: 'manual',
      });
    const refused = await post('abc');
    assert.equal(refused.status, 400);
    // The field says it is wrong, points at why, and has the focus (no script on this page).
    const page = await refused.text();
    assert.match(page, /<input[^>]*aria-invalid="true" aria-describedby="amount-error" autofocus/);
    assert.match(page, /<p class="error" id="amount-error" role="alert">Enter an amount like 1500\.<\/p>/);
    assert.equal((await post('250')).status, 303);
    assert.equal(links.sandbox.getLink(link.id)?.amount, 250);
  });

  it('an unknown link: a 404 page', async () => {
    const response = await fetch(`${links.sandbox.url}/pay/pl_unknown`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /not found/i);
  });

  it('a link path that is no valid percent-encoding (/pay/%E0): the 404 page, for GET and POST', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${links.sandbox.url}/pay/%E0`, { method });
      assert.equal(response.status, 404, method);
      assert.match(await response.text(), /Payment link not found/, method);
    }
  });

  it('"Pay" with a form body over the limit: 413, the link still unpaid', async () => {
    const link = await links.createLink({ isAmountSpecified: false, amount: 0 });
    const response = await fetch(link.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `amount=250&pad=${'x'.repeat(SANDBOX_MAX_BODY_BYTES)}`,
      redirect: 'manual',
    });
    assert.equal(response.status, 413);
    assert.equal(links.sandbox.getLink(link.id)?.status, 'pending');
  });
});

describe('sandbox: the middleware form', () => {
  it('answers under its base path and hands everything else to next()', async () => {
    const sandbox = createSandbox({ basePath: '/sandbox' });
    const server = await listen(
      createServer((req, res) =>
        sandbox.middleware(req, res, () => {
          res.statusCode = 418;
          res.end('the app');
        }),
      ),
    );
    try {
      const index = await fetch(`${server.url}/sandbox/`);
      assert.equal(index.status, 200);
      assert.match(await index.text(), /sandbox-client/);
      const token = await fetch(`${server.url}/sandbox/v1/auth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(SANDBOX_CREDENTIALS),
      });
      assert.equal(token.status, 200);
      assert.equal(sandbox.calls.token, 1);
      const app = await fetch(`${server.url}/sandboxes`);
      assert.equal(app.status, 418);
      // A broken encoding under the base path is the sandbox's 404, not an error handed to the app.
      const broken = await fetch(`${server.url}/sandbox/pay/%E0`);
      assert.equal(broken.status, 404);
    } finally {
      await server.close();
    }
  });
});
