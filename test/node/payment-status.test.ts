/**
 * The payment-status handler as a thank-you page, and anyone holding a link's id, meet it:
 * over real HTTP, in front of the sandbox, each state a payment can be in (A6).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { defaultAlmaraApi } from '../../src/server/almara/assumptions.js';
import {
  AlmaraPayClient,
  createPaymentStatusHandler,
  toNodeHandler,
  type CreatePaymentLinkBody,
  type PaymentStatusHandlerOptions,
} from '../../src/server/index.js';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { almaraBody, listen, readJson, sandboxClient, type ErrorJson, type Listening } from './support.js';

const PAYER = {
  firstName: 'Wanjiku',
  lastName: 'Kamau',
  emailAddress: 'wanjiku@example.com',
  phoneNumber: '254712345678',
};

interface StatusServer {
  sandbox: RunningSandbox;
  server: Listening;
  errors: unknown[];
  unknown: [string, string][];
  /** A link made in the sandbox as the payment-link handler makes one, with the payer's details. */
  create(overrides?: Record<string, unknown>): Promise<string>;
  get(query: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

async function startStatus(
  options: Partial<PaymentStatusHandlerOptions> = {},
  client?: (sandbox: RunningSandbox) => AlmaraPayClient,
): Promise<StatusServer> {
  const sandbox = await startSandbox();
  const errors: unknown[] = [];
  const unknown: [string, string][] = [];
  const handler = createPaymentStatusHandler({
    client: client ? client(sandbox) : sandboxClient(sandbox),
    onError: (error) => errors.push(error),
    onUnknownStatus: (status, id) => unknown.push([status, id]),
    ...options,
  });
  const server = await listen(createServer(toNodeHandler(handler)));
  const maker = sandboxClient(sandbox);
  return {
    sandbox,
    server,
    errors,
    unknown,
    create: async (overrides = {}) =>
      (
        await maker.createPaymentLink({
          ...almaraBody(PAYER),
          ...overrides,
        } as unknown as CreatePaymentLinkBody)
      ).id,
    get: (query, headers = {}) => fetch(`${server.url}/api/payment-status${query}`, { headers }),
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}

/** The body as text, and as JSON: what anyone holding the id reads. */
async function read(response: Response): Promise<{ text: string; json: Record<string, unknown> }> {
  const text = await response.text();
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

function assertNoPayer(text: string): void {
  for (const detail of [...Object.values(PAYER), '0712', 'Kamau', 'wanjiku']) {
    assert.ok(!text.toLowerCase().includes(detail.toLowerCase()), `the answer names the payer (${detail}): ${text}`);
  }
}

describe('payment status: each state, nothing of the payer', () => {
  let status: StatusServer;
  before(async () => (status = await startStatus()));
  after(() => status.close());

  it('pending: the amount, the description, no-store, JSON', async () => {
    const id = await status.create();
    const response = await status.get(`?id=${id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
    const { text, json } = await read(response);
    assert.deepEqual(json, { id, status: 'pending', amount: 1500, currency: 'KES', description: 'Order 1042' });
    assertNoPayer(text);
  });

  it('paid on the hosted page: paid, with when', async () => {
    const id = await status.create();
    const before = Date.now();
    const paid = await fetch(`${status.sandbox.url}/pay/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'outcome=pay',
      redirect: 'manual',
    });
    assert.equal(paid.status, 303);
    const { text, json } = await read(await status.get(`?id=${id}`));
    assert.equal(json['status'], 'paid');
    const paidAt = Date.parse(json['paidAt'] as string);
    assert.ok(paidAt >= before - 1000 && paidAt <= Date.now() + 1000, `paidAt ${String(json['paidAt'])}`);
    assert.deepEqual(Object.keys(json).sort(), ['amount', 'currency', 'description', 'id', 'paidAt', 'status']);
    assertNoPayer(text);
  });

  it('declined on the hosted page: failed, with no paidAt', async () => {
    const id = await status.create();
    await fetch(`${status.sandbox.url}/pay/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'outcome=decline',
      redirect: 'manual',
    });
    const { text, json } = await read(await status.get(`?id=${id}`));
    assert.equal(json['status'], 'failed');
    assert.equal('paidAt' in json, false);
    assertNoPayer(text);
  });

  it('expired', async () => {
    const id = await status.create();
    assert.ok(status.sandbox.setLinkStatus(id, 'expired'));
    const { text, json } = await read(await status.get(`?id=${id}`));
    assert.equal(json['status'], 'expired');
    assertNoPayer(text);
  });

  it('an unknown id: 404, in the asker’s language', async () => {
    const response = await status.get('?id=pl_nosuchlink', { 'Accept-Language': 'sw' });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('Content-Language'), 'sw');
    assert.deepEqual((await readJson<ErrorJson>(response)).error, {
      code: 'not_found',
      message: 'Hatukuweza kupata malipo haya.',
    });
  });

  it('no id, or one no link could have: 400, and nothing asked of Almara', async () => {
    const finds = status.sandbox.calls.find;
    for (const query of [
      '',
      '?id=',
      '?id=../token',
      '?id=%E0',
      `?id=${'x'.repeat(101)}`,
      '?id=a%20b',
      '?id=pl_1&id=x<',
    ]) {
      const response = await status.get(query);
      // `?id=pl_1&id=x<` reads the first id: a well-formed one that no link has.
      const expected = query.startsWith('?id=pl_1') ? 404 : 400;
      assert.equal(response.status, expected, query);
      if (expected === 400) assert.equal((await readJson<ErrorJson>(response)).error.code, 'invalid_id', query);
      else await response.body?.cancel();
    }
    assert.equal(status.sandbox.calls.find, finds + 1);
  });

  it('only GET: a POST is a 405 that names GET', async () => {
    const response = await fetch(`${status.server.url}/api/payment-status?id=pl_x`, { method: 'POST' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('Allow'), 'GET, OPTIONS');
  });
});

describe('payment status: a status Almara says that A6 does not know', () => {
  let status: StatusServer;
  before(
    async () =>
      (status = await startStatus({}, (sandbox) => {
        // An API that says "settled": read as the sandbox says it, then renamed.
        return new AlmaraPayClient({
          baseUrl: sandbox.url,
          credentials: SANDBOX_CREDENTIALS,
          api: {
            ...defaultAlmaraApi,
            parseLink: (body) => ({ ...defaultAlmaraApi.parseLink(body), status: 'settled' }),
          },
        });
      })),
  );
  after(() => status.close());

  it('is shown as pending, never as paid, and the merchant is told the raw value', async () => {
    const id = await status.create();
    const { json } = await read(await status.get(`?id=${id}`));
    assert.equal(json['status'], 'pending');
    assert.deepEqual(status.unknown, [['settled', id]]);
  });
});

describe('payment status: origins, failures, rate limit', () => {
  let status: StatusServer;
  before(
    async () =>
      (status = await startStatus({
        allowedOrigins: ['https://shop.example'],
        rateLimit: { max: 4, windowMs: 60_000 },
      })),
  );
  after(() => status.close());

  it('serves a listed origin with CORS headers, refuses another before asking Almara', async () => {
    const id = await status.create();
    const listed = await status.get(`?id=${id}`, { Origin: 'https://shop.example' });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('Access-Control-Allow-Origin'), 'https://shop.example');
    const finds = status.sandbox.calls.find;
    const foreign = await status.get(`?id=${id}`, { Origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal((await readJson<ErrorJson>(foreign)).error.code, 'origin_not_allowed');
    assert.equal(status.sandbox.calls.find, finds);
    const preflight = await fetch(`${status.server.url}/api/payment-status?id=${id}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('Access-Control-Allow-Methods'), 'GET');
  });

  it('Almara failing: a 502 in the payer’s words, the merchant told; nothing of the failure in the body', async () => {
    const id = await status.create();
    status.sandbox.faults.failNext(3, 500, 'find');
    const response = await status.get(`?id=${id}`);
    assert.equal(response.status, 502);
    const { error } = await readJson<ErrorJson>(response);
    assert.deepEqual(error, { code: 'upstream_error', message: 'Something went wrong. Please try again.' });
    assert.ok(status.errors.length > 0);
  });

  it('rate limited like the payment-link handler: a 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await status.get('?id=pl_nosuchlink');
      if (last.status === 429) break;
      await last.body?.cancel();
    }
    assert.equal(last?.status, 429);
    assert.ok(Number(last.headers.get('Retry-After')) > 0);
    assert.equal((await readJson<ErrorJson>(last)).error.code, 'rate_limited');
  });
});

describe('payment status: its options', () => {
  it('refuses to be made without a client, or with a deadline of 0', () => {
    assert.throws(() => createPaymentStatusHandler({} as PaymentStatusHandlerOptions), /client/);
    assert.throws(
      () =>
        createPaymentStatusHandler({
          client: new AlmaraPayClient({ baseUrl: 'https://x.example', credentials: SANDBOX_CREDENTIALS }),
          deadline: 0,
        }),
      /deadline/,
    );
  });
});
