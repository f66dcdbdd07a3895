/**
 * The handler's policies as a merchant configures them and a browser meets them, over real
 * HTTP in front of the sandbox: which pages may call (CORS), what it refuses at start-up,
 * the Idempotency-Key under concurrency and across processes, and a store that fails.
 * Nothing here sleeps: the waits of the idempotency runner run on an injected clock.
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { en } from '../../src/messages/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../../src/sandbox/index.js';
import {
  AlmaraApiError,
  createPaymentLinkHandler,
  MemoryIdempotencyStore,
  PaymentLinkError,
  toNodeHandler,
  type IdempotencyStore,
  type PaymentRequest,
  type PaymentLinkHandler,
  type PaymentLinkHandlerOptions,
} from '../../src/server/index.js';
import {
  elementBody,
  listen,
  readJson,
  sandboxClient,
  startBackend,
  THANKS,
  type Backend,
  type ErrorJson,
  testClock,
} from './support.js';

const SHOP = 'https://shop.example';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The largest body the handler reads (contract §4: 16 KB). */
const MAX_BODY_BYTES = 16 * 1024;

type Link = { url: string; id: string };

/** A CORS preflight as a browser sends it before a cross-origin POST. */
function preflight(url: string, origin: string | null, requestHeaders?: string): Promise<Response> {
  const headers: Record<string, string> = { 'Access-Control-Request-Method': 'POST' };
  if (origin !== null) headers['Origin'] = origin;
  if (requestHeaders !== undefined) headers['Access-Control-Request-Headers'] = requestHeaders;
  return fetch(url, { method: 'OPTIONS', headers });
}

/** A handler of one's own on node:http, for options `startBackend` does not cover. */
async function serve(handler: PaymentLinkHandler) {
  const server = await listen(createServer(toNodeHandler(handler)));
  const url = `${server.url}/api/payment-link`;
  return {
    url,
    close: () => server.close(),
    post: (body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
  };
}

/** A promise and its resolver, to hold a request at a point of the test's choosing. */
function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** `promise`, or a failure naming `what` if it has not settled within a second (it should at once). */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting for ${what}`)), 1000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A store that counts the calls made to it, around the default memory store. */
function countingStore(inner: IdempotencyStore = new MemoryIdempotencyStore()) {
  const calls = { claim: 0, complete: 0, release: 0 };
  const store: IdempotencyStore = {
    claim: (...args) => (calls.claim++, inner.claim(...args)),
    complete: (...args) => (calls.complete++, inner.complete(...args)),
    release: (...args) => (calls.release++, inner.release(...args)),
  };
  return { store, calls };
}

describe('CORS: allowedOrigins "*"', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({ allowedOrigins: ['*'] })));
  after(() => backend.close());

  it('serves a page of any site, naming that site (not "*") in Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://any.example', 'http://localhost:5173']) {
      const response = await backend.post(elementBody(), { Origin: origin });
      assert.equal(response.status, 200, origin);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), origin);
      assert.equal(response.headers.get('Access-Control-Allow-Credentials'), null, 'no cookies with "*"');
      const { url } = await readJson<Link>(response);
      assert.ok(url.startsWith(backend.sandbox.url), origin);
    }
  });

  it('answers the preflight of any site', async () => {
    const response = await preflight(backend.url, 'https://any.example');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), 'https://any.example');
    assert.equal(response.headers.get('Access-Control-Allow-Methods'), 'POST');
  });

  it('still refuses the opaque "null" origin (a sandboxed iframe, a file: page): "*" means sites', async () => {
    const response = await backend.post(elementBody(), { Origin: 'null' });
    assert.equal(response.status, 403);
    assert.equal((await readJson<ErrorJson>(response)).error.code, 'origin_not_allowed');
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
    const refused = await preflight(backend.url, 'null');
    assert.equal(refused.status, 403);
    assert.equal((await readJson<ErrorJson>(refused)).error.code, 'origin_not_allowed');
    assert.equal(backend.sandbox.calls.create, 2, 'only the two sites above created links');
  });

  it('a request without Origin (curl, a server) is served with no Access-Control-Allow-Origin at all', async () => {
    const response = await backend.post(elementBody());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null, 'never "null"');
    assert.equal(response.headers.get('Access-Control-Expose-Headers'), null);
    assert.match(response.headers.get('Vary') ?? '', /Origin/);
  });

  it('is refused at start together with allowCredentials: any site could act with the payer’s cookies', async () => {
    const sandbox = await startSandbox();
    try {
      assert.throws(
        () =>
          createPaymentLinkHandler({
            client: sandboxClient(sandbox),
            shortCode: SANDBOX_SHORT_CODE,
            redirectionSite: THANKS,
            allowedOrigins: [SHOP, '*'],
            allowCredentials: true,
          }),
        (error: unknown) => error instanceof TypeError && /allowCredentials/.test(error.message),
      );
    } finally {
      await sandbox.close();
    }
  });
});

describe('CORS: a listed origin, with and without allowCredentials', () => {
  let withCookies: Backend;
  let without: Backend;
  before(async () => {
    withCookies = await startBackend({ allowedOrigins: [SHOP], allowCredentials: true });
    without = await startBackend({ allowedOrigins: [SHOP] });
  });
  after(async () => {
    await withCookies.close();
    await without.close();
  });

  it('allowCredentials: Access-Control-Allow-Credentials: true on the POST and on its preflight', async () => {
    const response = await withCookies.post(elementBody(), { Origin: SHOP });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), SHOP);
    assert.equal(response.headers.get('Access-Control-Allow-Credentials'), 'true');

    const options = await preflight(withCookies.url, SHOP, 'content-type');
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('Access-Control-Allow-Credentials'), 'true');
  });

  it('allowCredentials is not given to a page the merchant did not list', async () => {
    const response = await withCookies.post(elementBody(), { Origin: 'https://evil.example' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('Access-Control-Allow-Credentials'), null);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('without allowCredentials: no Access-Control-Allow-Credentials, so a browser sends no cookies', async () => {
    const response = await without.post(elementBody(), { Origin: SHOP });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Credentials'), null);
    assert.equal((await preflight(without.url, SHOP)).headers.get('Access-Control-Allow-Credentials'), null);
  });

  it('lets the page read Idempotent-Replayed and Retry-After', async () => {
    const response = await without.post(elementBody(), { Origin: SHOP });
    assert.equal(response.headers.get('Access-Control-Expose-Headers'), 'Idempotent-Replayed, Retry-After');
  });

  it('the opaque "null" origin is refused unless listed', async () => {
    const response = await without.post(elementBody(), { Origin: 'null' });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
  });

  it('a preflight that asks for no headers is allowed the element’s own: Content-Type, Idempotency-Key', async () => {
    const response = await preflight(without.url, SHOP);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Headers'), 'Content-Type, Idempotency-Key');
    assert.equal(response.headers.get('Access-Control-Max-Age'), '600');
    assert.match(response.headers.get('Vary') ?? '', /Origin/);
    assert.match(response.headers.get('Vary') ?? '', /Access-Control-Request-Headers/);
  });

  it('a preflight asking for something that is no list of header names gets the element’s own too', async () => {
    for (const asked of ['content-type, x-a b', 'x-a,,x-b', '(x)', '   ']) {
      const response = await preflight(without.url, SHOP, asked);
      assert.equal(response.headers.get('Access-Control-Allow-Headers'), 'Content-Type, Idempotency-Key', asked);
    }
    const spaced = await preflight(without.url, SHOP, 'Content-Type , X-CSRF-Token');
    assert.equal(spaced.headers.get('Access-Control-Allow-Headers'), 'Content-Type , X-CSRF-Token');
  });

  it('a preflight without Origin (no browser’s): 204 with Allow, and no CORS headers', async () => {
    const response = await preflight(without.url, null, 'content-type');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Allow'), 'POST, OPTIONS');
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(response.headers.get('Access-Control-Allow-Headers'), null);
    assert.equal(response.headers.get('Access-Control-Allow-Methods'), null);
  });

  it('a page of the handler’s own origin needs no CORS headers, not even with allowCredentials', async () => {
    const response = await withCookies.post(elementBody(), { Origin: new URL(withCookies.url).origin });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), null);
    assert.equal(response.headers.get('Access-Control-Allow-Credentials'), null);
  });
});

describe('CORS: how allowedOrigins entries are read', () => {
  it('an entry with a path, a trailing slash or upper case names its origin', async () => {
    const backend = await startBackend({ allowedOrigins: ['HTTPS://Shop.Example:443/checkout/', 'null'] });
    try {
      const response = await backend.post(elementBody(), { Origin: SHOP });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), SHOP);
      // Listed on purpose, "null" is served (a sandboxed iframe of the merchant's own).
      const opaque = await backend.post(elementBody(), { Origin: 'null' });
      assert.equal(opaque.status, 200);
      assert.equal(opaque.headers.get('Access-Control-Allow-Origin'), 'null');
      // Still no "null" for a request without any Origin.
      assert.equal((await backend.post(elementBody())).headers.get('Access-Control-Allow-Origin'), null);
      assert.equal((await backend.post(elementBody(), { Origin: 'https://other.example' })).status, 403);
    } finally {
      await backend.close();
    }
  });

  it('an entry that is no origin is refused at start', () => {
    assert.throws(
      () => createPaymentLinkHandler({ client: unusedClient, shortCode: '1', allowedOrigins: ['shop.example'] }),
      (error: unknown) =>
        error instanceof TypeError && /allowedOrigins: not an origin: shop\.example/.test(error.message),
    );
  });
});

/** A client the handler is never asked to use: for options refused before any request. */
const unusedClient: PaymentLinkHandlerOptions['client'] = {
  createPaymentLink: () => Promise.reject(new Error('not called')),
};

describe('options checked at start-up', () => {
  it('shortCode is required: missing or blank, the handler is not made', () => {
    for (const shortCode of [undefined, '', '   ']) {
      assert.throws(
        () =>
          createPaymentLinkHandler({
            client: unusedClient,
            redirectionSite: THANKS,
            shortCode,
          } as PaymentLinkHandlerOptions),
        (error: unknown) => error instanceof TypeError && /shortCode is required/.test(error.message),
        String(shortCode),
      );
    }
  });

  it('a configured redirectionSite that is no http(s) URL is refused at start', () => {
    for (const redirectionSite of [
      'javascript:alert(1)',
      '/thanks',
      'shop.example/thanks',
      'https://a@shop.example/',
    ]) {
      assert.throws(
        () => createPaymentLinkHandler({ client: unusedClient, shortCode: '1', redirectionSite }),
        (error: unknown) => error instanceof TypeError && /redirectionSite/.test(error.message),
        redirectionSite,
      );
    }
  });

  it('an allowedRedirects entry that is no http(s) origin is refused at start', () => {
    assert.throws(
      () =>
        createPaymentLinkHandler({ client: unusedClient, shortCode: '1', allowedRedirects: [SHOP, 'ftp://x.example'] }),
      (error: unknown) => error instanceof TypeError && /allowedRedirects/.test(error.message),
    );
  });

  it('a deadline that is no positive number of ms is refused at start', () => {
    for (const deadline of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => createPaymentLinkHandler({ client: unusedClient, shortCode: '1', deadline }),
        (error: unknown) => error instanceof TypeError && /deadline must be more than 0/.test(error.message),
        String(deadline),
      );
    }
  });

  it('neither a client nor baseUrl and credentials: refused at start', () => {
    const given: Partial<PaymentLinkHandlerOptions>[] = [
      {},
      { baseUrl: 'http://127.0.0.1:1' },
      { credentials: SANDBOX_CREDENTIALS },
    ];
    for (const options of given) {
      assert.throws(
        () => createPaymentLinkHandler({ shortCode: '1', ...options }),
        (error: unknown) => error instanceof TypeError && /baseUrl and credentials/.test(error.message),
        JSON.stringify(options),
      );
    }
  });
});

describe('options: baseUrl and credentials instead of a client', () => {
  it('makes its own client: a link is created at that API with those credentials, the short code trimmed', async () => {
    const sandbox = await startSandbox();
    const server = await serve(
      createPaymentLinkHandler({
        baseUrl: sandbox.url,
        credentials: SANDBOX_CREDENTIALS,
        shortCode: ` ${SANDBOX_SHORT_CODE} `,
        redirectionSite: THANKS,
        onError: () => {},
      }),
    );
    try {
      const response = await server.post(elementBody());
      assert.equal(response.status, 200);
      const { id, url } = await readJson<Link>(response);
      assert.equal(url, `${sandbox.url}/pay/${id}`);
      assert.equal(sandbox.getLink(id)?.shortCode, SANDBOX_SHORT_CODE);
      assert.equal(sandbox.getLink(id)?.redirectionSite, THANKS);
      assert.equal(sandbox.calls.token, 1);
    } finally {
      await server.close();
      await sandbox.close();
    }
  });

  it('wrong credentials given that way: 502 upstream_error', async () => {
    const sandbox = await startSandbox();
    const errors: unknown[] = [];
    const server = await serve(
      createPaymentLinkHandler({
        baseUrl: sandbox.url,
        credentials: { clientId: SANDBOX_CREDENTIALS.clientId, clientSecret: 'wrong' },
        shortCode: SANDBOX_SHORT_CODE,
        redirectionSite: THANKS,
        onError: (error) => errors.push(error),
      }),
    );
    try {
      const response = await server.post(elementBody());
      assert.equal(response.status, 502);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'upstream_error');
      assert.equal(sandbox.calls.create, 0);
      assert.equal(errors.length, 1);
    } finally {
      await server.close();
      await sandbox.close();
    }
  });
});

describe('the body: isAmountSpecified', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  after(() => backend.close());

  it('anything but a boolean: 400, a field the payer does not see, nothing sent upstream', async () => {
    for (const isAmountSpecified of ['true', 1, null, undefined]) {
      const response = await backend.post(elementBody({ isAmountSpecified }));
      assert.equal(response.status, 400, String(isAmountSpecified));
      const { error } = await readJson<ErrorJson>(response);
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.message, 'This payment form is not set up correctly.');
      assert.deepEqual(Object.keys(error.fields ?? {}), ['isAmountSpecified']);
    }
    assert.equal(backend.sandbox.calls.create, 0);
  });

  it('false is a boolean: the link lets the payer choose the amount', async () => {
    const response = await backend.post(elementBody({ isAmountSpecified: false }));
    assert.equal(response.status, 200);
    const { id } = await readJson<Link>(response);
    assert.equal(backend.sandbox.getLink(id)?.isAmountSpecified, false);
  });
});

describe('Idempotency-Key: concurrent requests in one process', () => {
  it('N same-key requests at once: one claim of the store, one upstream create, one link for all', async () => {
    const { store, calls } = countingStore();
    const backend = await startBackend({ store });
    backend.sandbox.faults.latency = 300;
    try {
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => backend.post(elementBody(), { 'Idempotency-Key': 'one-click' })),
      );
      const bodies = await Promise.all(responses.map((response) => readJson<Link>(response)));
      assert.deepEqual(
        responses.map((response) => response.status),
        Array<number>(8).fill(200),
      );
      assert.equal(new Set(bodies.map((body) => body.id)).size, 1);
      assert.equal(backend.sandbox.calls.create, 1);
      assert.equal(calls.claim, 1, 'the others waited in this process, not on the store');
      assert.equal(calls.complete, 1);
      const replayed = responses.filter((response) => response.headers.get('Idempotent-Replayed') === 'true');
      assert.equal(replayed.length, 7, 'all but the first are replays');
    } finally {
      await backend.close();
    }
  });

  it('the same key with other data while the first is under way: 422, never the first request’s link', async () => {
    const { store, calls } = countingStore();
    const started = gate();
    const release = gate();
    const backend = await startBackend({
      store,
      prepare: async () => {
        started.open();
        await release.promise;
        return undefined;
      },
    });
    try {
      const first = backend.post(elementBody(), { 'Idempotency-Key': 'shared-key' });
      await started.promise;
      // Answered while the first is still held: it does not wait for (and get) the first one's link.
      const other = await within(
        backend.post(elementBody({ amount: 2000 }), { 'Idempotency-Key': 'shared-key' }),
        'the 422, while the first request is still under way',
      );
      assert.equal(other.status, 422);
      const body = await readJson<ErrorJson & { url?: string }>(other);
      assert.equal(body.error.code, 'idempotency_key_reused');
      assert.equal(body.url, undefined);
      release.open();
      const done = await first;
      assert.equal(done.status, 200);
      assert.equal(done.headers.get('Idempotent-Replayed'), null);
      assert.equal(backend.sandbox.calls.create, 1);
      assert.equal(calls.claim, 1, 'the conflict was seen in this process');
    } finally {
      release.open();
      await backend.close();
    }
  });

  it('a same-key request waiting in this process gets the first one’s failure too, not a second try', async () => {
    const backend = await startBackend({});
    backend.sandbox.faults.latency = 200;
    // A 429 (Almara busy) made nothing and frees the key: only the wait in this process keeps the
    // second request from going upstream.
    backend.sandbox.faults.failNext(1, 429, 'create');
    try {
      const [a, b] = await Promise.all([
        backend.post(elementBody(), { 'Idempotency-Key': 'refused-once' }),
        backend.post(elementBody(), { 'Idempotency-Key': 'refused-once' }),
      ]);
      assert.deepEqual([a.status, b.status], [502, 502]);
      assert.deepEqual(await b.json(), await a.json());
      assert.equal(backend.sandbox.calls.create, 1);
    } finally {
      await backend.close();
    }
  });
});

describe('a merchant store that fails', () => {
  it('claim throws (Redis down): a JSON 503 store_unavailable (fail closed), no stack, the error in onError', async () => {
    const down = new Error('connect ECONNREFUSED 10.0.0.5:6379 (auth hunter2)');
    const failing: IdempotencyStore = {
      claim: () => Promise.reject(down),
      complete: () => Promise.reject(down),
      release: () => Promise.reject(down),
    };
    const backend = await startBackend({ store: failing });
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'k' });
      assert.equal(response.status, 503);
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        error: { code: 'store_unavailable', message: 'Payments are unavailable right now. Please try again.' },
      });
      assert.doesNotMatch(text, /hunter2|ECONNREFUSED|\bat\b/);
      assert.ok(backend.errors.includes(down), 'the store’s error was reported');
      assert.equal(backend.sandbox.calls.create, 0, 'no link without a claimed key');

      // Without a key the store is not used, and the payment goes through.
      assert.equal((await backend.post(elementBody())).status, 200);
    } finally {
      await backend.close();
    }
  });
});

describe('the clock: how long a key is remembered (no test waits for it)', () => {
  it('by default a key’s link is remembered 24 hours: a retry a minute before gets it, one after makes a new one', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock });
    try {
      const first = await readJson<Link>(await backend.post(elementBody(), { 'Idempotency-Key': 'day' }));
      clock.time += DAY_MS - 60_000;
      const sameDay = await backend.post(elementBody(), { 'Idempotency-Key': 'day' });
      assert.equal(sameDay.headers.get('Idempotent-Replayed'), 'true');
      assert.equal((await readJson<Link>(sameDay)).id, first.id);
      assert.equal(backend.sandbox.calls.create, 1);

      clock.time += 60_000;
      const nextDay = await backend.post(elementBody(), { 'Idempotency-Key': 'day' });
      assert.equal(nextDay.status, 200);
      assert.equal(nextDay.headers.get('Idempotent-Replayed'), null);
      assert.notEqual((await readJson<Link>(nextDay)).id, first.id);
      assert.equal(backend.sandbox.calls.create, 2);
    } finally {
      await backend.close();
    }
  });

  it('idempotencyTtl is read on the same clock', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock, idempotencyTtl: 5 * 60_000 });
    try {
      const first = await readJson<Link>(await backend.post(elementBody(), { 'Idempotency-Key': 'five' }));
      clock.time += 5 * 60_000 - 1;
      assert.equal(
        (await readJson<Link>(await backend.post(elementBody(), { 'Idempotency-Key': 'five' }))).id,
        first.id,
      );
      clock.time += 1;
      assert.notEqual(
        (await readJson<Link>(await backend.post(elementBody(), { 'Idempotency-Key': 'five' }))).id,
        first.id,
      );
    } finally {
      await backend.close();
    }
  });

  it('rateLimit windows run on the clock: Retry-After counts down, the budget comes back after the window', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock, rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      const over = await backend.post(elementBody());
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('Retry-After'), '60');
      clock.time += 59_001;
      const almost = await backend.post(elementBody());
      assert.equal(almost.status, 429);
      assert.equal(almost.headers.get('Retry-After'), '1');
      clock.time += 999;
      assert.equal((await backend.post(elementBody())).status, 200);
      assert.equal(backend.sandbox.calls.create, 2);
    } finally {
      await backend.close();
    }
  });
});

describe('the clock: a key another process holds', () => {
  it('a store whose claim finds the key under way for 10 s: a retryable 503 idempotency_in_progress, nothing created', async () => {
    const clock = testClock();
    const underWay: IdempotencyStore = {
      claim: (_key, fingerprint) => Promise.resolve({ fingerprint }),
      complete: () => Promise.reject(new Error('not claimed here')),
      release: () => Promise.reject(new Error('not claimed here')),
    };
    const backend = await startBackend({ clock, store: underWay });
    const start = clock.time;
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'elsewhere' });
      assert.equal(response.status, 503, 'a status the element retries with the same key');
      assert.equal(response.headers.get('Retry-After'), '1');
      assert.deepEqual(await readJson<ErrorJson>(response), {
        error: { code: 'idempotency_in_progress', message: en.inProgress },
      });
      // The documented wait: 10 s, looking every 250 ms, and not a look more.
      assert.equal(clock.time - start, 10_000, 'waited 10 s of the clock');
      assert.equal(clock.sleeps, 40, 'looked again every 250 ms');
      assert.equal(backend.sandbox.calls.create, 0);
      assert.deepEqual(backend.errors, []);
    } finally {
      await backend.close();
    }
  });

  it('two handlers sharing a store: while the first holds the key the second answers 503, then the first’s link', async () => {
    const store = new MemoryIdempotencyStore();
    const started = gate();
    const release = gate();
    const one = await startBackend({
      store,
      prepare: async () => {
        started.open();
        await release.promise;
        return undefined;
      },
    });
    const clock = testClock();
    const two = await startBackend({ store, clock }, { baseUrl: one.sandbox.url });
    try {
      const first = one.post(elementBody(), { 'Idempotency-Key': 'two-processes' });
      await started.promise;
      const busy = await two.post(elementBody(), { 'Idempotency-Key': 'two-processes' });
      assert.equal(busy.status, 503);
      assert.equal(busy.headers.get('Retry-After'), '1');
      assert.equal((await readJson<ErrorJson>(busy)).error.code, 'idempotency_in_progress');

      release.open();
      const link = await readJson<Link>(await first);
      const retry = await two.post(elementBody(), { 'Idempotency-Key': 'two-processes' });
      assert.equal(retry.status, 200);
      assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
      assert.deepEqual(await readJson<Link>(retry), link);
      assert.equal(one.sandbox.calls.create, 1);
      assert.equal(two.sandbox.calls.create, 0);
    } finally {
      release.open();
      await one.close();
      await two.close();
    }
  });

  it('the first process finishing during the wait: the second answers its link, a replay, no second create', async () => {
    const store = new MemoryIdempotencyStore();
    const started = gate();
    const release = gate();
    const one = await startBackend({
      store,
      prepare: async () => {
        started.open();
        await release.promise;
        return undefined;
      },
    });
    const clock = testClock();
    const two = await startBackend({ store, clock }, { baseUrl: one.sandbox.url });
    try {
      const first = one.post(elementBody(), { 'Idempotency-Key': 'finishes' });
      await started.promise;
      let firstDone: Promise<Response> | undefined;
      // On its third look the first process finishes.
      clock.onSleep = async (count) => {
        if (count !== 3) return;
        release.open();
        firstDone = first;
        await (await first).clone().text();
      };
      const waited = await two.post(elementBody(), { 'Idempotency-Key': 'finishes' });
      assert.equal(waited.status, 200);
      assert.equal(waited.headers.get('Idempotent-Replayed'), 'true');
      assert.ok(firstDone, 'it was still waiting when the first finished');
      assert.deepEqual(await readJson<Link>(waited), await readJson<Link>(await firstDone));
      assert.equal(clock.sleeps, 3, 'it stopped looking once the link was there');
      assert.equal(one.sandbox.calls.create, 1);
      assert.equal(two.sandbox.calls.create, 0);
    } finally {
      release.open();
      await one.close();
      await two.close();
    }
  });
});

describe('every answer, and how requests are read', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend()));
  after(() => backend.close());

  it('answers JSON that no browser caches or sniffs as anything else, success and error alike', async () => {
    for (const response of [await backend.post(elementBody()), await backend.post({})]) {
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/json; charset=utf-8$/);
      assert.equal(response.headers.get('Cache-Control'), 'no-store');
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
    }
  });

  it('a Content-Type with spaces and capitals is still JSON; no Content-Type at all is 415', async () => {
    const spaced = await fetch(backend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'Application/JSON ; charset=UTF-8' },
      body: JSON.stringify(elementBody()),
    });
    assert.equal(spaced.status, 200);

    // A byte body: fetch sets no Content-Type of its own.
    const none = await fetch(backend.url, { method: 'POST', body: new TextEncoder().encode('{}') });
    assert.equal(none.status, 415);
    assert.equal((await readJson<ErrorJson>(none)).error.code, 'unsupported_media_type');
  });

  it('any method but POST and OPTIONS: 405 method_not_allowed, with Allow', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(backend.url, { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('Allow'), 'POST, OPTIONS');
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'method_not_allowed');
    }
  });

  it('a body of exactly 16 KB is read; one byte more is 413, declared or chunked', async () => {
    const sized = (bytes: number) => {
      const base = JSON.stringify({ ...elementBody(), padding: '' });
      // Keys that are not the request's own are dropped by the schema: the padding changes nothing.
      return JSON.stringify({ ...elementBody(), padding: 'x'.repeat(bytes - base.length) });
    };
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return fetch(backend.url, {
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
    };
    const exact = sized(MAX_BODY_BYTES);
    assert.equal(new TextEncoder().encode(exact).length, MAX_BODY_BYTES);
    assert.equal((await backend.post(exact)).status, 200);
    assert.equal((await chunked(exact)).status, 200);
    assert.equal((await backend.post(sized(MAX_BODY_BYTES + 1))).status, 413);
    assert.equal((await chunked(sized(MAX_BODY_BYTES + 1))).status, 413);
  });

  it('a declared length over 16 KB is refused at once, before a byte of the body arrives', async () => {
    const { port } = new URL(backend.url);
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/payment-link',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(1024 * 1024 * 1024) },
    });
    try {
      request.write('{"firstName":'); // and the rest of the gigabyte never comes
      const response = await within(
        new Promise<IncomingMessage>((resolve, reject) => {
          request.once('response', resolve);
          request.once('error', reject);
        }),
        'the 413 to a 1 GB upload',
      );
      assert.equal(response.statusCode, 413);
      response.resume();
    } finally {
      request.destroy();
    }
  });

  it('bytes that are not UTF-8: 400 invalid_json, never a name with a replacement character', async () => {
    const json = new TextEncoder().encode(JSON.stringify(elementBody({ firstName: 'Wanjiku#' })));
    json[json.indexOf('#'.charCodeAt(0))] = 0xff;
    const response = await fetch(backend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: json,
    });
    assert.equal(response.status, 400);
    assert.equal((await readJson<ErrorJson>(response)).error.code, 'invalid_json');
  });

  it('a character split between two chunks of the body arrives whole', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(elementBody({ firstName: 'Zoë', lastName: 'Wanjikũ' })));
    const cut = bytes.indexOf(0xc3) + 1; // inside ë's two bytes
    const response = await fetch(backend.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new ReadableStream({
        async start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          // Long enough for the first part to be read on its own.
          await new Promise((resolve) => setTimeout(resolve, 30));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 200);
    const { id } = await readJson<Link>(response);
    assert.equal(backend.sandbox.getLink(id)?.firstName, 'Zoë');
    assert.equal(backend.sandbox.getLink(id)?.lastName, 'Wanjikũ');
  });
});

describe('amount bounds are worded in the request’s currency', () => {
  let backend: Backend;
  before(async () => (backend = await startBackend({ amountBounds: { minAmount: 100 } })));
  after(() => backend.close());

  const amountMessage = async (body: Record<string, unknown>) => {
    const { error } = await readJson<ErrorJson>(await backend.post(elementBody(body)));
    return error.fields?.['amount']?.replace(/\s/g, ' ');
  };

  it('in the currency the request names, in capitals', async () => {
    assert.equal(await amountMessage({ amount: 50, currency: 'usd' }), 'The amount must be at least USD 100.');
    assert.equal(await amountMessage({ amount: 50, currency: 'TZS' }), 'The amount must be at least TZS 100.');
  });

  it('in KES when the currency is missing or no currency code', async () => {
    assert.equal(await amountMessage({ amount: 50, currency: undefined }), 'The amount must be at least KES 100.');
    // An array that prints as a currency code (["usd"]) included: no crash, the schema refuses it.
    for (const currency of ['shillings', 'K$S', 'US', 404, ['usd']]) {
      assert.equal(
        await amountMessage({ amount: 50, currency }),
        'The amount must be at least KES 100.',
        String(currency),
      );
    }
  });
});

describe('what the merchant’s logs get', () => {
  it('without onError, failures go to console.error, marked as the package’s', async (t) => {
    const logged: unknown[][] = [];
    t.mock.method(console, 'error', (...args: unknown[]) => void logged.push(args));
    const backend = await startBackend({ onError: undefined });
    backend.sandbox.faults.failNext(1, 500, 'create');
    try {
      assert.equal((await backend.post(elementBody())).status, 502);
      assert.equal(logged.length, 1);
      assert.equal(logged[0]?.[0], '[almara-pay-link]');
      assert.ok(logged[0]?.[1] instanceof Error);
    } finally {
      await backend.close();
    }
  });

  it('the merchant’s own refusal (a PaymentLinkError from prepare) is no failure to log', async () => {
    const backend = await startBackend({
      prepare: () => {
        throw new PaymentLinkError('Sold out.', { status: 409, code: 'sold_out' });
      },
    });
    try {
      assert.equal((await backend.post(elementBody())).status, 409);
      assert.deepEqual(backend.errors, []);
    } finally {
      await backend.close();
    }
  });

  it('no redirectionSite anywhere: 500 configuration_error, the log says where to set it, nothing sent', async () => {
    const backend = await startBackend({ redirectionSite: undefined });
    try {
      const response = await backend.post(elementBody());
      assert.equal(response.status, 500);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'configuration_error');
      assert.equal(backend.errors.length, 1);
      assert.match(String(backend.errors[0]), /no redirectionSite: set it in the handler options or in prepare/);
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });

  it('prepare returning no object, or a body the schema refuses: the log names what is wrong, field by field', async () => {
    const cases: [string, (input: PaymentRequest) => unknown, string][] = [
      ['text', () => 'the order', 'prepare returned no object; nothing was sent to Almara'],
      ['a number', () => 1500, 'prepare returned no object; nothing was sent to Almara'],
      ['an array', (input) => [input], 'prepare returned no object; nothing was sent to Almara'],
      [
        'two fields refused',
        (input) => ({ ...input, emailAddress: '', amount: 0 }),
        'prepare returned a body the shared schema refuses (emailAddress: required, amount: amountTooSmall); nothing was sent to Almara',
      ],
      [
        'two fields not normalised',
        (input) => ({ ...input, phoneNumber: '0712 345 678', currency: 'kes' }),
        'prepare returned a body not in the schema’s normal form (phoneNumber, currency); nothing was sent to Almara'.replace(
          '’',
          "'",
        ),
      ],
    ];
    for (const [what, prepare, logged] of cases) {
      const backend = await startBackend({ prepare: prepare as PaymentLinkHandlerOptions['prepare'] });
      try {
        const response = await backend.post(elementBody());
        assert.equal(response.status, 500, what);
        assert.equal((await readJson<ErrorJson>(response)).error.code, 'configuration_error', what);
        assert.equal((backend.errors[0] as Error | undefined)?.message, logged, what);
        assert.equal(backend.sandbox.calls.create, 0, what);
      } finally {
        await backend.close();
      }
    }
  });
});

describe('rateLimit options', () => {
  it('a budget that is no positive number is refused at start', () => {
    for (const max of [0, -1, Number.NaN]) {
      assert.throws(
        () => createPaymentLinkHandler({ client: unusedClient, shortCode: '1', rateLimit: { max } }),
        (error: unknown) => error instanceof TypeError && /rateLimit\.max must be more than zero/.test(error.message),
        String(max),
      );
    }
  });

  it('the window is a minute by default', async () => {
    const clock = testClock();
    const backend = await startBackend({ clock, rateLimit: { max: 1 } });
    try {
      assert.equal((await backend.post(elementBody())).status, 200);
      const over = await backend.post(elementBody());
      assert.equal(over.status, 429);
      assert.equal(over.headers.get('Retry-After'), '60');
      clock.time += 60_000;
      assert.equal((await backend.post(elementBody())).status, 200);
    } finally {
      await backend.close();
    }
  });
});

describe('what a merchant’s store is asked to do', () => {
  it('a creation that made nothing (Almara busy: 429) frees the key with release(), never complete() for 0 ms', async () => {
    const { store, calls } = countingStore();
    const backend = await startBackend({ store });
    backend.sandbox.faults.failNext(1, 429, 'create');
    try {
      assert.equal((await backend.post(elementBody(), { 'Idempotency-Key': 'made-nothing' })).status, 502);
      assert.deepEqual(calls, { claim: 1, complete: 0, release: 1 });
      assert.equal((await backend.post(elementBody(), { 'Idempotency-Key': 'made-nothing' })).status, 200);
      assert.deepEqual(calls, { claim: 2, complete: 1, release: 1 });
    } finally {
      await backend.close();
    }
  });

  it('an onError that throws does not leave the key claimed: the retry with the same key succeeds', async () => {
    let throws = true;
    const clock = testClock();
    const backend = await startBackend({
      clock,
      onError: () => {
        if (throws) {
          throws = false;
          throw new Error('the merchant’s logger is down');
        }
      },
    });
    backend.sandbox.faults.failNext(1, 500, 'create');
    try {
      const first = await backend.post(elementBody(), { 'Idempotency-Key': 'logger-down' });
      assert.equal(first.status, 500);
      assert.match(first.headers.get('Content-Type') ?? '', /^application\/json/);
      const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'logger-down' });
      assert.equal(retry.status, 200, 'not a wait for a claim nobody holds');
      assert.equal(clock.sleeps, 0);
    } finally {
      await backend.close();
    }
  });

  it('same-key requests waiting in this process for a key another process holds: each answered 503, none crashes', async () => {
    const clock = testClock();
    const underWay: IdempotencyStore = {
      claim: (_key, fingerprint) => Promise.resolve({ fingerprint }),
      complete: () => Promise.reject(new Error('not claimed here')),
      release: () => Promise.reject(new Error('not claimed here')),
    };
    const backend = await startBackend({ clock, store: underWay });
    let second: Promise<Response> | undefined;
    // At the first look the first request is waiting: the second comes in, and is given real
    // time (a tenth of a second) to reach the wait in this process.
    clock.onSleep = async (count) => {
      if (count !== 1) return;
      second = backend.post(elementBody(), { 'Idempotency-Key': 'held-elsewhere' });
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      const first = await backend.post(elementBody(), { 'Idempotency-Key': 'held-elsewhere' });
      assert.ok(second, 'the second request was sent while the first waited');
      const other = await second;
      for (const response of [first, other]) {
        assert.equal(response.status, 503);
        assert.equal((await readJson<ErrorJson>(response)).error.code, 'idempotency_in_progress');
      }
      assert.equal(backend.sandbox.calls.create, 0);
    } finally {
      await backend.close();
    }
  });
});

describe('a merchant’s own client', () => {
  it('an http failure it reports without a status is an unknown outcome: held for the hold, then tried again', async () => {
    const clock = testClock();
    let calls = 0;
    const server = await serve(
      createPaymentLinkHandler({
        client: {
          createPaymentLink: () => {
            calls++;
            return Promise.reject(new AlmaraApiError('create', 'http', 'HTTP (status lost by a proxy)'));
          },
        },
        shortCode: SANDBOX_SHORT_CODE,
        redirectionSite: THANKS,
        clock,
        onError: () => {},
      }),
    );
    try {
      const first = await server.post(elementBody(), { 'Idempotency-Key': 'no-status' });
      assert.equal(first.status, 502);
      assert.equal((await readJson<ErrorJson>(first)).error.code, 'upstream_error');
      clock.time += 59_000;
      const held = await server.post(elementBody(), { 'Idempotency-Key': 'no-status' });
      assert.equal(held.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(calls, 1, 'Almara may have made the link: no second try within the hold');
      clock.time += 1_000;
      assert.equal((await server.post(elementBody(), { 'Idempotency-Key': 'no-status' })).status, 502);
      assert.equal(calls, 2, 'after the hold, not a refusal kept for 24 hours');
    } finally {
      await server.close();
    }
  });
});

/** Waits (real time, in 10 ms steps, 2 s at most) until `done()`; for what happens after an answer. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited >= 2000) assert.fail(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('what Almara says after the deadline (the hold, on the clock; the deadline, real milliseconds)', () => {
  /** A backend with a token already fetched, then every Almara answer `latency` ms late. */
  async function lateBackend(latency: number, options: Partial<PaymentLinkHandlerOptions> = {}, timeout?: number) {
    const clock = testClock();
    const counting = countingStore(new MemoryIdempotencyStore({ now: clock.now }));
    const backend = await startBackend(
      { clock, store: counting.store, deadline: 50, ...options },
      timeout === undefined ? {} : { timeout },
    );
    assert.equal((await backend.post(elementBody())).status, 200, 'the token is in');
    backend.sandbox.faults.latency = latency;
    return { clock, calls: counting.calls, backend };
  }

  it('a refusal that comes late replaces the hold: the retry gets the refusal, not the 504', async () => {
    const { calls, backend } = await lateBackend(200);
    backend.sandbox.faults.failNext(1, 400, 'create');
    try {
      const first = await backend.post(elementBody(), { 'Idempotency-Key': 'late-refusal' });
      assert.equal(first.status, 504);
      await until(() => calls.complete === 2, 'the late refusal to be kept');
      const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'late-refusal' });
      assert.equal(retry.status, 502);
      assert.equal((await readJson<ErrorJson>(retry)).error.code, 'upstream_error');
      assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
      assert.equal(backend.sandbox.calls.create, 2, 'the warm-up and the one refused');
    } finally {
      await backend.close();
    }
  });

  it('a link that comes when the hold has just ended is not written over the key', async () => {
    const { clock, calls, backend } = await lateBackend(200);
    try {
      const first = await backend.post(elementBody(), { 'Idempotency-Key': 'late-after-hold' });
      assert.equal(first.status, 504);
      clock.time += 60_000; // the hold ends now
      await new Promise((resolve) => setTimeout(resolve, 400)); // the late link comes meanwhile
      assert.equal(calls.complete, 1, 'only the hold was written');
      backend.sandbox.faults.latency = 0;
      const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'late-after-hold' });
      assert.equal(retry.status, 200);
      assert.equal(retry.headers.get('Idempotent-Replayed'), null, 'a new try of its own');
    } finally {
      await backend.close();
    }
  });

  it('an outcome still unknown after the deadline leaves the hold as it was: 60 s from the answer', async () => {
    // The client gives up 150 ms in; Almara would answer after 400.
    const { clock, calls, backend } = await lateBackend(400, {}, 150);
    try {
      const first = await backend.post(elementBody(), { 'Idempotency-Key': 'still-unknown' });
      assert.equal(first.status, 504);
      clock.time += 30_000;
      await new Promise((resolve) => setTimeout(resolve, 300)); // the late exchange times out meanwhile
      assert.equal(calls.complete, 1, 'the hold is not written again');
      clock.time += 30_000;
      backend.sandbox.faults.latency = 0;
      const retry = await backend.post(elementBody(), { 'Idempotency-Key': 'still-unknown' });
      assert.equal(retry.status, 200, 'the hold ended 60 s after the first answer');
    } finally {
      await backend.close();
    }
  });
});

describe('a store that fails to keep what was made', () => {
  it('complete() throws: the payer still gets the link, and the merchant’s logs get the store’s error', async () => {
    const inner = new MemoryIdempotencyStore();
    const down = new Error('store write failed');
    const backend = await startBackend({
      store: {
        claim: (...args) => inner.claim(...args),
        complete: () => Promise.reject(down),
        release: (...args) => inner.release(...args),
      },
    });
    try {
      const response = await backend.post(elementBody(), { 'Idempotency-Key': 'unkept' });
      assert.equal(response.status, 200);
      const { id } = await readJson<Link>(response);
      assert.ok(backend.sandbox.getLink(id), 'the link it was given exists');
      assert.ok(backend.errors.includes(down), 'the failure to keep it was reported');
    } finally {
      await backend.close();
    }
  });
});
