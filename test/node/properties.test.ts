/**
 * Properties, with fast-check: what holds for any body and any headers, not only for the
 * ones a test author thought of.
 *
 * - The handler over real HTTP (toNodeHandler on loopback) in front of the sandbox's own
 *   code (its Fetch handler is the client's `fetch`: no upstream sockets, so 10,000
 *   requests take seconds): no crash, no 5xx; every refusal is the contract's error body
 *   and says nothing but sentences of the string tables; one key, one link.
 * - The shared schema: parsing its output again changes nothing; an amount that passes is
 *   a whole number of cents, its own.
 * - The fingerprint: the same hex from node:crypto and from Web Crypto.
 *
 * A failure names the one request (or value) that broke the property, and fast-check's seed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { localeOf, tables, type Language } from '../../src/messages/index.js';
import { formatMoney } from '../../src/money.js';
import { createSandbox, SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, type Sandbox } from '../../src/sandbox/index.js';
import { paymentRequestSchema, type RequestField } from '../../src/schema.js';
import { fingerprintOf, webSha256 } from '../../src/server/idempotency/runner.js';
import { AlmaraPayClient, createPaymentLinkHandler, toNodeHandler } from '../../src/server/index.js';
import { PAYMENT_REQUEST } from '../payer.js';
import { listen, THANKS, type Listening } from './support.js';

const SHOP = 'https://shop.example';
const PAY = 'https://pay.sandbox.example';
const REQUEST_FIELDS = Object.keys(paymentRequestSchema.shape) as RequestField[];

/** Requests per run of the HTTP property, sent with at most `IN_FLIGHT` at a time. */
const BATCH = 40;
const BATCHES = 250;
const IN_FLIGHT = 8;

// ---------------------------------------------------------------------------------------
// Arbitraries: each field as the element sends it, as a payer might type it, and as a
// script might send anything at all.

/** Anything JSON can carry, for a field that expects something else. */
const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** A missing field (left out of the body). */
const MISSING = Symbol('missing');

/**
 * Mostly a value the schema takes (so that thousands of bodies reach Almara), now and
 * then one at or past a rule's edge, junk, or nothing.
 */
const field = <T, E>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<E>) =>
  fc.oneof(
    { arbitrary: valid, weight: 24 },
    { arbitrary: edge, weight: 2 },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(MISSING), weight: 1 },
  );

/** Text the schema takes: trimmed, not blank, at most `max` long. */
const goodText = (samples: string[], max: number) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...samples, 'x'.repeat(max), ` ${'y'.repeat(max)} `), weight: 3 },
    {
      arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((value) => value.trim() !== ''),
      weight: 1,
    },
  );

/** Text at or past the edges: blank, one too long, control characters, lone surrogates. */
const badText = (max: number) =>
  fc.oneof(
    fc.constantFrom('', ' ', '\t\n', '\u00a0', 'x'.repeat(max + 1), '\ud800'),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );

/** Past 2^53 cents a double holds no exact cents: 123456789012345.67 is stored as …345.671875. */
const HUGE = [123456789012345.67, 1e21];

/** Amounts: money, float noise, the smallest doubles, the largest, and numbers that are no money. */
const amount = fc.oneof(
  { arbitrary: fc.maxSafeInteger().map((cents) => cents / 100), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 2_000_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: -100, max: 200_000_000 }).map((cents) => cents / 100), weight: 4 },
  // What arithmetic on prices gives: 0.1 + 0.2, 3 × 579.99…
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 12 }))
      .map(([cents, times]) => (cents / 100) * times),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(0, -0, 0.001, 0.005, 0.009, 0.01, 0.1 + 0.2, 1739.9999999999998, 1e-9, 5e-324, ...HUGE),
    weight: 1,
  },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.double({ min: 0, max: 0.02, noNaN: true }), weight: 1 },
);

const bodyArbitrary = fc
  .record({
    firstName: field(goodText(['Wanjiku', '  Achieng  ', 'Ŵanjikũ', "O'Neil"], 100), badText(100)),
    lastName: field(goodText(['Kamau', 'Otieno', ' Mwangi'], 100), badText(100)),
    emailAddress: field(
      fc.oneof(
        fc.constantFrom('wanjiku@example.com', ' a.b+c@sub.example.co.ke ', 'W@EXAMPLE.COM'),
        fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9+]{1,5})?@[a-z0-9]{1,10}\.[a-z]{2,4}$/),
      ),
      fc.oneof(
        fc.constantFrom('no-at', 'a@b', 'a..b@example.com', '.a@example.com', 'a@example.c', 'é@example.com'),
        fc.emailAddress(),
        badText(254),
      ),
    ),
    phoneNumber: field(
      fc.oneof(
        fc.constantFrom(
          '0712 345 678',
          '+254 712 345 678',
          '254712345678',
          '0112345678',
          '712345678',
          '+44 20 7946 0958',
        ),
        fc.stringMatching(/^0[17][0-9]{2} ?[0-9]{3} ?[0-9]{3}$/),
        fc.stringMatching(/^\+254 ?[17][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}$/),
      ),
      fc.oneof(
        fc.constantFrom('07', '+', '0812345678', '2540712345678', '+7 123'),
        fc.stringMatching(/^\+?[0-9 ()-]{6,16}$/),
        badText(32),
      ),
    ),
    description: field(goodText(['Order 1042', ' Kikoi beach wrap '], 255), badText(255)),
    isAmountSpecified: field(fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, fc.constant(false)), junk),
    amount: field(amount, fc.constantFrom(Number.MAX_VALUE, -1, '1500', null)),
    currency: field(fc.constantFrom('KES', 'kes', ' KES ', 'USD'), fc.constantFrom('ke', 'KESS', '', 'K3S')),
    accountReference: field(goodText(['1042', 'INV-7'], 100), badText(100)),
    paymentType: field(goodText(['mpesa', 'card'], 50), badText(50)),
    redirectionSite: field(
      fc.constantFrom(THANKS, `${SHOP}/orders/1042?ok=1`),
      fc.oneof(
        fc.constantFrom('https://evil.example/', 'javascript:alert(1)', '/relative', 'http://localhost/x'),
        fc.webUrl(),
      ),
    ),
  })
  .chain((fields) =>
    // Optional fields are absent more often than not, as the element leaves them out.
    fc
      .record({
        extra: fc.option(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }), {
          freq: 4,
        }),
        dropOptional: fc.subarray(['currency', 'accountReference', 'paymentType', 'redirectionSite']),
      })
      .map(({ extra, dropOptional }) => {
        const body: Record<string, unknown> = { ...extra };
        for (const [name, value] of Object.entries(fields)) {
          if (value !== MISSING && !dropOptional.includes(name)) body[name] = value;
        }
        return body;
      }),
  );

/** What goes on the wire: JSON of a body, most of the time, or anything else. */
const payloadArbitrary: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { arbitrary: bodyArbitrary.map((body) => JSON.stringify(body)), weight: 24 },
  // A key JSON.parse keeps as an own property, which `{ ...body }` would not.
  {
    arbitrary: bodyArbitrary.map(
      (body) => `{"__proto__":{"amount":1},"constructor":{},${JSON.stringify(body).slice(1)}`,
    ),
    weight: 1,
  },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.constantFrom('', 'null', '[]', '"x"', '{', '{"amount":1e999}'), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 7_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)), weight: 1 },
  // Over the 16 KB limit, valid JSON all the same.
  {
    arbitrary: fc
      .integer({ min: 16 * 1024 - 100, max: 40_000 })
      .map((n) => JSON.stringify({ description: 'x'.repeat(n) })),
    weight: 1,
  },
);

/** Header values Node's HTTP client will send: printable Latin-1. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
/** `arbitrary`, or no header, `absent` times as often. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, absent: number) =>
  fc.oneof({ arbitrary, weight: 1 }, { arbitrary: fc.constant(undefined), weight: absent });

/** Keys from a small pool, so that the same key comes back, with the same data or other. */
const KEY_POOL = ['k1', 'k2', 'k3'];

interface Sent {
  /** `plain`: the handler as most merchants run it; `proxied`: behind a proxy, rate-limited, in Swahili. */
  target: 'plain' | 'proxied';
  method: string;
  path: string;
  headers: Record<string, string>;
  payload: string | Uint8Array;
  chunked: boolean;
  /** A key of `KEY_POOL`, scoped to the batch when sent. */
  pooledKey: string | undefined;
}

const requestArbitrary: fc.Arbitrary<Sent> = fc.record({
  target: fc.constantFrom('plain', 'proxied'),
  method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 14 }, fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS')),
  path: fc.oneof(
    { arbitrary: fc.constant('/api/payment-link'), weight: 8 },
    fc.constantFrom('/', '//evil.example/x'),
    fc.webPath(),
  ),
  payload: payloadArbitrary,
  chunked: fc.boolean(),
  pooledKey: fc.option(fc.constantFrom(...KEY_POOL), { nil: undefined, freq: 2 }),
  headers: fc
    .record({
      'Content-Type': fc.oneof(
        { arbitrary: fc.constant('application/json'), weight: 20 },
        fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/jsonx'),
        headerText,
        fc.constant(undefined),
      ),
      'Idempotency-Key': sometimes(
        fc.oneof({ arbitrary: fc.uuid(), weight: 6 }, headerText, fc.constant('x'.repeat(256))),
        1,
      ),
      Origin: sometimes(
        fc.oneof(
          { arbitrary: fc.constant(SHOP), weight: 12 },
          fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
          headerText,
        ),
        1,
      ),
      'Accept-Language': sometimes(
        fc.oneof(fc.constantFrom('sw', 'en', 'sw-KE,sw;q=0.9', 'fr, *;q=0.1', '*'), headerText),
        1,
      ),
      'Sec-Fetch-Site': sometimes(fc.constantFrom('same-origin', 'cross-site', 'none', 'same-site'), 2),
      Host: sometimes(
        fc.oneof(fc.constantFrom('shop.example', 'shop.example:99999', '[::1]', 'a b', ''), headerText),
        8,
      ),
      'X-Forwarded-For': fc.oneof(
        { arbitrary: fc.oneof(fc.ipV4(), fc.ipV6(), headerText), weight: 3 },
        fc.constant(undefined),
      ),
      'X-Forwarded-Host': sometimes(fc.oneof(fc.constantFrom('shop.example', 'evil.example'), headerText), 6),
      'X-Forwarded-Proto': sometimes(fc.constantFrom('https', 'http', 'gopher', ''), 4),
      'Access-Control-Request-Method': sometimes(fc.constantFrom('POST', 'GET', 'PUT'), 2),
      'Access-Control-Request-Headers': sometimes(
        fc.oneof(fc.constantFrom('content-type, idempotency-key'), headerText),
        2,
      ),
      Cookie: sometimes(headerText, 2),
      'X-Anything': sometimes(headerText, 2),
    })
    .map((headers) => {
      const defined: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) defined[name] = value;
      return defined;
    }),
});

/** fc.check's verdict as one assertion: the property's own message, and how to replay it. */
function holds<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  assert.fail(
    `${cause}\n(fast-check seed ${details.seed}, path "${details.counterexamplePath}", run ${details.numRuns})`,
  );
}

/** The request, short enough for a failure message. */
function describeSent(sent: Sent): string {
  const payload =
    typeof sent.payload === 'string' ? sent.payload : `bytes ${Buffer.from(sent.payload).toString('hex')}`;
  return JSON.stringify({
    ...sent,
    payload: payload.length > 600 ? `${payload.slice(0, 600)}… (${payload.length})` : payload,
  });
}

// ---------------------------------------------------------------------------------------
// What a refusal may say: a sentence of a string table, a bound worded in the body's currency.

const tableSentences = new Set(
  (['en', 'sw'] as const).flatMap((language) =>
    Object.values(tables[language]).filter((value): value is string => typeof value === 'string'),
  ),
);

/** The bounds the two handlers word: none (the schema's 0.01), and `PROXIED_BOUNDS`. */
const PROXIED_BOUNDS = { minAmount: 10, maxAmount: 1_000_000 };

function boundSentences(payload: Sent['payload']): Set<string> {
  let currency = 'KES';
  try {
    const given = (JSON.parse(String(payload)) as { currency?: unknown } | null)?.currency;
    if (typeof given === 'string' && /^[A-Za-z]{3}$/.test(given)) currency = given.toUpperCase();
  } catch {
    // Not JSON: the handler words no bound.
  }
  const sentences = new Set<string>();
  for (const language of ['en', 'sw'] as Language[]) {
    const format = (value: number) => formatMoney(value, currency, localeOf(language));
    const strings = tables[language];
    for (const min of [0.01, PROXIED_BOUNDS.minAmount]) sentences.add(strings.amountTooSmall(format(min)));
    for (const max of [0, PROXIED_BOUNDS.maxAmount]) sentences.add(strings.amountTooLarge(format(max)));
  }
  return sentences;
}

interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request on a kept-alive connection; any transport error is the test's failure. */
function send(agent: Agent, port: number, sent: Sent, key: string | undefined): Promise<Received> {
  const headers: Record<string, string> = { ...sent.headers };
  if (key === undefined) delete headers['Idempotency-Key'];
  else headers['Idempotency-Key'] = key;
  const bytes = typeof sent.payload === 'string' ? Buffer.from(sent.payload) : Buffer.from(sent.payload);
  // Said outright: Node's client frames a GET's or DELETE's body only when told how.
  headers[sent.chunked ? 'Transfer-Encoding' : 'Content-Length'] = sent.chunked ? 'chunked' : String(bytes.length);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: sent.method, path: sent.path, headers, agent, timeout: 15_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 15 s')));
    // A connection one request left in a bad state fails the next one on it: name both.
    let previous: Sent | undefined;
    request.on('socket', (socket) => {
      const tagged = socket as unknown as { lastSent?: Sent };
      previous = tagged.lastSent;
      tagged.lastSent = sent;
    });
    request.on('error', (error) => {
      const before = previous ? describeSent(previous) : 'none';
      reject(new Error(`${String(error)}; the request before on its connection: ${before}`));
    });
    if (sent.chunked && bytes.length > 1) {
      request.write(bytes.subarray(0, bytes.length >> 1));
      request.end(bytes.subarray(bytes.length >> 1));
    } else {
      request.end(bytes);
    }
  });
}

/** Runs `work` over `items`, `limit` at a time, in order of the results. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/** The contract's error body and nothing else; every sentence one the handler may say. */
function checkRefusal(sent: Sent, received: Received): void {
  const where = () => `${received.status} ${received.text}\nfor ${describeSent(sent)}`;
  let body: unknown;
  try {
    body = JSON.parse(received.text);
  } catch {
    assert.fail(`a refusal that is not JSON: ${where()}`);
  }
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `not an object: ${where()}`);
  assert.deepEqual(Object.keys(body), ['error'], `only { error }: ${where()}`);
  const { error } = body as { error: Record<string, unknown> };
  const keys = Object.keys(error);
  assert.ok(
    keys.includes('code') && keys.includes('message') && keys.every((k) => ['code', 'message', 'fields'].includes(k)),
    `{ code, message, fields? }: ${where()}`,
  );
  assert.equal(typeof error['code'], 'string', where());
  assert.match(error['code'] as string, /^[a-z][a-z_]*$/, where());
  const allowed = (sentence: unknown) =>
    typeof sentence === 'string' && (tableSentences.has(sentence) || boundSentences(sent.payload).has(sentence));
  assert.ok(allowed(error['message']), `a message of the string tables: ${where()}`);
  if ('fields' in error) {
    const fields = error['fields'];
    assert.ok(typeof fields === 'object' && fields !== null && !Array.isArray(fields), where());
    for (const [name, sentence] of Object.entries(fields)) {
      assert.ok(REQUEST_FIELDS.includes(name as RequestField), `a field of the request, not "${name}": ${where()}`);
      assert.ok(allowed(sentence), `a field message of the string tables: ${where()}`);
    }
  }
}

describe('properties: arbitrary requests through the handler over HTTP', () => {
  let sandbox: Sandbox;
  let plain: Listening;
  let proxied: Listening;
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const reported: unknown[] = [];

  before(async () => {
    sandbox = createSandbox({ publicUrl: PAY });
    const client = new AlmaraPayClient({
      baseUrl: 'http://almara.invalid',
      credentials: SANDBOX_CREDENTIALS,
      fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    });
    const common = {
      client,
      shortCode: SANDBOX_SHORT_CODE,
      redirectionSite: THANKS,
      allowedOrigins: [SHOP],
      allowedRedirects: [SHOP],
      onError: (error: unknown) => reported.push(error),
    };
    plain = await listen(createServer(toNodeHandler(createPaymentLinkHandler(common))));
    proxied = await listen(
      createServer(
        toNodeHandler(
          createPaymentLinkHandler({
            ...common,
            language: 'sw',
            amountBounds: PROXIED_BOUNDS,
            rateLimit: { max: 20 },
          }),
          { trustProxy: true },
        ),
      ),
    );
  });

  after(async () => {
    agent.destroy();
    await plain.close();
    await proxied.close();
    sandbox.dispose();
  });

  it(`${BATCH * BATCHES} requests: no crash, no 5xx, every refusal { error: { code, message } }, one link per key`, async (t) => {
    const statuses = new Map<number, number>();
    let batchNumber = 0;
    let requests = 0;
    let links = 0;
    const started = performance.now();
    const details = await fc.check(
      fc.asyncProperty(fc.array(requestArbitrary, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const scope = `b${batchNumber++}`;
        const createsBefore = sandbox.calls.create;
        const keyOf = (sent: Sent) =>
          sent.pooledKey !== undefined ? `${scope}-${sent.pooledKey}` : sent.headers['Idempotency-Key'];
        const received = await pooled(batch, IN_FLIGHT, async (sent) => {
          const port = Number(new URL(sent.target === 'plain' ? plain.url : proxied.url).port);
          try {
            return await send(agent, port, sent, keyOf(sent));
          } catch (error) {
            assert.fail(`no answer (${String(error)}) for ${describeSent(sent)}`);
          }
        });
        const linkOfKey = new Map<string, string>();
        let made = 0;
        batch.forEach((sent, index) => {
          const answer = received[index]!;
          requests++;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const where = () => `${answer.status} ${answer.text}\nfor ${describeSent(sent)}`;
          assert.ok(answer.status < 500, `no 5xx: ${where()}`);
          if (answer.status === 204) {
            assert.equal(sent.method, 'OPTIONS', where());
            return;
          }
          assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8', where());
          assert.equal(answer.headers['cache-control'], 'no-store', where());
          if (answer.status >= 300) {
            checkRefusal(sent, answer);
            return;
          }
          assert.equal(answer.status, 200, where());
          const link = JSON.parse(answer.text) as Record<string, unknown>;
          assert.deepEqual(Object.keys(link).sort(), ['id', 'url'], where());
          assert.equal(link['url'], `${PAY}/pay/${String(link['id'])}`, where());
          links++;
          if (answer.headers['idempotent-replayed'] !== 'true') made++;
          const key = keyOf(sent);
          if (key !== undefined) {
            const scoped = `${sent.target} ${key}`;
            const first = linkOfKey.get(scoped);
            if (first === undefined) linkOfKey.set(scoped, String(link['id']));
            else assert.equal(link['id'], first, `one link per key: ${where()}`);
          }
        });
        assert.equal(sandbox.calls.create - createsBefore, made, 'one create for each new link, none for a replay');
        assert.deepEqual(reported, [], 'nothing reported as a failure (the sandbox accepts what the handler sends)');
      }),
      // A failure names its request; shrinking a batch of HTTP requests would take longer than it tells.
      { numRuns: BATCHES, endOnFailure: true },
    );
    holds(details);
    const seconds = (performance.now() - started) / 1000;
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
    t.diagnostic(`${requests} requests in ${seconds.toFixed(1)} s, ${links} links (${sandbox.calls.create} created)`);
    t.diagnostic(`statuses ${histogram.join(', ')}`);
    assert.equal(requests, BATCH * BATCHES);
    assert.ok(sandbox.calls.create > 500, `enough bodies reached Almara to mean something: ${sandbox.calls.create}`);
  });
});

describe('properties: the shared schema', () => {
  it('parsing its output again gives the same output (10,000 bodies)', (t) => {
    let passed = 0;
    const details = fc.check(
      fc.property(bodyArbitrary, (body) => {
        const once = paymentRequestSchema.safeParse(body);
        if (!once.success) return;
        passed++;
        const twice = paymentRequestSchema.safeParse(once.data);
        assert.ok(twice.success, `its own output refused: ${JSON.stringify(once.data)}`);
        assert.deepEqual(twice.data, once.data, `changed on a second pass: ${JSON.stringify(once.data)}`);
      }),
      { numRuns: 10_000 },
    );
    holds(details);
    t.diagnostic(`${passed} of 10,000 bodies passed`);
    assert.ok(passed > 1_000, `enough bodies passed to mean something: ${passed}`);
  });

  // Money in minor units (issue 8): what passes is cents exactly, those of the amount given.
  it('an amount that passes is a whole number of cents, at least 0.01, the cents of what was given', () => {
    const details = fc.check(
      fc.property(amount, (given) => {
        const parsed = paymentRequestSchema.safeParse({ ...PAYMENT_REQUEST, amount: given });
        if (!parsed.success) return;
        const cents = parsed.data.amount;
        assert.equal(Math.round(cents * 100) / 100, cents, `${given} passed as ${cents}: not whole cents`);
        assert.ok(cents >= 0.01, `${given} passed as ${cents}: less than a cent`);
        assert.ok(Math.abs(cents - given) < 0.005, `${given} passed as ${cents}: another amount`);
      }),
      { numRuns: 10_000, examples: [[1e-9], [5e-324], [0.1 + 0.2], [1739.9999999999998], ...HUGE.map((n) => [n])] },
    );
    holds(details);
  });

  it('what reaches Almara is that amount: the cents, as a decimal number', async () => {
    const sent: unknown[] = [];
    const handler = createPaymentLinkHandler({
      client: {
        createPaymentLink: (body) => {
          sent.push(body.amount);
          return Promise.resolve({ ...body, id: 'pl_1', status: 'active', url: `${PAY}/pay/pl_1` } as never);
        },
      },
      shortCode: SANDBOX_SHORT_CODE,
      redirectionSite: THANKS,
      onError: () => undefined,
    });
    const details = await fc.check(
      fc.asyncProperty(amount, async (given) => {
        const parsed = paymentRequestSchema.safeParse({ ...PAYMENT_REQUEST, amount: given });
        sent.length = 0;
        const response = await handler(
          new Request('http://shop.example/api/payment-link', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ ...PAYMENT_REQUEST, amount: given }),
          }),
        );
        assert.equal(response.status, parsed.success ? 200 : 400, `${given}: the handler agrees with the schema`);
        if (!parsed.success) return;
        assert.deepEqual(sent, [parsed.data.amount], `${given}: Almara was sent ${String(sent[0])}`);
      }),
      { numRuns: 2_000, examples: [[0.1 + 0.2], [1739.9999999999998]] },
    );
    holds(details);
  });
});

describe('properties: the fingerprint', () => {
  it('node:crypto and Web Crypto give the same hex for any JSON value', async () => {
    holds(
      await fc.check(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          assert.equal(await fingerprintOf(value), await webSha256(JSON.stringify(value)), JSON.stringify(value));
        }),
        { numRuns: 2_000 },
      ),
    );
  });

  it('on a runtime without node: modules the server entry loads, and the fingerprint is the same', async () => {
    const values: unknown[] = [PAYMENT_REQUEST, { firstName: 'Ŵanjikũ 👩🏾', amount: 0.3 }, 'x', null, [1, '\u2028']];
    const server = fileURLToPath(new URL('../../src/server/index.ts', import.meta.url));
    const runner = fileURLToPath(new URL('../../src/server/idempotency/runner.ts', import.meta.url));
    // A resolve hook refusing every `node:` module the project's code asks for, and no
    // process.getBuiltinModule: an edge runtime, as far as this code can tell.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier.startsWith('node:') && !context.parentURL?.includes('/node_modules/')) throw new Error('no ' + specifier);
      return next(specifier, context);
    }`;
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      process.getBuiltinModule = undefined;
      await import(${JSON.stringify(server)});
      const { fingerprintOf } = await import(${JSON.stringify(runner)});
      const values = ${JSON.stringify(values)};
      console.log(JSON.stringify(await Promise.all(values.map((value) => fingerprintOf(value)))));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 30_000 },
    );
    const here = await Promise.all(values.map((value) => fingerprintOf(value)));
    assert.deepEqual(JSON.parse(stdout) as string[], here);
  });
});
