/**
 * `createBackend(config, env?)` (issue 12, contract §7) as a serverless host runs it: Fetch
 * `Request`s in, `Response`s out, no server. Every route; the price from the config whatever
 * the page sends; the catalogue; the CDN files and their pins; the log lines, which never name
 * the payer; and, with a real `redis-server`, two backends sharing idempotency, and Redis down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createBackend, ConfigError, EnvironmentError, type Backend } from '../../src/backend/index.js';
import { en, sw } from '../../src/messages/index.js';
import { formatMoney } from '../../src/money.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../../src/sandbox/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import {
  assertBuilt,
  assertNoPayer,
  exampleConfig,
  FOREIGN,
  freePort,
  json,
  pageBody,
  sha384,
  SHOP,
  testBackend,
  waitFor,
  type ErrorBody,
  type TestBackend,
} from './backend-support.js';

interface Link {
  id: string;
  url: string;
}

const open: Backend[] = [];
/** A backend closed after the file. */
function make(...args: Parameters<typeof testBackend>): TestBackend {
  const made = testBackend(...args);
  open.push(made.backend);
  return made;
}

before(() => {
  assertBuilt();
});
after(async () => {
  await Promise.all(open.splice(0).map((backend) => backend.close()));
});

describe('createBackend: what it is made of', () => {
  it('no credentials: sandbox mode, the sandbox mounted at /sandbox and used', async () => {
    const { backend, fetch } = make();
    assert.equal(backend.mode, 'sandbox');
    assert.ok(backend.sandbox);
    assert.equal(backend.shared, false);
    const page = await fetch('/sandbox/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('Content-Type') ?? '', /^text\/html/);
  });

  it('the four ALMARA_* variables: Almara mode, no sandbox route', async () => {
    const sandbox = await startSandbox();
    try {
      const { backend, create, fetch } = make(exampleConfig(), {
        ALMARA_BASE_URL: sandbox.url,
        ALMARA_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
        ALMARA_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
        ALMARA_SHORT_CODE: SANDBOX_SHORT_CODE,
      });
      assert.equal(backend.mode, 'almara');
      assert.equal(backend.sandbox, undefined);
      const response = await create(pageBody());
      assert.equal(response.status, 200);
      const link = await json<Link>(response);
      assert.ok(link.url.startsWith(`${sandbox.url}/pay/`), link.url);
      assert.equal(sandbox.getLink(link.id)?.amount, 1500);
      const mounted = await fetch('/sandbox/');
      assert.equal(mounted.status, 404);
      assert.equal((await json<ErrorBody>(mounted)).error.code, 'not_found');
    } finally {
      await sandbox.close();
    }
  });

  it('a bad config throws a ConfigError naming the key; a partial environment an EnvironmentError naming what is missing', () => {
    assert.throws(
      () => createBackend(exampleConfig({ items: { k: { description: 'K', price: '1' } } }), {}),
      (error: unknown) => error instanceof ConfigError && error.problems.join() === 'items.k.price: expected a number',
    );
    assert.throws(
      () => createBackend(exampleConfig(), { ALMARA_BASE_URL: 'https://api.almara.example', ALMARA_SHORT_CODE: '1' }),
      (error: unknown) =>
        error instanceof EnvironmentError &&
        error.message.startsWith('ALMARA_CLIENT_ID, ALMARA_CLIENT_SECRET: missing.'),
    );
  });
});

describe('POST /api/payment-link: the price is the config’s', () => {
  it('a tampered amount on a fixed-price item (the page sends 1) makes a link of the config’s price and description', async () => {
    const { backend, create } = make();
    const response = await create(pageBody({ amount: 1, currency: 'USD', description: 'Cheap' }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), SHOP);
    const link = await json<Link>(response);
    assert.match(link.url, /^https:\/\/pay\.shop\.example\/sandbox\/pay\/pl_/);
    const made = backend.sandbox!.getLink(link.id);
    assert.ok(made, 'the sandbox has the link');
    assert.equal(made.amount, 1500);
    assert.equal(made.currency, 'KES');
    assert.equal(made.description, 'Kikoi beach wrap');
    assert.equal(made.redirectionSite, `${SHOP}/thanks`);
    assert.equal(made.shortCode, SANDBOX_SHORT_CODE);
    assert.equal(backend.sandbox!.calls.create, 1);
  });

  it('an open item within its bounds: the payer’s amount, the config’s description and currency', async () => {
    const { backend, create } = make(
      exampleConfig({ items: { 'tree-fund': { description: 'Tree fund', currency: 'USD', min: 50, max: 100000 } } }),
    );
    for (const amount of [50, 1234.5, 100000]) {
      const response = await create(pageBody({ accountReference: 'tree-fund', amount, isAmountSpecified: false }));
      assert.equal(response.status, 200, String(amount));
      const made = backend.sandbox!.getLink((await json<Link>(response)).id)!;
      assert.equal(made.amount, amount);
      assert.equal(made.currency, 'USD');
      assert.equal(made.description, 'Tree fund');
    }
  });

  it('an open item below or above its bounds: 400 validation_failed, the amount field’s message in English and Swahili', async () => {
    const { backend, create } = make();
    const cases = [
      { amount: 49.99, language: 'en', message: en.amountTooSmall(formatMoney(50, 'KES', en.locale)) },
      { amount: 100000.01, language: 'en', message: en.amountTooLarge(formatMoney(100000, 'KES', en.locale)) },
      { amount: 49.99, language: 'sw', message: sw.amountTooSmall(formatMoney(50, 'KES', sw.locale)) },
      {
        amount: 100001,
        language: 'sw-KE,sw;q=0.9,en;q=0.5',
        message: sw.amountTooLarge(formatMoney(100000, 'KES', sw.locale)),
      },
    ];
    for (const { amount, language, message } of cases) {
      const response = await create(pageBody({ accountReference: 'tree-fund', amount }), {
        'Accept-Language': language,
      });
      assert.equal(response.status, 400, `${amount} ${language}`);
      const body = await json<ErrorBody>(response);
      assert.equal(body.error.code, 'validation_failed');
      assert.deepEqual(body.error.fields, { amount: message });
      assert.equal(body.error.message, language.startsWith('sw') ? sw.fixErrors : en.fixErrors);
      assert.equal(response.headers.get('Content-Language'), language.startsWith('sw') ? 'sw' : 'en');
    }
    assert.match(cases[0]!.message, /^The amount must be at least .*50/);
    assert.match(cases[2]!.message, /^Kiasi kisipungue .*50/);
    assert.equal(backend.sandbox!.calls.create, 0);
  });

  it('the config’s language answers a payer whose browser asks for none of ours', async () => {
    const { create } = make(exampleConfig({ language: 'sw' }));
    const response = await create(pageBody({ accountReference: 'nope' }), { 'Accept-Language': 'fr' });
    assert.equal((await json<ErrorBody>(response)).error.message, sw.unknownItem);
  });

  it('an unknown item, or none: 400 unknown_item as JSON, no link', async () => {
    const { backend, create } = make();
    for (const accountReference of ['nope', '__proto__', 'constructor', 'toString', undefined]) {
      const response = await create(pageBody({ accountReference }));
      assert.equal(response.status, 400, String(accountReference));
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
      assert.deepEqual(await json(response), { error: { code: 'unknown_item', message: en.unknownItem } });
    }
    const swahili = await create(pageBody({ accountReference: 'nope' }), { 'Accept-Language': 'sw' });
    assert.equal((await json<ErrorBody>(swahili)).error.message, sw.unknownItem);
    assert.equal(backend.sandbox!.calls.create, 0);
  });

  it('a page on a foreign origin: 403 origin_not_allowed, nothing read, no link', async () => {
    const { backend, create } = make();
    const response = await create(pageBody(), { Origin: FOREIGN });
    assert.equal(response.status, 403);
    assert.equal((await json<ErrorBody>(response)).error.code, 'origin_not_allowed');
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(backend.sandbox!.calls.create, 0);
  });

  it('a refusal’s log line names what the merchant can change: allowedOrigins in the config, TRUST_PROXY', async (t) => {
    const warnings: string[] = [];
    t.mock.method(console, 'warn', (line: string) => warnings.push(line));
    const { create } = make();
    await create(pageBody(), { Origin: FOREIGN });
    await create(pageBody(), { Origin: FOREIGN });
    assert.equal(warnings.length, 1, 'one line per distinct refusal');
    assert.match(warnings[0]!, /"allowedOrigins" in almara\.config\.json/);
    assert.match(warnings[0]!, /TRUST_PROXY=1/);
    assert.ok(warnings[0]!.includes(JSON.stringify(FOREIGN)));
    // The server module's own options are not the merchant's here.
    assert.doesNotMatch(warnings[0]!, /publicOrigin|trustProxy:/);
  });

  it('CORS preflight: from an allowed origin 204 with POST and the asked headers; from a foreign one 403', async () => {
    const { fetch } = make();
    const preflight = (origin: string) =>
      fetch('/api/payment-link', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      });
    const allowed = await preflight(SHOP);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('Access-Control-Allow-Origin'), SHOP);
    assert.match(allowed.headers.get('Access-Control-Allow-Methods') ?? '', /\bPOST\b/);
    assert.match(allowed.headers.get('Access-Control-Allow-Headers') ?? '', /idempotency-key/i);
    const foreign = await preflight(FOREIGN);
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('one link per Idempotency-Key: the retry gets the same link', async () => {
    const { backend, create } = make();
    const key = crypto.randomUUID();
    const first = await json<Link>(await create(pageBody(), { 'Idempotency-Key': key }));
    const again = await create(pageBody(), { 'Idempotency-Key': key });
    assert.equal(again.status, 200);
    assert.deepEqual(await json<Link>(again), first);
    assert.equal(backend.sandbox!.calls.create, 1);
  });

  it('rateLimit of the config: payment links per payer address are limited, the thank-you page’s polls are not', async () => {
    const { create, fetch, backend } = make(exampleConfig({ rateLimit: { max: 2 } }));
    const payer = '203.0.113.7';
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create(pageBody(), {}, payer)).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal(backend.sandbox!.calls.create, 2);
    // A thank-you page polls every few seconds: far more than two links' worth.
    const made = await json<Link>(await create(pageBody(), {}, '203.0.113.8'));
    const polls = [];
    for (let i = 0; i < 10; i++)
      polls.push(
        (await fetch(`/api/payment-status?id=${made.id}`, { headers: { Origin: SHOP } }, '203.0.113.8')).status,
      );
    assert.deepEqual(polls, Array(10).fill(200));
  });
});

describe('GET /api/payment-status', () => {
  it('a link made here: pending, then paid once the sandbox says so; nothing of the payer', async () => {
    const { backend, create, fetch } = make();
    const link = await json<Link>(await create(pageBody()));
    const status = async () => {
      const response = await fetch(`/api/payment-status?id=${link.id}`, { headers: { Origin: SHOP } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), SHOP);
      const text = await response.text();
      assertNoPayer(text, 'the status');
      return JSON.parse(text) as Record<string, unknown>;
    };
    assert.deepEqual(await status(), {
      id: link.id,
      status: 'pending',
      amount: 1500,
      currency: 'KES',
      description: 'Kikoi beach wrap',
    });
    assert.equal(backend.sandbox!.setLinkStatus(link.id, 'paid')?.status, 'paid');
    const paid = await status();
    assert.equal(paid['status'], 'paid');
    assert.equal(typeof paid['paidAt'], 'string');
  });

  it('the sandbox’s clock (`now`): a link still pending a day on is expired', async () => {
    let time = Date.UTC(2026, 0, 5, 9);
    const { create, fetch } = make(exampleConfig(), {}, { now: () => time });
    const link = await json<Link>(await create(pageBody()));
    time += 25 * 60 * 60 * 1000;
    const response = await fetch(`/api/payment-status?id=${link.id}`);
    assert.equal((await json<{ status: string }>(response)).status, 'expired');
  });

  it('an unknown id 404, a malformed one 400, a foreign origin 403: JSON each', async () => {
    const { fetch } = make();
    const unknown = await fetch('/api/payment-status?id=pl_000000000000000000000000');
    assert.equal(unknown.status, 404);
    assert.equal((await json<ErrorBody>(unknown)).error.code, 'not_found');
    const malformed = await fetch('/api/payment-status?id=%3Cscript%3E');
    assert.equal(malformed.status, 400);
    assert.equal((await json<ErrorBody>(malformed)).error.code, 'invalid_id');
    const foreign = await fetch('/api/payment-status?id=pl_x', { headers: { Origin: FOREIGN } });
    assert.equal(foreign.status, 403);
  });
});

describe('GET /api/items: the public catalogue', () => {
  it('every item: description, currency, price or bounds, nothing else; CORS *', async () => {
    const { fetch } = make();
    const response = await fetch('/api/items', { headers: { Origin: FOREIGN } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
    assert.deepEqual(await json(response), {
      items: {
        'kikoi-wrap': { description: 'Kikoi beach wrap', currency: 'KES', price: 1500 },
        'tree-fund': { description: 'Tree fund', currency: 'KES', min: 50, max: 100000 },
      },
    });
  });

  it('/api/items/{item}: one item; URL-encoded keys; CORS *', async () => {
    const { fetch } = make(
      exampleConfig({
        items: {
          'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
          Tree_2: { description: 'T', min: 1, max: 2 },
        },
      }),
    );
    const one = await fetch('/api/items/kikoi-wrap');
    assert.equal(one.status, 200);
    assert.equal(one.headers.get('Access-Control-Allow-Origin'), '*');
    assert.deepEqual(await json(one), { description: 'Kikoi beach wrap', currency: 'KES', price: 1500 });
    const encoded = await fetch('/api/items/%6Bikoi%2Dwrap');
    assert.equal(encoded.status, 200);
    assert.deepEqual(await json(encoded), { description: 'Kikoi beach wrap', currency: 'KES', price: 1500 });
    assert.deepEqual(await json(await fetch('/api/items/Tree%5F2')), {
      description: 'T',
      currency: 'KES',
      min: 1,
      max: 2,
    });
  });

  it('__proto__, constructor, an unknown key, a broken escape, a nested path: 404 unknown_item, CORS *', async () => {
    const { fetch } = make();
    for (const path of [
      '__proto__',
      'constructor',
      'hasOwnProperty',
      '%5F%5Fproto%5F%5F',
      'nope',
      '',
      'kikoi-wrap/extra',
      'kikoi-wrap%2Fextra',
      '%E0%A4%A',
      '%zz',
    ]) {
      const response = await fetch(`/api/items/${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*', path);
      assert.equal((await json<ErrorBody>(response)).error.code, 'unknown_item', path);
    }
  });

  it('OPTIONS 204 and HEAD 200 with CORS *; a POST 405', async () => {
    const { fetch } = make();
    const options = await fetch('/api/items', { method: 'OPTIONS', headers: { Origin: FOREIGN } });
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('Access-Control-Allow-Origin'), '*');
    const head = await fetch('/api/items/kikoi-wrap', { method: 'HEAD' });
    assert.equal(head.status, 200);
    const post = await fetch('/api/items', { method: 'POST', body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('Allow'), 'GET, HEAD');
    assert.equal((await json<ErrorBody>(post)).error.code, 'method_not_allowed');
  });
});

describe('GET /almara-pay-link.js and /almara-pay-status.js', () => {
  it('backend.scripts: both files, each with its versioned path and integrity', () => {
    const { backend } = make();
    assert.deepEqual(
      backend.scripts.map((script) => script.name),
      ['almara-pay-link.js', 'almara-pay-status.js'],
    );
    for (const script of backend.scripts) {
      assert.match(script.path, new RegExp(`^/${script.name.replace('.', '\\.')}\\?v=[A-Za-z0-9_-]{12}$`));
      assert.match(script.integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
    }
  });

  for (const name of ['almara-pay-link.js', 'almara-pay-status.js'] as const) {
    it(`${name}: JavaScript, CORS *, an ETag; 304 to If-None-Match; the body’s sha384 is its integrity`, async () => {
      const { backend, fetch } = make();
      const script = backend.scripts.find((entry) => entry.name === name)!;
      const response = await fetch(`/${name}`, { headers: { Origin: FOREIGN } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Content-Type'), 'text/javascript; charset=utf-8');
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
      assert.equal(response.headers.get('Cache-Control'), 'public, max-age=0, must-revalidate');
      const etag = response.headers.get('ETag');
      assert.match(etag ?? '', /^"[A-Za-z0-9_-]{12}"$/);
      const body = new Uint8Array(await response.arrayBuffer());
      assert.ok(body.length > 1000);
      assert.equal(sha384(body), script.integrity);

      for (const match of [etag!, `"other", ${etag!}`]) {
        const again = await fetch(`/${name}`, { headers: { 'If-None-Match': match } });
        assert.equal(again.status, 304, match);
        assert.equal(again.headers.get('ETag'), etag);
        assert.equal(again.headers.get('Access-Control-Allow-Origin'), '*');
        assert.equal((await again.arrayBuffer()).byteLength, 0);
      }
      const changed = await fetch(`/${name}`, { headers: { 'If-None-Match': '"old"' } });
      assert.equal(changed.status, 200);
    });

    it(`${name}: the versioned URL is immutable; a wrong version must revalidate; HEAD has no body; POST 405`, async () => {
      const { backend, fetch } = make();
      const script = backend.scripts.find((entry) => entry.name === name)!;
      const versioned = await fetch(script.path);
      assert.equal(versioned.status, 200);
      assert.equal(versioned.headers.get('Cache-Control'), 'public, max-age=31536000, immutable');
      assert.equal(sha384(new Uint8Array(await versioned.arrayBuffer())), script.integrity);
      const wrong = await fetch(`/${name}?v=000000000000`);
      assert.equal(wrong.status, 200);
      assert.equal(wrong.headers.get('Cache-Control'), 'public, max-age=0, must-revalidate');
      const head = await fetch(`/${name}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal((await head.arrayBuffer()).byteLength, 0);
      const post = await fetch(`/${name}`, { method: 'POST' });
      assert.equal(post.status, 405);
    });
  }

  it('the files do not vary by language: no Vary: Accept-Language for a cache to split them by', async () => {
    const { fetch } = make();
    const response = await fetch('/almara-pay-link.js');
    assert.doesNotMatch(response.headers.get('Vary') ?? '', /Accept-Language/i);
  });
});

describe('GET /healthz and the rest', () => {
  it('/healthz: 200 {ok: true} without Redis, not cached', async () => {
    const { fetch } = make();
    const response = await fetch('/healthz');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    assert.deepEqual(await json(response), { ok: true });
  });

  it('an unknown path: a JSON 404', async () => {
    const { fetch } = make();
    for (const path of ['/', '/nope', '/api', '/api/payment-links', '/almara-pay-link.js/x', '/sandboxes']) {
      const response = await fetch(path);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/, path);
      assert.equal((await json<ErrorBody>(response)).error.code, 'not_found', path);
    }
  });
});

describe('the log lines', () => {
  it('one per request, with the item and the link id; never the payer’s name, email or phone', async () => {
    const { backend, lines, create, fetch } = make();
    const link = await json<Link>(await create(pageBody()));
    await create(pageBody({ accountReference: 'tree-fund', amount: 10 }));
    await create(pageBody({ accountReference: 'nope' }));
    await create(pageBody(), { Origin: FOREIGN });
    await create('{"firstName": "Wanjiku", "lastName": "Kamau", "emailAddress": "wanjiku@example', {});
    await create(pageBody({ phoneNumber: 'not a phone 0712 345 678' }));
    await fetch(`/api/payment-status?id=${link.id}`);
    backend.sandbox!.setLinkStatus(link.id, 'paid');
    await fetch(`/api/payment-status?id=${link.id}`);
    await fetch('/api/items');
    await fetch('/almara-pay-link.js');
    await fetch('/healthz');
    await fetch('/nope?email=x');

    assert.equal(lines.length, 12);
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    assertNoPayer(text, 'the log');
    for (const line of lines) {
      assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(line.ms >= 0 && Number.isFinite(line.ms));
      assert.deepEqual(
        Object.keys(line).filter((key) => !['time', 'method', 'path', 'status', 'ms', 'item', 'link'].includes(key)),
        [],
      );
    }
    const brief = lines.map(({ method, path, status, item, link: id }) => ({ method, path, status, item, link: id }));
    assert.deepEqual(brief.slice(0, 3), [
      { method: 'POST', path: '/api/payment-link', status: 200, item: 'kikoi-wrap', link: link.id },
      { method: 'POST', path: '/api/payment-link', status: 400, item: 'tree-fund', link: undefined },
      { method: 'POST', path: '/api/payment-link', status: 400, item: 'nope', link: undefined },
    ]);
    assert.deepEqual(
      brief.slice(3).map(({ path, status }) => `${path} ${status}`),
      [
        '/api/payment-link 403',
        '/api/payment-link 400',
        '/api/payment-link 400',
        '/api/payment-status 200',
        '/api/payment-status 200',
        '/api/items 200',
        '/almara-pay-link.js 200',
        '/healthz 200',
        '/nope 404',
      ],
    );
    assert.equal(lines[6]!.link, link.id);
    assert.equal(lines[7]!.link, link.id);
  });

  it('by default one line of JSON on stdout (console.log)', async () => {
    const written: unknown[][] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => written.push(args);
    try {
      const backend = createBackend(exampleConfig(), {});
      open.push(backend);
      await backend(new Request('https://pay.shop.example/healthz'));
    } finally {
      console.log = original;
    }
    assert.equal(written.length, 1);
    assert.equal(written[0]!.length, 1);
    const line = JSON.parse(written[0]![0] as string) as Record<string, unknown>;
    assert.equal(line['path'], '/healthz');
    assert.equal(line['status'], 200);
  });
});

describe('with Redis (a real redis-server)', () => {
  let redis: RedisServer;
  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await Promise.all(open.splice(0).map((backend) => backend.close()));
    await redis.stop();
  });

  it('/healthz: 200 with redis ok', { timeout: 30_000 }, async () => {
    const { backend, fetch } = make(exampleConfig(), { REDIS_URL: redis.url });
    assert.equal(backend.shared, true);
    await waitFor('Redis to connect', async () => (await backend.health()).ok);
    const response = await fetch('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await json(response), { ok: true, redis: 'ok' });
  });

  it(
    'two backends, one REDIS_URL: one Idempotency-Key, one link, whichever backend each try reaches',
    { timeout: 30_000 },
    async () => {
      const a = make(exampleConfig(), { REDIS_URL: redis.url });
      const b = make(exampleConfig(), { REDIS_URL: redis.url });
      await waitFor('Redis to connect', async () => (await a.backend.health()).ok && (await b.backend.health()).ok);
      const key = crypto.randomUUID();
      const first = await a.create(pageBody(), { 'Idempotency-Key': key });
      assert.equal(first.status, 200);
      const second = await b.create(pageBody(), { 'Idempotency-Key': key });
      assert.equal(second.status, 200);
      assert.equal(second.headers.get('Idempotent-Replayed'), 'true');
      const [one, two] = [await json<Link>(first), await json<Link>(second)];
      assert.deepEqual(two, one);
      assert.equal(a.backend.sandbox!.calls.create + b.backend.sandbox!.calls.create, 1);

      // At the same time, a new key: still one link.
      const together = crypto.randomUUID();
      const answers = await Promise.all([
        a.create(pageBody(), { 'Idempotency-Key': together }),
        b.create(pageBody(), { 'Idempotency-Key': together }),
      ]);
      const links = await Promise.all(answers.map((answer) => json<Link>(answer)));
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200],
      );
      assert.equal(links[0]!.id, links[1]!.id);
      assert.equal(a.backend.sandbox!.calls.create + b.backend.sandbox!.calls.create, 2);
    },
  );

  it('the thank-you page’s polls do not eat the payer’s budget of payment links', { timeout: 30_000 }, async () => {
    const { backend, create, fetch } = make(exampleConfig(), { REDIS_URL: redis.url });
    await waitFor('Redis to connect', async () => (await backend.health()).ok);
    const payer = '203.0.113.50';
    const link = await json<Link>(await create(pageBody(), {}, payer));
    for (let i = 0; i < 25; i++) {
      const poll = await fetch(`/api/payment-status?id=${link.id}`, {}, payer);
      assert.equal(poll.status, 200, `poll ${i}`);
    }
    const next = await create(pageBody(), {}, payer);
    assert.equal(next.status, 200, JSON.stringify(await next.clone().json()));
  });

  it(
    'Redis stopped: /healthz 503 at once (no hang), a create and a status refused 503 store_unavailable, no link; back: both work',
    { timeout: 30_000 },
    async () => {
      const { backend, create, fetch } = make(exampleConfig(), { REDIS_URL: redis.url });
      await waitFor('Redis to connect', async () => (await backend.health()).ok);
      await redis.kill();
      try {
        await waitFor('/healthz to say down', async () => (await fetch('/healthz')).status === 503, 5000);
        // Every later check answers at once, while node-redis keeps reconnecting.
        for (let i = 0; i < 3; i++) {
          const started = Date.now();
          const response = await fetch('/healthz');
          assert.equal(response.status, 503);
          assert.deepEqual(await json(response), { ok: false, redis: 'down' });
          assert.ok(Date.now() - started < 2500, `answered in ${Date.now() - started} ms`);
        }
        const refused = await create(pageBody(), { 'Idempotency-Key': crypto.randomUUID() });
        assert.equal(refused.status, 503);
        assert.equal((await json<ErrorBody>(refused)).error.code, 'store_unavailable');
        assert.equal(backend.sandbox!.calls.create, 0, 'no link made without the store');
        // The thank-you page's question, refused the same way (503, which its element asks
        // again after), not as a bug of ours (500).
        const status = await fetch('/api/payment-status?id=pl_abc', { headers: { Origin: SHOP } });
        assert.equal(status.status, 503);
        assert.equal((await json<ErrorBody>(status)).error.code, 'store_unavailable');
      } finally {
        await redis.restart();
      }
      await waitFor('/healthz to say ok', async () => (await fetch('/healthz')).status === 200, 10_000);
      const created = await create(pageBody(), { 'Idempotency-Key': crypto.randomUUID() });
      assert.equal(created.status, 200);
    },
  );

  it(
    'a Redis that is not there at start: /healthz 503 at once, and close() does not wait for it',
    { timeout: 30_000 },
    async () => {
      const nowhere = `redis://127.0.0.1:${await freePort()}`;
      const backend = createBackend(exampleConfig(), { REDIS_URL: nowhere }, { log: () => {} });
      try {
        const started = Date.now();
        const response = await backend(new Request('https://pay.shop.example/healthz'));
        assert.equal(response.status, 503);
        assert.ok(Date.now() - started < 2500, `answered in ${Date.now() - started} ms`);
      } finally {
        const closing = Date.now();
        await Promise.race([
          backend.close(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('close() hangs')), 3000)),
        ]);
        assert.ok(Date.now() - closing < 3000);
      }
    },
  );
});
