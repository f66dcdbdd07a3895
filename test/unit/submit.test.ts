import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { postPaymentRequest, RETRY_DELAYS, submitDefaults, type SubmitSettings } from '../../src/submit.js';
import { PAYMENT_REQUEST } from '../payer.js';

// A real HTTP server on loopback stands in for the merchant backend; each test says how
// it answers, one handler per attempt.
interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let seen: Seen[] = [];
let answers: ((res: ServerResponse) => void)[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', headers: req.headers, body });
    const answer = answers[seen.length - 1] ?? answers.at(-1);
    answer?.(res);
  });
});
let endpoint = '';

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const hang = () => () => {};

const request = PAYMENT_REQUEST;

const settings = (extra: Partial<SubmitSettings> = {}): SubmitSettings => ({
  endpoint,
  timeout: 2000,
  retryDelays: [20, 20],
  ...extra,
});
/** Sends the request of the tests under the key `key-1`. */
const send = (extra: Partial<SubmitSettings> = {}) => postPaymentRequest(request, 'key-1', settings(extra));

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payment-link`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
  answers = [];
});

describe('postPaymentRequest', () => {
  it('asks for answers in the form’s language, English next; the merchant’s header wins', async () => {
    answers = [json(201, { url: 'https://pay.example/l/1', id: 'pl_1' })];
    await postPaymentRequest(request, 'key-1', settings(), 'sw');
    await postPaymentRequest(request, 'key-1', settings(), 'en');
    await postPaymentRequest(request, 'key-1', settings());
    await postPaymentRequest(request, 'key-1', settings({ headers: { 'accept-language': 'fr' } }), 'sw');
    assert.deepEqual(
      seen.map((one) => one.headers['accept-language']),
      ['sw, en;q=0.5', 'en', 'en', 'fr'],
    );
  });
  it('POSTs the JSON body with the contract’s headers and the merchant’s own', async () => {
    answers = [json(201, { url: 'https://pay.example/l/1', id: 'pl_1' })];
    const result = await send({
      headers: { 'X-CSRF-Token': 'abc', 'Content-Type': 'text/plain', 'Idempotency-Key': 'forged' },
    });
    assert.deepEqual(result, { ok: true, url: 'https://pay.example/l/1', id: 'pl_1' });
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.method, 'POST');
    assert.deepEqual(JSON.parse(seen[0]!.body), request);
    assert.equal(seen[0]!.headers['content-type'], 'application/json');
    assert.equal(seen[0]!.headers['accept'], 'application/json');
    assert.equal(seen[0]!.headers['idempotency-key'], 'key-1');
    assert.equal(seen[0]!.headers['x-csrf-token'], 'abc');
  });

  it('sends its own Content-Type, Accept and Idempotency-Key whatever the case of the merchant’s', async () => {
    answers = [json(201, { url: 'https://pay.example/l/1', id: 'pl_1' })];
    await send({
      headers: { 'content-type': 'text/plain', accept: 'text/html', 'idempotency-key': 'forged', 'x-a': 'b' },
    });
    assert.equal(seen[0]!.headers['content-type'], 'application/json');
    assert.equal(seen[0]!.headers['accept'], 'application/json');
    assert.equal(seen[0]!.headers['idempotency-key'], 'key-1');
    assert.equal(seen[0]!.headers['x-a'], 'b');
  });

  it('refuses a 2xx whose link is unsafe or missing: invalid_response, no retry', async () => {
    for (const body of [
      { url: 'javascript:alert(1)', id: '1' },
      { url: 'data:text/html,hi', id: '1' },
      { url: '/relative', id: '1' },
      { url: 'http://pay.example/l/1', id: '1' },
      { id: '1' },
      'not json at all',
    ]) {
      seen = [];
      answers = [
        typeof body === 'string'
          ? (res) => {
              res.writeHead(200, { 'Content-Type': 'text/html' });
              res.end(body);
            }
          : json(200, body),
      ];
      const result = await send();
      assert.deepEqual(result, { ok: false, code: 'invalid_response', status: 200 }, JSON.stringify(body));
      assert.equal(seen.length, 1);
    }
  });

  it('returns the backend’s code, message and field messages on a 4xx, without retrying', async () => {
    answers = [
      json(422, {
        error: { code: 'validation_failed', message: 'Check the form.', fields: { emailAddress: 'Already used.' } },
      }),
    ];
    const result = await send();
    assert.deepEqual(result, {
      ok: false,
      code: 'validation_failed',
      message: 'Check the form.',
      fields: { emailAddress: 'Already used.' },
      status: 422,
    });
    assert.equal(seen.length, 1);
  });

  it('names an error without a body by its status', async () => {
    answers = [(res) => res.writeHead(500).end()];
    assert.deepEqual(await send(), { ok: false, code: 'http_500', status: 500 });
    assert.equal(seen.length, 1);
  });

  it('retries 502/503/504 at most twice, with the same Idempotency-Key', async () => {
    answers = [json(503, {}), json(502, {}), json(200, { url: 'https://pay.example/l/2', id: 'pl_2' })];
    const result = await send();
    assert.deepEqual(result, { ok: true, url: 'https://pay.example/l/2', id: 'pl_2' });
    assert.equal(seen.length, 3);
    assert.deepEqual(
      seen.map((s) => s.headers['idempotency-key']),
      ['key-1', 'key-1', 'key-1'],
    );

    seen = [];
    answers = [json(504, { error: { code: 'upstream_timeout', message: 'Almara is slow.' } })];
    assert.deepEqual(await send(), {
      ok: false,
      code: 'upstream_timeout',
      message: 'Almara is slow.',
      status: 504,
    });
    assert.equal(seen.length, 3);
  });

  it('waits about half a second, then a second and a half, between attempts by default', async () => {
    assert.deepEqual(RETRY_DELAYS, [500, 1500]);
    assert.equal(submitDefaults.retryDelays, RETRY_DELAYS);
    answers = [json(503, {}), json(503, {}), json(200, { url: 'https://pay.example/l/3', id: 'pl_3' })];
    // The waits are asked of the clock, not slept: the test takes milliseconds.
    const waits: number[] = [];
    const { retryDelays: _, ...defaults } = settings();
    const result = await postPaymentRequest(request, 'key-1', { ...defaults, wait: async (ms) => void waits.push(ms) });
    assert.equal(result.ok, true);
    assert.equal(seen.length, 3);
    assert.deepEqual(waits, [500, 1500]);
  });

  it('takes its delays from submitDefaults when it starts, so that a test can run retries at once', async () => {
    answers = [json(503, {})];
    const { retryDelays: _, ...defaults } = settings();
    submitDefaults.retryDelays = [0, 0, 0];
    try {
      const started = Date.now();
      assert.deepEqual(await postPaymentRequest(request, 'key-1', defaults), {
        ok: false,
        code: 'http_503',
        status: 503,
      });
      assert.equal(seen.length, 4);
      assert.ok(Date.now() - started < 400);
    } finally {
      submitDefaults.retryDelays = RETRY_DELAYS;
    }
  });

  it('reports a timeout when no attempt is answered in time, after three attempts', async () => {
    answers = [hang()];
    const started = Date.now();
    const result = await send({ timeout: 150 });
    assert.deepEqual(result, { ok: false, code: 'timeout' });
    assert.equal(seen.length, 3);
    assert.ok(Date.now() - started >= 450);
  });

  it('counts a body that stalls half-way as a timeout too', async () => {
    answers = [
      (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"url":"https://pay.exa');
      },
    ];
    assert.deepEqual(await send({ timeout: 150 }), { ok: false, code: 'timeout' });
    assert.equal(seen.length, 3);
  });

  it('reports a network error when nothing listens, after three attempts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const result = await send({ endpoint: `http://127.0.0.1:${port}/`, fetch: counting });
    assert.deepEqual(result, { ok: false, code: 'network_error' });
    assert.equal(attempts, 3);
  });
});
