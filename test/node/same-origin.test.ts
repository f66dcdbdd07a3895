/**
 * The handler's own pages with no configuration (contract §4, same origin), where the
 * handler is not told its public URL: Next.js, Astro, SvelteKit and Nuxt hand it an internal
 * one (`http://localhost:3000/…`), and so does a TLS-terminating proxy. The page's browser
 * says `Sec-Fetch-Site: same-origin`; else `publicOrigin`; else, with `trustProxy`, the
 * forwarding headers; else `request.url`. A foreign page stays refused, and the merchant's log
 * says why in one line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import {
  createPaymentLinkHandler,
  OriginNotAllowedError,
  type PaymentLinkHandlerOptions,
} from '../../src/server/index.js';
import { SANDBOX_SHORT_CODE, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { elementBody, readJson, sandboxClient, THANKS, type ErrorJson } from './support.js';

/** What Next.js gives a route handler behind `https://shop.example`: its own port on localhost. */
const INTERNAL = 'http://localhost:3000/api/payment-link';
const SHOP = 'https://shop.example';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(async () => {
  await sandbox.close();
});

/** The handler, with what it told the merchant of each refusal. */
function backend(options: Partial<PaymentLinkHandlerOptions> = {}) {
  const refusals: OriginNotAllowedError[] = [];
  const errors: unknown[] = [];
  const handler = createPaymentLinkHandler({
    client: sandboxClient(sandbox),
    shortCode: SANDBOX_SHORT_CODE,
    redirectionSite: THANKS,
    onError: (error) => errors.push(error),
    onRefused: (error) => refusals.push(error),
    ...options,
  });
  const post = (headers: Record<string, string>, url = INTERNAL, body: unknown = elementBody()) =>
    handler(
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );
  return { handler, post, refusals, errors };
}

async function expectRefused(response: Response): Promise<void> {
  assert.equal(response.status, 403);
  assert.equal((await readJson<ErrorJson>(response)).error.code, 'origin_not_allowed');
  assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
}

describe('same origin: Sec-Fetch-Site, the browser’s own word', () => {
  it('a page of the site is served although request.url is an internal address (Next.js, Astro, SvelteKit)', async () => {
    const { post, refusals } = backend();
    const response = await post({ Origin: SHOP, 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(response.status, 200, JSON.stringify(await response.clone().json()));
    assert.match(((await response.json()) as { url: string }).url, /\/pay\/pl_/);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null, 'the same origin needs no CORS');
    assert.deepEqual(refusals, []);
  });

  it('a page of another site is refused whatever request.url says, even when its Origin is that URL’s', async () => {
    const { post } = backend();
    await expectRefused(await post({ Origin: SHOP, 'Sec-Fetch-Site': 'cross-site' }));
    // A sibling subdomain is another origin: the browser says same-site, not same-origin.
    await expectRefused(await post({ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-site' }));
  });

  it('a foreign, a look-alike and the opaque "null" origin stay refused; a listed one is allowed with CORS', async () => {
    const { post } = backend({ allowedOrigins: ['https://blog.shop.example'] });
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'null']) {
      await expectRefused(await post({ Origin: origin, 'Sec-Fetch-Site': 'cross-site' }));
    }
    const listed = await post({ Origin: 'https://blog.shop.example', 'Sec-Fetch-Site': 'same-site' });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('Access-Control-Allow-Origin'), 'https://blog.shop.example');
  });

  it('a preflight from the site’s own page is not needed, and one from a foreign page is refused', async () => {
    const { handler } = backend();
    const preflight = await handler(
      new Request(INTERNAL, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://evil.example',
          'Sec-Fetch-Site': 'cross-site',
          'Access-Control-Request-Method': 'POST',
        },
      }),
    );
    await expectRefused(preflight);
  });
});

describe('same origin without Sec-Fetch-Site (an older browser): publicOrigin, then trusted forwarding headers', () => {
  it('publicOrigin names the site: its pages are served, and the internal URL is not taken for it', async () => {
    const { post } = backend({ publicOrigin: 'https://SHOP.example/' });
    assert.equal((await post({ Origin: SHOP })).status, 200);
    await expectRefused(await post({ Origin: 'http://localhost:3000' }));
  });

  it('a publicOrigin that is no origin is refused at start', () => {
    assert.throws(() => backend({ publicOrigin: 'shop.example' }), /publicOrigin: not an origin: shop\.example/);
    assert.throws(() => backend({ publicOrigin: 'file:///srv/shop' }), /publicOrigin: not an http\(s\) origin/);
  });

  it('with trustProxy, X-Forwarded-Proto and X-Forwarded-Host name the site (the first of each, as the proxy set it)', async () => {
    const { post } = backend({ trustProxy: true });
    const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'shop.example, internal.lb' };
    assert.equal((await post({ Origin: SHOP, ...forwarded })).status, 200);
    await expectRefused(await post({ Origin: 'https://evil.example', ...forwarded }));
    // A forwarded host with a path or credentials in it names no other origin.
    await expectRefused(
      await post({
        Origin: 'https://evil.example',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'evil.example/x',
      }),
    );
  });

  it('without trustProxy, the forwarding headers are anybody’s and are not believed', async () => {
    const { post } = backend();
    await expectRefused(await post({ Origin: SHOP, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'shop.example' }));
  });

  it('with trustProxy, the rate limit counts the payer’s address from X-Forwarded-For, not the proxy’s', async () => {
    const { post } = backend({ trustProxy: true, rateLimit: { max: 1 } });
    const from = (address: string) => ({ Origin: SHOP, 'Sec-Fetch-Site': 'same-origin', 'X-Forwarded-For': address });
    assert.equal((await post(from('203.0.113.7, 10.0.0.1'))).status, 200);
    assert.equal((await post(from('203.0.113.7'))).status, 429, 'the same payer, over budget');
    assert.equal((await post(from('198.51.100.9'))).status, 200, 'another payer has a budget of their own');
  });

  it('with neither, request.url is the site (a plain node:http server)', async () => {
    const { post } = backend();
    assert.equal((await post({ Origin: 'http://localhost:3000' })).status, 200);
  });
});

describe('a refusal, as the merchant’s log tells it', () => {
  it('names the Origin seen, the origin the handler took for its own and from what, and the options that would allow it', async () => {
    const { post, refusals, errors } = backend();
    await expectRefused(await post({ Origin: SHOP }));
    assert.equal(refusals.length, 1);
    const [refusal] = refusals;
    assert.ok(refusal instanceof OriginNotAllowedError);
    assert.equal(refusal.origin, SHOP);
    assert.equal(
      refusal.message,
      'refused a request from Origin "https://shop.example"; this handler takes its own origin to be ' +
        'http://localhost:3000 (from request.url). To allow that page, add "https://shop.example" to allowedOrigins; ' +
        'if that is this site\'s own address, set publicOrigin: "https://shop.example" ' +
        '(or, behind a proxy that sets X-Forwarded-Host, trustProxy: true)',
    );
    assert.deepEqual(errors, [], 'a refusal is configuration, not a failure for onError');
  });

  it('never carries the payer’s details, and quotes the header so that it cannot forge a log line', async () => {
    const { post, refusals } = backend({ publicOrigin: SHOP });
    await expectRefused(await post({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }));
    const line = refusals[0]!.message;
    assert.match(line, /Origin "https:\/\/evil\.example" \(Sec-Fetch-Site: "cross-site"\)/);
    assert.match(line, /own origin to be https:\/\/shop\.example \(from publicOrigin\)/);
    for (const detail of Object.values(elementBody()))
      assert.ok(!line.includes(String(detail)), `${String(detail)} in the log`);
  });

  it('by default goes to console.warn once per distinct line: a misconfiguration is seen, a flood is not', async () => {
    const warn = mock.method(console, 'warn', () => undefined);
    try {
      const handler = createPaymentLinkHandler({ client: sandboxClient(sandbox), shortCode: SANDBOX_SHORT_CODE });
      const from = (origin: string) =>
        handler(new Request(INTERNAL, { method: 'POST', headers: { Origin: origin }, body: '{}' }));
      await from(SHOP);
      await from(SHOP);
      await from('https://evil.example');
      assert.equal(warn.mock.callCount(), 2);
      assert.match(
        String(warn.mock.calls[0]!.arguments[0]),
        /^\[almara-pay-link\] refused a request from Origin "https:\/\/shop\.example"/,
      );
      for (let i = 0; i < 150; i++) await from(`https://probe-${i}.example`);
      assert.equal(warn.mock.callCount(), 100, 'at most 100 distinct lines');
    } finally {
      warn.mock.restore();
    }
  });
});
