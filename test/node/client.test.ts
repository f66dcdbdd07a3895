/**
 * AlmaraPayClient against the sandbox: the token is requested once and shared, refreshed
 * once on a 401 and shortly before it expires; bodies are checked both ways. Token and
 * create calls are counted at the sandbox.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { inspect } from 'node:util';
import { paymentRequestSchema } from '../../src/schema.js';
import {
  AlmaraApiError,
  AlmaraPayClient,
  type CreatedPaymentLink,
  type CreatePaymentLinkBody,
} from '../../src/server/index.js';
import { defaultAlmaraApi } from '../../src/server/almara/assumptions.js';
import { createPaymentLinkBodySchema, LINK_FIELDS, paymentLinkChangesSchema } from '../../src/server/almara/fields.js';
import { createBodySchema, updateBodySchema } from '../../src/sandbox/validate.js';
import { almaraBody, listen, sandboxClient } from './support.js';

const linkBody = (overrides: Partial<CreatePaymentLinkBody> = {}) => almaraBody(overrides) as CreatePaymentLinkBody;

async function rejection(promise: Promise<unknown>): Promise<AlmaraApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AlmaraApiError, `an AlmaraApiError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('AlmaraPayClient: the access token', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandbox()));
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  const counts = () => ({ ...sandbox.calls });

  it('50 concurrent creates share one token request', async (t) => {
    const client = sandboxClient(sandbox);
    const before = counts();
    const links = await Promise.all(Array.from({ length: 50 }, () => client.createPaymentLink(linkBody())));
    assert.equal(new Set(links.map((link) => link.id)).size, 50);
    const tokens = sandbox.calls.token - before.token;
    const creates = sandbox.calls.create - before.create;
    assert.equal(tokens, 1);
    assert.equal(creates, 50);
    t.diagnostic(`counted at the sandbox: 50 concurrent creates -> ${tokens} token request, ${creates} creates`);
  });

  it('the token is reused by later calls (its expiry is token-cache.test.ts’s)', async () => {
    const client = sandboxClient(sandbox);
    const before = counts();
    for (let i = 0; i < 3; i++) await client.createPaymentLink(linkBody());
    assert.equal(sandbox.calls.token - before.token, 1);
  });

  it('a 401 (token expired early): one refresh, the call made again, and it succeeds', async (t) => {
    const client = sandboxClient(sandbox);
    await client.createPaymentLink(linkBody());
    sandbox.faults.expireTokens();
    const before = counts();
    const link = await client.createPaymentLink(linkBody());
    assert.ok(link.url);
    const tokens = sandbox.calls.token - before.token;
    assert.equal(tokens, 1);
    assert.equal(sandbox.calls.create - before.create, 2, 'the refused call and its retry');
    t.diagnostic(`counted at the sandbox: 401 -> ${tokens} token refresh, then the retried create`);
  });

  it('tokens expired under 50 concurrent calls: still one refresh for all', async (t) => {
    const client = sandboxClient(sandbox);
    await client.createPaymentLink(linkBody());
    sandbox.faults.expireTokens();
    const before = counts();
    await Promise.all(Array.from({ length: 50 }, () => client.createPaymentLink(linkBody())));
    const tokens = sandbox.calls.token - before.token;
    assert.equal(tokens, 1);
    assert.equal(sandbox.calls.create - before.create, 100);
    t.diagnostic(`counted at the sandbox: 50 concurrent 401s -> ${tokens} token refresh`);
  });

  it('a second 401 in a row is an error, not a loop', async () => {
    const client = sandboxClient(sandbox);
    await client.createPaymentLink(linkBody());
    const before = counts();
    sandbox.faults.failNext(2, 401, 'create');
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 401);
    assert.equal(sandbox.calls.token - before.token, 1);
    assert.equal(sandbox.calls.create - before.create, 2);
  });

  it('a short-lived token is refreshed before it runs out (at most half its lifetime in)', async () => {
    const shortLived = await startSandbox({ tokenLifetime: 1 });
    try {
      const client = sandboxClient(shortLived);
      await client.createPaymentLink(linkBody());
      await client.createPaymentLink(linkBody());
      assert.equal(shortLived.calls.token, 1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      await client.createPaymentLink(linkBody());
      assert.equal(shortLived.calls.token, 2);
      assert.equal(shortLived.calls.create, 3, 'never a 401 on the way');
    } finally {
      await shortLived.close();
    }
  });

  it('a failed token request is not cached: the next call asks again', async () => {
    const client = sandboxClient(sandbox);
    sandbox.faults.failNext(1, 500, 'token');
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.equal(error.operation, 'token');
    assert.ok((await client.createPaymentLink(linkBody())).url);
  });

  it('getToken replaces the token request; a string token is fetched for every call', async () => {
    let asked = 0;
    const client = new AlmaraPayClient({
      baseUrl: sandbox.url,
      getToken: async () => {
        asked++;
        const response = await fetch(`${sandbox.url}/v1/auth/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(SANDBOX_CREDENTIALS),
        });
        return ((await response.json()) as { accessToken: string }).accessToken;
      },
    });
    await client.createPaymentLink(linkBody());
    await client.createPaymentLink(linkBody());
    assert.equal(asked, 2);
  });

  it('needs credentials or getToken', () => {
    assert.throws(() => new AlmaraPayClient({ baseUrl: sandbox.url }), /credentials/);
    assert.throws(() => new AlmaraPayClient({ baseUrl: 'not a url', credentials: SANDBOX_CREDENTIALS }), /baseUrl/);
  });
});

describe('AlmaraPayClient: links', () => {
  let sandbox: RunningSandbox;
  let client: AlmaraPayClient;
  before(async () => {
    sandbox = await startSandbox();
    client = sandboxClient(sandbox, { timeout: 300 });
  });
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('creates, finds and updates a link; a paid link reads as paid', async () => {
    const created = await client.createPaymentLink(linkBody());
    assert.match(created.url, /\/pay\/pl_/);
    assert.equal(created.status, 'pending');

    const found = await client.findPaymentLinkById(created.id);
    assert.equal(found.id, created.id);
    assert.equal(found.amount, 1500);
    assert.equal(found.description, 'Order 1042');

    const updated = await client.updatePaymentLink(created.id, { amount: 2000, description: 'Order 1042, two wraps' });
    assert.equal(updated.amount, 2000);
    assert.equal((await client.findPaymentLinkById(created.id)).description, 'Order 1042, two wraps');

    const paid = await fetch(created.url, { method: 'POST', redirect: 'manual' });
    assert.equal(paid.status, 303);
    assert.equal((await client.findPaymentLinkById(created.id)).status, 'paid');
    const refused = await rejection(client.updatePaymentLink(created.id, { amount: 1 }));
    assert.equal(refused.status, 409);
  });

  it('an unknown id: an error with status 404', async () => {
    const error = await rejection(client.findPaymentLinkById('pl_nope'));
    assert.equal(error.operation, 'find');
    assert.equal(error.status, 404);
  });

  it('checks the documented body before sending it', async () => {
    const before = sandbox.calls.create;
    const error = await rejection(
      client.createPaymentLink(linkBody({ emailAddress: 'nobody', redirectionSite: 'ftp://x' })),
    );
    assert.equal(error.kind, 'invalid_request');
    assert.match(error.message, /emailAddress/);
    assert.match(error.message, /redirectionSite/);
    assert.equal(sandbox.calls.create, before, 'nothing was sent');
    assert.equal((await rejection(client.updatePaymentLink('pl_x', { amount: -1 }))).kind, 'invalid_request');
  });

  it('garbage in a 2xx answer: invalid_response', async () => {
    sandbox.faults.malformedNext(1, 'create');
    assert.equal((await rejection(client.createPaymentLink(linkBody()))).kind, 'invalid_response');
  });

  it('no answer in time: timeout', async () => {
    await client.createPaymentLink(linkBody());
    sandbox.faults.latency = 1000;
    const error = await rejection(client.findPaymentLinkById('pl_slow'));
    assert.equal(error.kind, 'timeout');
  });

  it('no server at all: network, and provably not sent (connection refused)', async () => {
    const closed = await listen(createServer());
    await closed.close();
    const offline = new AlmaraPayClient({ baseUrl: closed.url, credentials: SANDBOX_CREDENTIALS });
    const error = await rejection(offline.createPaymentLink(linkBody()));
    assert.equal(error.kind, 'network');
    assert.equal(error.operation, 'token');
    assert.equal(error.sent, false);
  });

  it('a created link whose url no payer may be sent to: invalid_response, whoever calls', async () => {
    for (const url of [
      'javascript:alert(1)',
      'http://pay.example/pl_1',
      'https://bank.example@evil.example/',
      '/pay/1',
    ]) {
      const unsafe = sandboxClient(sandbox, {
        api: { parseLink: (body) => ({ ...defaultAlmaraApi.parseLink(body), url }) },
      });
      const error = await rejection(unsafe.createPaymentLink(linkBody()));
      assert.equal(error.kind, 'invalid_response', url);
      assert.equal(error.operation, 'create', url);
    }
  });

  it('api overrides replace a guess: here, links read from another shape', async () => {
    const custom = sandboxClient(sandbox, {
      api: {
        parseLink: (body) => {
          const link = defaultAlmaraApi.parseLink(body);
          return { ...link, status: link.status === 'pending' ? 'awaiting payment' : link.status };
        },
      },
    });
    assert.equal((await custom.createPaymentLink(linkBody())).status, 'awaiting payment');
  });
});

describe('AlmaraPayClient: nothing of a token response reaches the logs', () => {
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.s1gn4tur3';

  /** A client whose token request gets `response`; everything the error carries, as a log would print it. */
  async function logged(response: Response): Promise<{ error: AlmaraApiError; printed: string }> {
    const client = new AlmaraPayClient({
      baseUrl: 'https://almara.example',
      credentials: SANDBOX_CREDENTIALS,
      fetch: () => Promise.resolve(response),
    });
    const error = await rejection(client.createPaymentLink(linkBody()));
    return { error, printed: inspect(error, { depth: 10 }) + JSON.stringify(error) + String(error.detail) };
  }

  it('a 2xx token answer that is not JSON (maybe the bare token): only "not JSON", no body, no cause', async () => {
    const { error, printed } = await logged(new Response(TOKEN, { status: 200 }));
    assert.equal(error.operation, 'token');
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /not JSON/);
    assert.equal(error.detail, undefined);
    assert.doesNotMatch(printed, /eyJ|c2VjcmV0|s1gn4tur3/);
  });

  it('a non-2xx token answer: its status, not its body', async () => {
    const { error, printed } = await logged(
      new Response(`{"error":"invalid_client","hint":"${TOKEN}"}`, { status: 400 }),
    );
    assert.equal(error.status, 400);
    assert.equal(error.detail, undefined);
    assert.doesNotMatch(printed, /eyJ|s1gn4tur3/);
  });

  it('AlmaraApiError itself drops a detail given for the token request, keeps it for the others', () => {
    assert.equal(new AlmaraApiError('token', 'http', 'HTTP 500', { detail: TOKEN }).detail, undefined);
    assert.equal(new AlmaraApiError('create', 'http', 'HTTP 500', { detail: 'body' }).detail, 'body');
  });
});

describe('the client’s check of a create body is never stricter than the shared schema', () => {
  // Bodies at the edges of what the element (and the handler's check of `prepare`) accepts.
  const accepted: Record<string, unknown>[] = [
    {},
    { firstName: 'N'.repeat(100), lastName: 'K'.repeat(100), description: 'D'.repeat(255) },
    { emailAddress: "o'brien+shop@mail.example.co.ke", phoneNumber: '254112345678' },
    { amount: 0.01, currency: 'USD' },
    { accountReference: 'R'.repeat(100), paymentType: 'P'.repeat(50), amount: 249_999.99 },
    { isAmountSpecified: false, redirectionSite: 'http://localhost:5173/thanks.html' },
  ];

  it('every body the shared schema accepts as it is passes createPaymentLinkBodySchema', () => {
    for (const change of accepted) {
      const body = { ...linkBody(), ...change };
      const { shortCode, ...request } = body;
      const shared = paymentRequestSchema.safeParse(request);
      assert.ok(shared.success, `the shared schema accepts ${JSON.stringify(change)}`);
      const checked = createPaymentLinkBodySchema.safeParse({ ...shared.data, shortCode });
      assert.ok(checked.success, `the client accepts ${JSON.stringify(change)}: ${String(checked.error)}`);
    }
  });
});

describe('the assumed response shapes are read leniently', () => {
  it('tokens: camelCase, OAuth snake_case, a data envelope, seconds as text', () => {
    assert.deepEqual(defaultAlmaraApi.parseToken({ accessToken: 't', expiresIn: 60 }), {
      accessToken: 't',
      expiresIn: 60,
    });
    assert.deepEqual(defaultAlmaraApi.parseToken({ access_token: 't', expires_in: '3600', token_type: 'Bearer' }), {
      accessToken: 't',
      expiresIn: 3600,
    });
    assert.deepEqual(defaultAlmaraApi.parseToken({ data: { token: 't' } }), { accessToken: 't' });
    assert.throws(() => defaultAlmaraApi.parseToken({ expiresIn: 60 }));
  });

  it('links: id and url under other common names, in a data envelope, numbers as text', () => {
    assert.deepEqual(
      defaultAlmaraApi.parseLink({
        data: { paymentLinkId: 42, paymentLinkUrl: 'https://pay.example/42', amount: '1500.50' },
      }),
      { id: '42', url: 'https://pay.example/42', amount: 1500.5 },
    );
    assert.deepEqual(
      defaultAlmaraApi.parseLink({ id: 'pl_1', firstName: 3, isAmountSpecified: 'yes', amount: 'lots', extra: 1 }),
      { id: 'pl_1' },
      'a field of another type than the create body gives it is dropped, and so is a field it has not',
    );
    assert.throws(() => defaultAlmaraApi.parseLink({ url: 'https://pay.example/no-id' }));
    assert.throws(() => defaultAlmaraApi.parseLink('<html>'));
  });
});

describe('one list of Almara’s fields: the client, the sandbox and the reader of answers agree', () => {
  const fields = (schema: { shape: object }) => Object.keys(schema.shape).sort();

  it('the sandbox validates exactly the fields the client checks, for Create and for Update', () => {
    assert.deepEqual(fields(createPaymentLinkBodySchema), Object.keys(LINK_FIELDS).sort());
    assert.deepEqual(fields(createBodySchema), fields(createPaymentLinkBodySchema));
    assert.deepEqual(fields(updateBodySchema), fields(paymentLinkChangesSchema));
    assert.deepEqual(
      fields(paymentLinkChangesSchema),
      fields(createPaymentLinkBodySchema).filter((f) => f !== 'shortCode'),
    );
  });

  it('a body with every field passes both, and a link read back keeps every field', () => {
    const body = createPaymentLinkBodySchema.parse(linkBody({ accountReference: '1042', paymentType: 'goods' }));
    assert.deepEqual(Object.keys(body).sort(), fields(createPaymentLinkBodySchema), 'every field is in the body');
    assert.deepEqual(createBodySchema.parse(body), body);
    assert.deepEqual(defaultAlmaraApi.parseLink({ id: 'pl_1', status: 'pending', ...body }), {
      id: 'pl_1',
      status: 'pending',
      ...body,
    });
  });
});

describe('AlmaraPayClient: one deadline for the whole call', () => {
  let sandbox: RunningSandbox;
  before(async () => (sandbox = await startSandbox()));
  afterEach(() => sandbox.faults.reset());
  after(() => sandbox.close());

  it('timeout bounds the whole call: a token and a create each in time, together too slow', async () => {
    const client = sandboxClient(sandbox, { timeout: 300 });
    sandbox.faults.latency = 200;
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.operation, 'create', 'the token came; the create was under way');
    assert.equal(error.sent, true);
  });

  it('deadline: a call settles within it, though the client’s timeout is longer', async () => {
    const client = sandboxClient(sandbox, { timeout: 5000 });
    await client.createPaymentLink(linkBody());
    sandbox.faults.latency = 1000;
    const started = performance.now();
    const error = await rejection(client.findPaymentLinkById('pl_slow', { deadline: 100 }));
    assert.ok(performance.now() - started < 800, 'at the deadline, not at the answer');
    assert.equal(error.kind, 'timeout');
  });

  it('deadline 0: the call’s own request is never sent (timeout, not sent)', async () => {
    const client = sandboxClient(sandbox);
    await client.createPaymentLink(linkBody());
    const creates = sandbox.calls.create;
    const error = await rejection(client.createPaymentLink(linkBody(), { deadline: 0 }));
    assert.deepEqual([error.kind, error.sent], ['timeout', false]);
    assert.equal(sandbox.calls.create, creates);
  });

  it('late: a create Almara has at the deadline goes on, and its link is handed over', async () => {
    const client = sandboxClient(sandbox, { timeout: 2000 });
    await client.createPaymentLink(linkBody());
    sandbox.faults.latency = 300;
    let late: Promise<CreatedPaymentLink> | undefined;
    const error = await rejection(
      client.createPaymentLink(linkBody(), {
        deadline: 100,
        late: (outcome) => {
          late = outcome;
        },
      }),
    );
    assert.deepEqual([error.operation, error.kind, error.sent], ['create', 'timeout', true]);
    assert.ok(late, 'the exchange was kept');
    const link = await late;
    assert.match(link.url, /\/pay\/pl_/);
    assert.equal((await client.findPaymentLinkById(link.id)).id, link.id, 'the link exists at Almara');
  });

  it('late, but the deadline comes while waiting for a token: nothing is kept, nothing sent', async () => {
    const client = sandboxClient(sandbox, { timeout: 2000 });
    sandbox.faults.latency = 300;
    const creates = sandbox.calls.create;
    const tokens = sandbox.calls.token;
    let kept = false;
    const error = await rejection(
      client.createPaymentLink(linkBody(), {
        deadline: 100,
        late: () => {
          kept = true;
        },
      }),
    );
    assert.deepEqual([error.operation, error.kind, error.sent, kept], ['token', 'timeout', false, false]);
    // The token request itself goes on (it is shared); once it is in, the abandoned create stays unsent.
    await client.findPaymentLinkById('pl_none').catch(() => undefined);
    assert.equal(sandbox.calls.token - tokens, 1);
    assert.equal(sandbox.calls.create, creates);
  });

  it('without late, the create is aborted at the deadline', async () => {
    const client = sandboxClient(sandbox, { timeout: 2000 });
    await client.createPaymentLink(linkBody());
    sandbox.faults.latency = 300;
    const error = await rejection(client.createPaymentLink(linkBody(), { deadline: 100 }));
    assert.deepEqual([error.kind, error.sent], ['timeout', true]);
  });

  it('a signal aborts the call with its own reason', async () => {
    const client = sandboxClient(sandbox);
    await client.createPaymentLink(linkBody());
    sandbox.faults.latency = 300;
    const controller = new AbortController();
    const call = client.createPaymentLink(linkBody(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the payer left')), 20);
    await assert.rejects(call, /the payer left/);
  });

  it('refuses a timeout or limit that is no positive number', () => {
    for (const options of [{ timeout: 0 }, { timeout: Number.NaN }, { maxResponseBytes: -1 }]) {
      assert.throws(() => sandboxClient(sandbox, options), /timeout and maxResponseBytes/);
    }
  });
});

describe('AlmaraPayClient: what a failed exchange says of whether it reached Almara', () => {
  /** A client whose token is given and whose every create gets `fetch`'s answer. */
  const clientWith = (fetchImpl: typeof fetch, options: { maxResponseBytes?: number } = {}) =>
    new AlmaraPayClient({
      baseUrl: 'https://almara.example',
      getToken: async () => 'tok',
      fetch: fetchImpl,
      ...options,
    });
  const failing = (cause: unknown) => () => Promise.reject(new TypeError('fetch failed', { cause }));
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('refused, host not found, unreachable: never sent', async () => {
    for (const cause of [
      coded('ECONNREFUSED'),
      coded('ENOTFOUND'),
      coded('EAI_AGAIN'),
      coded('UND_ERR_CONNECT_TIMEOUT'),
      new AggregateError([coded('ECONNREFUSED'), coded('ENETUNREACH')]),
    ]) {
      const error = await rejection(clientWith(failing(cause)).createPaymentLink(linkBody()));
      assert.deepEqual([error.operation, error.kind, error.sent], ['create', 'network', false], String(cause));
    }
  });

  it('reset, closed, or anything unknown: maybe sent', async () => {
    for (const cause of [
      coded('ECONNRESET'),
      coded('UND_ERR_SOCKET'),
      coded('EPIPE'),
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')]),
      new Error('no code'),
      undefined,
    ]) {
      const error = await rejection(clientWith(failing(cause)).createPaymentLink(linkBody()));
      assert.deepEqual([error.kind, error.sent], ['network', true], String(cause));
    }
  });

  it('a 2xx whose body breaks off: invalid_response, with its status, sent', async () => {
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":"pl_1","url":"https://pay'));
        controller.error(new TypeError('terminated'));
      },
    });
    const error = await rejection(
      clientWith(async () => new Response(cut, { status: 201 })).createPaymentLink(linkBody()),
    );
    assert.deepEqual([error.kind, error.status, error.sent], ['invalid_response', 201, true]);
    assert.match(error.message, /cut off/);
  });

  it('an answer over maxResponseBytes: read no further than the limit, then invalid_response', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const client = clientWith(async () => new Response(endless, { status: 201 }), { maxResponseBytes: 256 * 1024 });
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.deepEqual([error.kind, error.status, error.sent], ['invalid_response', 201, true]);
    assert.match(error.message, /over 262144 bytes/);
    assert.ok(pulled <= 512 * 1024, `read ${pulled} bytes of an endless answer`);
  });

  it('a declared Content-Length over the limit is not read at all', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = new Response(body, { status: 200, headers: { 'Content-Length': String(64 * 1024 * 1024) } });
    const error = await rejection(clientWith(async () => response).createPaymentLink(linkBody()));
    assert.equal(error.kind, 'invalid_response');
    assert.ok(pulled <= 1, `pulled ${pulled} chunks`);
  });

  it('a non-2xx over the limit is still its status (http), not a broken 2xx', async () => {
    const big = 'x'.repeat(2048);
    const client = clientWith(async () => new Response(big, { status: 503 }), { maxResponseBytes: 1024 });
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.deepEqual([error.kind, error.status], ['http', 503]);
    assert.equal(error.detail?.length, 300);
  });
});
