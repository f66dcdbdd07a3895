/**
 * AlmaraPayClient as a merchant's logs and Almara see it, on a scripted `fetch` (no sockets):
 * what each request carries, what each failure says (its call, its kind, its message, the
 * status and the start of the body), how much of an answer is read, and what happens to an
 * exchange at and after its deadline. The few waits are tens of milliseconds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AlmaraApiError,
  AlmaraPayClient,
  type AlmaraPayClientOptions,
  type CreatedPaymentLink,
  type CreatePaymentLinkBody,
} from '../../src/server/index.js';
import { almaraBody } from './support.js';

const BASE = 'https://almara.example';
const LINK = { id: 'pl_1', url: 'https://pay.almara.example/l/pl_1' };
const linkBody = (overrides: Record<string, unknown> = {}) => almaraBody(overrides) as CreatePaymentLinkBody;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A client whose `fetch` answers each request with `answer(sent)`; the token request too,
 * unless `getToken` is given. What was sent is kept, in order.
 */
function scripted(answer: (sent: Sent) => Response | Promise<Response>, options: Partial<AlmaraPayClientOptions> = {}) {
  const sent: Sent[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const request: Sent = {
      url: input instanceof Request ? input.url : String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    sent.push(request);
    return answer(request);
  }) as typeof fetch;
  const client = new AlmaraPayClient({ baseUrl: BASE, getToken: async () => 'tok', fetch: fetchImpl, ...options });
  return { client, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A fetch that never answers, until its signal aborts (then it rejects as fetch does). */
const hanging = (sent: Sent) =>
  new Promise<Response>((_, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort reason, as fetch rejects with it
    sent.signal?.addEventListener('abort', () => reject(sent.signal?.reason), { once: true });
  });

async function rejection(promise: Promise<unknown>): Promise<AlmaraApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AlmaraApiError, `an AlmaraApiError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('AlmaraPayClient: what it sends', () => {
  it('refuses a baseUrl that is not http(s), "xhttp:" included', () => {
    for (const baseUrl of ['ftp://almara.example', 'xhttp://almara.example', 'xhttps://almara.example']) {
      assert.throws(() => new AlmaraPayClient({ baseUrl, getToken: async () => 't' }), /baseUrl must be http\(s\)/);
    }
  });

  it('appends the paths to the baseUrl, however many slashes it ends in', async () => {
    const { client, sent } = scripted(() => json(LINK), { baseUrl: `${BASE}/api//` });
    await client.createPaymentLink(linkBody());
    assert.equal(sent[0]?.url, `${BASE}/api/v1/payment-link/create-payment-link`);
  });

  it('a create: JSON with its Content-Type, Accept JSON, the Bearer token', async () => {
    const { client, sent } = scripted(() => json(LINK));
    await client.createPaymentLink(linkBody());
    const create = sent[0]!;
    assert.equal(create.method, 'POST');
    assert.equal(create.headers.get('Content-Type'), 'application/json');
    assert.equal(create.headers.get('Accept'), 'application/json');
    assert.equal(create.headers.get('Authorization'), 'Bearer tok');
    assert.equal(JSON.parse(create.body ?? '')['amount'], 1500);
  });

  it('a find: a GET with no body and no Content-Type', async () => {
    const { client, sent } = scripted(() => json(LINK));
    await client.findPaymentLinkById('pl_1');
    assert.equal(sent[0]?.method, 'GET');
    assert.equal(sent[0]?.body, undefined);
    assert.equal(sent[0]?.headers.get('Content-Type'), null);
    assert.equal(sent[0]?.headers.get('Accept'), 'application/json');
  });

  it('a token request given as text (api.tokenRequest) is sent as it is, with its own Content-Type', async () => {
    const form = 'grant_type=client_credentials&client_id=id&client_secret=secret';
    const { client, sent } = scripted(
      (request) => (request.url.endsWith('/token') ? json({ access_token: 't1' }) : json(LINK)),
      {
        getToken: undefined,
        credentials: { clientId: 'id', clientSecret: 'secret' },
        api: {
          tokenRequest: () => ({
            method: 'POST',
            path: '/oauth/token',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: form,
          }),
        },
      },
    );
    await client.createPaymentLink(linkBody());
    assert.equal(sent[0]?.body, form);
    assert.equal(sent[0]?.headers.get('Content-Type'), 'application/x-www-form-urlencoded');
    assert.equal(sent[1]?.headers.get('Authorization'), 'Bearer t1');
  });

  it('getToken may return a token with its lifetime: used as the Bearer token, and cached', async () => {
    let asked = 0;
    const { client, sent } = scripted(() => json(LINK), {
      getToken: async () => (asked++, { accessToken: 't-3600', expiresIn: 3600 }),
    });
    await client.createPaymentLink(linkBody());
    await client.createPaymentLink(linkBody());
    assert.equal(sent[0]?.headers.get('Authorization'), 'Bearer t-3600');
    assert.equal(asked, 1);
  });

  it('a 401 on a token without lifetime (not cached): one more token, the call made again', async () => {
    let asked = 0;
    let creates = 0;
    const { client } = scripted(() => (creates++ === 0 ? json({ error: 'expired' }, 401) : json(LINK)), {
      getToken: async () => `t${++asked}`,
    });
    assert.equal((await client.createPaymentLink(linkBody())).id, 'pl_1');
    assert.equal(asked, 2);
  });
});

describe('AlmaraPayClient: what a failure says', () => {
  it('refused before sending: its call, invalid_request, the fields at fault; nothing sent', async () => {
    const { client, sent } = scripted(() => json(LINK));
    const create = await rejection(client.createPaymentLink(linkBody({ amount: -1, phoneNumber: '' })));
    assert.deepEqual([create.operation, create.kind, create.sent], ['create', 'invalid_request', false]);
    assert.match(create.message, /^Almara create: phoneNumber: [^;]+(; amount: [^;]+)+$/);

    const find = await rejection(client.findPaymentLinkById(''));
    assert.deepEqual([find.operation, find.kind, find.message], ['find', 'invalid_request', 'Almara find: no id']);
    const update = await rejection(client.updatePaymentLink('', { amount: 10 }));
    assert.deepEqual(
      [update.operation, update.kind, update.message],
      ['update', 'invalid_request', 'Almara update: no id'],
    );
    const changes = await rejection(client.updatePaymentLink('pl_1', { amount: 'ten' } as never));
    assert.deepEqual([changes.operation, changes.kind], ['update', 'invalid_request']);
    assert.match(changes.message, /^Almara update: amount: /);
    assert.equal(sent.length, 0);
  });

  it('an answer that is no payment link: invalid_response of the call that got it, with the cause', async () => {
    const { client } = scripted(() => json({ nothing: 'here' }));
    for (const [operation, call] of [
      ['create', () => client.createPaymentLink(linkBody())],
      ['find', () => client.findPaymentLinkById('pl_1')],
      ['update', () => client.updatePaymentLink('pl_1', { amount: 10 })],
    ] as const) {
      const error = await rejection(call());
      assert.deepEqual([error.operation, error.kind], [operation, 'invalid_response']);
      assert.equal(error.message, `Almara ${operation}: the answer is not a payment link`);
      assert.ok(error.cause, operation);
    }
  });

  it('a created link without url, or with one no payer may be sent to: invalid_response, saying which', async () => {
    const noUrl = await rejection(scripted(() => json({ id: 'pl_1' })).client.createPaymentLink(linkBody()));
    assert.deepEqual([noUrl.operation, noUrl.kind], ['create', 'invalid_response']);
    assert.equal(noUrl.message, 'Almara create: the created link has no url');
    const unsafe = await rejection(
      scripted(() => json({ id: 'pl_1', url: 'http://pay.almara.example/l/pl_1' })).client.createPaymentLink(
        linkBody(),
      ),
    );
    assert.equal(unsafe.message, 'Almara create: the link url is not https (nor http on loopback)');
  });

  it('a token answer without a token: invalid_response of the token request, with the cause', async () => {
    const { client } = scripted(() => json({ hello: 'world' }), {
      getToken: undefined,
      credentials: { clientId: 'id', clientSecret: 'secret' },
    });
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.deepEqual([error.operation, error.kind], ['token', 'invalid_response']);
    assert.equal(error.message, 'Almara token: the answer has no usable token');
    assert.ok(error.cause);
  });

  it('a 2xx that is not JSON: its status, the start of the body and the parse error for the logs', async () => {
    const error = await rejection(
      scripted(() => new Response('<html>oops</html>')).client.createPaymentLink(linkBody()),
    );
    assert.deepEqual([error.kind, error.status, error.detail], ['invalid_response', 200, '<html>oops</html>']);
    assert.equal(error.message, 'Almara create: the answer is not JSON');
    assert.ok(error.cause instanceof SyntaxError);
  });

  it('a 2xx with no body at all is "not JSON" too', async () => {
    const error = await rejection(
      scripted(() => new Response(null, { status: 200 })).client.createPaymentLink(linkBody()),
    );
    assert.equal(error.message, 'Almara create: the answer is not JSON');
  });

  it('a non-2xx: http, its status, and 300 characters of its body', async () => {
    const error = await rejection(
      scripted(() => new Response('e'.repeat(1000), { status: 500 })).client.createPaymentLink(linkBody()),
    );
    assert.deepEqual([error.kind, error.status, error.message], ['http', 500, 'Almara create: HTTP 500']);
    assert.equal(error.detail, 'e'.repeat(300));
  });

  it('a status whose body breaks off: http for a non-2xx (a 4xx stays a refusal), cut off for a 2xx', async () => {
    const broken = (status: number) => () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"error":'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status });
    };
    for (const status of [400, 503]) {
      const error = await rejection(scripted(broken(status)).client.createPaymentLink(linkBody()));
      assert.deepEqual([error.kind, error.status, error.message], ['http', status, `Almara create: HTTP ${status}`]);
      assert.ok(error.cause);
    }
    const cut = await rejection(scripted(broken(200)).client.createPaymentLink(linkBody()));
    assert.deepEqual(
      [cut.kind, cut.status, cut.message],
      ['invalid_response', 200, 'Almara create: the answer was cut off'],
    );
  });

  it('every 2xx is a success, 299 included', async () => {
    assert.equal((await scripted(() => json(LINK, 299)).client.createPaymentLink(linkBody())).id, 'pl_1');
  });

  it('fetch failing without any cause: network, and maybe sent', async () => {
    const error = await rejection(
      scripted(() => Promise.reject(new TypeError('fetch failed'))).client.createPaymentLink(linkBody()),
    );
    assert.deepEqual([error.kind, error.sent, error.message], ['network', true, 'Almara create: no answer']);
  });
});

describe('AlmaraPayClient: how much of an answer is read', () => {
  const exact = JSON.stringify(LINK);
  const limit = new TextEncoder().encode(exact).length;

  it('an answer of exactly maxResponseBytes is read, declared or streamed', async () => {
    const declared = scripted(() => new Response(exact, { headers: { 'Content-Length': String(limit) } }), {
      maxResponseBytes: limit,
    });
    assert.equal((await declared.client.createPaymentLink(linkBody())).id, 'pl_1');
    const streamed = scripted(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(exact));
              controller.close();
            },
          }),
        ),
      { maxResponseBytes: limit },
    );
    assert.equal((await streamed.client.createPaymentLink(linkBody())).id, 'pl_1');
  });

  it('one byte over: refused, and the detail is the bytes up to the limit, not one more', async () => {
    const over = `${exact} `;
    const { client } = scripted(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(over));
              controller.close();
            },
          }),
        ),
      { maxResponseBytes: limit },
    );
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.equal(error.message, `Almara create: the answer is over ${limit} bytes`);
    assert.equal(error.detail, exact);
  });

  it('a non-2xx declared over the limit keeps nothing of its body', async () => {
    const { client } = scripted(
      () => new Response('x'.repeat(2000), { status: 502, headers: { 'Content-Length': '2000' } }),
      {
        maxResponseBytes: 1000,
      },
    );
    const error = await rejection(client.createPaymentLink(linkBody()));
    assert.deepEqual([error.kind, error.status, error.detail], ['http', 502, '']);
  });

  it('a character split between two chunks of the answer arrives whole', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...LINK, description: 'Kikoi ya Zoë' }));
    const cut = bytes.indexOf(0xc3) + 1;
    const { client } = scripted(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(bytes.slice(0, cut));
              controller.enqueue(bytes.slice(cut));
              controller.close();
            },
          }),
        ),
    );
    assert.equal((await client.findPaymentLinkById('pl_1')).description, 'Kikoi ya Zoë');
  });
});

describe('AlmaraPayClient: the deadline', () => {
  // AbortSignal.timeout's timers do not keep the process alive (a socket would): this does.
  let alive: NodeJS.Timeout;
  before(() => (alive = setInterval(() => {}, 1000)));
  after(() => clearInterval(alive));

  it('a 401 then a token that does not come in time: timeout of the token, and not sent', async () => {
    let asked = 0;
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { client } = scripted(() => json({}, 401), {
      getToken: async () => {
        if (++asked > 1) await slow;
        return 't';
      },
    });
    try {
      const error = await rejection(client.createPaymentLink(linkBody(), { deadline: 30 }));
      assert.deepEqual([error.operation, error.kind, error.sent], ['token', 'timeout', false]);
      assert.equal(error.message, 'Almara token: no answer within 30 ms');
    } finally {
      release();
    }
  });

  it('without late, an exchange still under way at the deadline is aborted', async () => {
    const { client, sent } = scripted(hanging);
    const error = await rejection(client.createPaymentLink(linkBody(), { deadline: 20 }));
    assert.deepEqual([error.kind, error.sent], ['timeout', true]);
    await pause(0);
    assert.equal(sent[0]?.signal?.aborted, true);
  });

  it('a token that comes after the deadline: the abandoned create is never sent', async () => {
    const { client, sent } = scripted(() => json(LINK), {
      getToken: async () => {
        await pause(60);
        return 't';
      },
    });
    const error = await rejection(client.createPaymentLink(linkBody(), { deadline: 20 }));
    assert.deepEqual([error.operation, error.sent], ['token', false]);
    await pause(100);
    assert.equal(sent.length, 0, 'no link nobody would know of');
  });

  it('with late: the exchange goes on past the deadline, but no longer than the client’s timeout', async () => {
    const { client, sent } = scripted(hanging, { timeout: 80 });
    let late: Promise<CreatedPaymentLink> | undefined;
    const error = await rejection(
      client.createPaymentLink(linkBody(), { deadline: 10, late: (outcome) => void (late = outcome) }),
    );
    assert.deepEqual([error.kind, error.sent], ['timeout', true]);
    assert.ok(late);
    assert.equal(sent[0]?.signal?.aborted, false, 'still under way after the deadline');
    const outcome = await rejection(late);
    assert.equal(outcome.kind, 'timeout');
    assert.equal(sent[0]?.signal?.aborted, true, 'cut off after the timeout');
  });

  it('with late, the caller’s signal still aborts the exchange', async () => {
    const { client, sent } = scripted(hanging, { timeout: 5000 });
    const controller = new AbortController();
    let late: Promise<CreatedPaymentLink> | undefined;
    await rejection(
      client.createPaymentLink(linkBody(), {
        deadline: 10,
        signal: controller.signal,
        late: (outcome) => void (late = outcome),
      }),
    );
    assert.ok(late);
    controller.abort(new Error('shutting down'));
    await assert.rejects(late, /shutting down/);
    assert.equal(sent[0]?.signal?.aborted, true);
  });

  it('a call answered in time hands nothing to late when its deadline passes afterwards', async () => {
    const { client } = scripted(() => json(LINK));
    let handed = 0;
    const link = await client.createPaymentLink(linkBody(), { deadline: 20, late: () => handed++ });
    assert.equal(link.id, 'pl_1');
    await pause(50);
    assert.equal(handed, 0);
  });
});
