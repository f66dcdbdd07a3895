/**
 * "Never a second link" (contract §3) against an Almara that misbehaves on the wire: a raw
 * `net` server speaking just enough HTTP/1.1 serves the token request properly and breaks
 * the create in one way per case. The handler runs on node:http with a short `deadline`,
 * and every case submits as the element does: a first try and two retries with one
 * Idempotency-Key. Creates are counted where they arrive, at the fake upstream, as
 * requests received whole: each could have made a link.
 *
 * Real sockets take real milliseconds, so the deadline is a real 250 ms; nothing else
 * waits. Every server is closed and every socket destroyed, so the file ends by itself.
 */
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { SANDBOX_SHORT_CODE } from '../../src/sandbox/index.js';
import {
  AlmaraApiError,
  AlmaraPayClient,
  createPaymentLinkHandler,
  MemoryIdempotencyStore,
  toNodeHandler,
  type AlmaraPayClientOptions,
  type CompletedIdempotencyRecord,
} from '../../src/server/index.js';
import { elementBody, listen, THANKS, type Listening } from './support.js';

/** The handler's deadline: past it the payer gets 504 and a create Almara has goes on. */
const DEADLINE = 250;
/** The client's own timeout: how long a create kept past the deadline may go on. */
const CLIENT_TIMEOUT = 1000;
const HUGE_BYTES = 64 * 1024 * 1024;

/** How the fake answers a create request it has received whole. */
type CreateFault =
  | 'link' // 201 and a link: Almara working
  | 'cut' // 201, the start of the body, then a reset
  | 'reset' // a reset, no answer at all
  | 'hang' // nothing, the connection held open
  | 'later' // nothing until `answerHeld()`, then 201 and a link
  | 'huge' // 201 and a 64 MB link (chunked: no length to refuse it by)
  | 'unauthorized'; // 401, whatever the token

class FakeAlmara {
  /** Create requests received whole: each could have made a link, but for a 401. */
  creates = 0;
  /** Of those, the ones answered 401: refused unread, they made nothing. */
  refused = 0;
  tokens = 0;
  links = 0;
  /** Bytes of the 64 MB answer that left the fake before the client hung up. */
  hugeSent = 0;
  create: CreateFault = 'link';
  token: 'ok' | 'unauthorized' = 'ok';
  readonly url: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #held: Socket[] = [];

  private constructor(server: Server) {
    this.#server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  static async start(port = 0): Promise<FakeAlmara> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const fake = new FakeAlmara(server);
    server.on('connection', (socket) => fake.#serve(socket));
    return fake;
  }

  /** Answers every create held by `later` with its link. */
  answerHeld(): void {
    for (const socket of this.#held.splice(0)) this.#link(socket);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    // The client's resets and hang-ups are the point here, not failures of the fake.
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      // Keep-alive: several requests, one after the other, may come on one connection.
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.subarray(end + 4 + length);
        const path = head.split(' ')[1] ?? '';
        if (path.endsWith('/auth/token')) this.#tokenAnswer(socket);
        else if (path.endsWith('/create-payment-link')) this.#createAnswer(socket);
        else respond(socket, 404, '{"error":"not_found"}');
      }
    });
  }

  #tokenAnswer(socket: Socket): void {
    this.tokens++;
    if (this.token === 'unauthorized') respond(socket, 401, '{"error":"invalid_client"}');
    else respond(socket, 200, JSON.stringify({ accessToken: `tok_${this.tokens}`, expiresIn: 3600 }));
  }

  #createAnswer(socket: Socket): void {
    this.creates++;
    switch (this.create) {
      case 'link':
        this.#link(socket);
        return;
      case 'cut':
        socket.write(head(201, { 'Content-Type': 'application/json', 'Content-Length': '400' }) + '{"id":"pl_cut","ur');
        // A moment for the status line to be read first, so that the reset cuts the body, not the head.
        setTimeout(() => socket.resetAndDestroy(), 50);
        return;
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'hang':
        return;
      case 'later':
        this.#held.push(socket);
        return;
      case 'huge':
        void this.#huge(socket);
        return;
      case 'unauthorized':
        this.refused++;
        respond(socket, 401, '{"error":"token_expired"}');
        return;
    }
  }

  #link(socket: Socket): void {
    const id = `pl_fake_${++this.links}`;
    respond(socket, 201, JSON.stringify({ id, url: `https://pay.almara.example/${id}`, status: 'pending' }));
  }

  /** A valid link padded to 64 MB, written as fast as the client takes it: read whole, it would be accepted. */
  async #huge(socket: Socket): Promise<void> {
    socket.write(head(201, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
    const opening = '{"id":"pl_huge","url":"https://pay.almara.example/pl_huge","padding":"';
    const padding = Buffer.alloc(64 * 1024, 'x');
    const chunk = (data: Buffer | string) => `${Buffer.byteLength(data).toString(16)}\r\n`;
    socket.write(chunk(opening) + opening + '\r\n');
    let sent = opening.length;
    while (sent < HUGE_BYTES && !socket.destroyed) {
      socket.write(chunk(padding));
      socket.write(padding);
      const more = socket.write('\r\n');
      sent += padding.length;
      if (!more) await drainedOrClosed(socket);
    }
    if (!socket.destroyed) socket.write(chunk('"}') + '"}\r\n0\r\n\r\n');
    this.hugeSent = socket.bytesWritten;
  }
}

/** Not `events.once`: that rejects on the reset this fake is waiting for. */
function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

function head(status: number, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} Fake\r\n${lines.join('')}\r\n`;
}

function respond(socket: Socket, status: number, body: string): void {
  socket.write(
    head(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }) + body,
  );
}

/** The default store, telling when a link is stored: a late one arrives after its request was answered. */
class WatchedStore extends MemoryIdempotencyStore {
  readonly #waiting: ((record: CompletedIdempotencyRecord) => void)[] = [];
  /** Resolves with the next link stored. */
  nextLink(): Promise<CompletedIdempotencyRecord> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  override async complete(key: string, record: CompletedIdempotencyRecord, ttlMs: number): Promise<void> {
    await super.complete(key, record, ttlMs);
    if (record.link) for (const resolve of this.#waiting.splice(0)) resolve(record);
  }
}

interface Answered {
  status: number;
  code: string | undefined;
  id: string | undefined;
  replayed: boolean;
  ms: number;
}

/** The handler with the fake upstream (or `baseUrl`) behind it. */
async function merchant(fake: FakeAlmara | { url: string }, client: Partial<AlmaraPayClientOptions> = {}) {
  const store = new WatchedStore();
  const errors: unknown[] = [];
  const handler = createPaymentLinkHandler({
    client: new AlmaraPayClient({
      baseUrl: fake.url,
      credentials: { clientId: 'fake-client', clientSecret: 'fake-secret' },
      timeout: CLIENT_TIMEOUT,
      ...client,
    }),
    shortCode: SANDBOX_SHORT_CODE,
    redirectionSite: THANKS,
    deadline: DEADLINE,
    store,
    onError: (error) => errors.push(error),
  });
  const server: Listening = await listen(createHttpServer(toNodeHandler(handler)));
  /** One try of the element's: the same body, the submission's one key. */
  const submit = async (key: string): Promise<Answered> => {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/payment-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(elementBody()),
    });
    const body = (await response.json()) as { id?: string; error?: { code: string } };
    return {
      status: response.status,
      code: body.error?.code,
      id: body.id,
      replayed: response.headers.get('Idempotent-Replayed') === 'true',
      ms: performance.now() - started,
    };
  };
  /** The element's submission: the first try and its two retries. */
  const tries = async (key: string, count = 3): Promise<Answered[]> => {
    const answers: Answered[] = [];
    for (let i = 0; i < count; i++) answers.push(await submit(key));
    return answers;
  };
  return { store, errors, submit, tries, close: () => server.close() };
}

const summary = (answers: Answered[]) => answers.map((a) => [a.status, a.code ?? a.id, a.replayed]);

/** Within the deadline, give or take a loaded machine. */
function assertInTime(answer: Answered | undefined): void {
  assert.ok(answer && answer.ms < DEADLINE + 400, `answered in ${answer?.ms.toFixed(0)} ms`);
}

/** The errors the merchant's log got, as operation/kind/sent. */
const logged = (errors: unknown[]) =>
  errors.map((error) =>
    error instanceof AlmaraApiError ? `${error.operation}/${error.kind}/${error.sent ? 'sent' : 'not sent'}` : error,
  );

describe('faults on the wire: at most one create per Idempotency-Key', () => {
  const open: { close(): Promise<void> }[] = [];
  after(async () => {
    for (const each of open.reverse()) await each.close();
  });
  async function start(create: CreateFault, client: Partial<AlmaraPayClientOptions> = {}) {
    const fake = await FakeAlmara.start();
    const backend = await merchant(fake, client);
    open.push(fake, backend);
    fake.create = create;
    return { fake, backend };
  }

  it('reset mid-body after a 201: 502 for all 3 tries, held, 1 create', async (t) => {
    const { fake, backend } = await start('cut');
    const answers = await backend.tries('cut');
    assert.deepEqual(summary(answers), [
      [502, 'upstream_invalid_response', false],
      [502, 'upstream_invalid_response', true],
      [502, 'upstream_invalid_response', true],
    ]);
    assert.equal(fake.creates, 1);
    assert.deepEqual(logged(backend.errors), ['create/invalid_response/sent']);
    t.diagnostic(`reset mid-body after 201: ${fake.creates} create for 3 tries`);
  });

  it('reset after the request was written, before any answer: 502 held, 1 create', async (t) => {
    const { fake, backend } = await start('reset');
    const answers = await backend.tries('reset');
    assert.deepEqual(summary(answers), [
      [502, 'upstream_unreachable', false],
      [502, 'upstream_unreachable', true],
      [502, 'upstream_unreachable', true],
    ]);
    assert.equal(fake.creates, 1);
    assert.deepEqual(logged(backend.errors), ['create/network/sent']);
    t.diagnostic(`reset after the request was written: ${fake.creates} create for 3 tries`);
  });

  it('no answer, the connection held open: 504 at the deadline, then held, 1 create', async (t) => {
    const { fake, backend } = await start('hang');
    const answers = await backend.tries('hang');
    assert.deepEqual(summary(answers), [
      [504, 'upstream_timeout', false],
      [504, 'upstream_timeout', true],
      [504, 'upstream_timeout', true],
    ]);
    assertInTime(answers[0]);
    assert.ok(answers[0]!.ms >= DEADLINE - 5, 'not before the deadline');
    assert.equal(fake.creates, 1);
    t.diagnostic(`no answer: ${fake.creates} create for 3 tries, first answer in ${answers[0]!.ms.toFixed(0)} ms`);
  });

  it('Almara answers after the deadline: the retry before gets the hold, the next one the late link', async (t) => {
    const { fake, backend } = await start('later');
    const [first, second] = await backend.tries('later', 2);
    assert.deepEqual(summary([first!, second!]), [
      [504, 'upstream_timeout', false],
      [504, 'upstream_timeout', true],
    ]);
    assertInTime(first);

    const stored = backend.store.nextLink();
    fake.answerHeld();
    const { link } = await stored;
    const [third] = await backend.tries('later', 1);
    assert.deepEqual(summary([third!]), [[200, link!.id, true]]);
    const [byHand] = await backend.tries('later', 1);
    assert.equal(byHand?.id, link!.id, 'a try by hand later gets the same link');
    assert.equal(fake.creates, 1);
    assert.equal(fake.links, 1);
    t.diagnostic(`answer after the deadline: ${fake.creates} create for 3 tries and 1 by hand; the late link kept`);
  });

  it('a 64 MB answer: read no further than 1 MB, 502 held, memory flat, 1 create', async (t) => {
    const { fake, backend } = await start('huge');
    const rss = process.memoryUsage().rss;
    const answers = await backend.tries('huge');
    const grown = process.memoryUsage().rss - rss;
    assert.deepEqual(summary(answers), [
      [502, 'upstream_invalid_response', false],
      [502, 'upstream_invalid_response', true],
      [502, 'upstream_invalid_response', true],
    ]);
    assert.equal(fake.creates, 1);
    // Socket buffers on both sides hold a few MB at most; reading on would have taken all 64.
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(fake.hugeSent < 16 * 1024 * 1024, `the fake got ${fake.hugeSent} bytes out`);
    assert.ok(grown < 48 * 1024 * 1024, `RSS grew by ${grown} bytes`);
    t.diagnostic(
      `64 MB answer: ${fake.creates} create for 3 tries; ${(fake.hugeSent / 2 ** 20).toFixed(1)} MB left the fake, RSS +${(grown / 2 ** 20).toFixed(1)} MB`,
    );
  });

  it('a 401 storm on create: one refresh per try, no loop, 502 each time; nothing made, so the key is freed', async (t) => {
    const { fake, backend } = await start('unauthorized');
    const answers = await backend.tries('storm');
    assert.deepEqual(summary(answers), Array(3).fill([502, 'upstream_error', false]));
    for (const answer of answers) assertInTime(answer);
    assert.equal(fake.creates, 6, 'the create and its retry after one refresh, per try');
    assert.equal(fake.refused, 6, 'every one refused unread');
    assert.equal(fake.creates - fake.refused, 0, 'none could have made a link');
    assert.equal(fake.tokens, 4, 'the first token, then one refresh per try');
    t.diagnostic(
      `401 storm: ${fake.creates} create requests for 3 tries, all refused 401 (${fake.creates - fake.refused} could make a link), ${fake.tokens} token requests`,
    );
  });

  it('a 401 storm on every call, the token request too: 502, no create at all', async (t) => {
    const { fake, backend } = await start('link');
    fake.token = 'unauthorized';
    const answers = await backend.tries('storm-token');
    assert.deepEqual(summary(answers), Array(3).fill([502, 'upstream_error', false]));
    assert.equal(fake.creates, 0);
    t.diagnostic(`401 storm, token request too: ${fake.creates} creates for 3 tries, ${fake.tokens} token requests`);
  });

  it('a working Almara, for comparison: 1 create, the same link for all 3 tries', async (t) => {
    const { fake, backend } = await start('link');
    const answers = await backend.tries('fine');
    assert.deepEqual(
      answers.map((a) => [a.status, a.replayed]),
      [
        [200, false],
        [200, true],
        [200, true],
      ],
    );
    assert.equal(new Set(answers.map((a) => a.id)).size, 1);
    assert.equal(fake.creates, 1);
    t.diagnostic(`working upstream: ${fake.creates} create for 3 tries`);
  });
});

describe('faults on the wire: only a request that never left frees the key', () => {
  /** A loopback port with nothing listening on it (for now). */
  async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  it('connection refused on the token request: 502 each try, never replayed, 0 creates', async (t) => {
    const port = await freePort();
    const backend = await merchant({ url: `http://127.0.0.1:${port}` });
    try {
      const answers = await backend.tries('refused-token');
      assert.deepEqual(summary(answers), Array(3).fill([502, 'upstream_unreachable', false]));
      assert.deepEqual(logged(backend.errors), Array(3).fill('token/network/not sent'));
      t.diagnostic('connection refused (token): 0 creates for 3 tries, the key freed each time');
    } finally {
      await backend.close();
    }
  });

  it('connection refused on the create: the key is freed, and once Almara is back the same key gets a link', async (t) => {
    const port = await freePort();
    // A token from elsewhere, so that the create is the first request to meet the closed port.
    const backend = await merchant({ url: `http://127.0.0.1:${port}` }, { getToken: async () => 'tok_given' });
    let fake: FakeAlmara | undefined;
    try {
      const answers = await backend.tries('refused-create');
      assert.deepEqual(summary(answers), Array(3).fill([502, 'upstream_unreachable', false]));
      assert.deepEqual(logged(backend.errors), Array(3).fill('create/network/not sent'));

      fake = await FakeAlmara.start(port);
      const [byHand] = await backend.tries('refused-create', 1);
      assert.deepEqual([byHand?.status, byHand?.replayed], [200, false], 'a new creation under the same key');
      assert.equal(fake.creates, 1);
      t.diagnostic(`connection refused (create): 0 creates for 3 tries; Almara back, ${fake.creates} create`);
    } finally {
      await backend.close();
      await fake?.close();
    }
  });
});
