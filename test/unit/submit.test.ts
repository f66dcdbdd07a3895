import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  postPaymentRequest,
  RETRY_DELAYS,
  submitDefaults,
  type Clock,
  type SubmitResult,
  type SubmitSettings,
} from '../../src/submit.js';
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

// The real timers, counted: every test ends with none of the submission's left running.
const running = new Set<unknown>();
const realClock: Clock = {
  now: Date.now,
  setTimeout: (callback, ms) => {
    const handle = setTimeout(() => {
      running.delete(handle);
      callback();
    }, ms);
    running.add(handle);
    return handle;
  },
  clearTimeout: (handle) => {
    running.delete(handle);
    clearTimeout(handle as number);
  },
};

const settings = (extra: Partial<SubmitSettings> = {}): SubmitSettings => ({
  endpoint,
  timeout: 2000,
  retryDelays: [20, 20],
  clock: realClock,
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
afterEach(() => {
  assert.equal(running.size, 0, 'a timer of the submission outlived it');
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

  it('reports a timeout when the backend does not answer in time, the timeout being the whole submission’s', async () => {
    answers = [hang()];
    const started = Date.now();
    const result = await send({ timeout: 150 });
    assert.deepEqual(result, { ok: false, code: 'timeout' });
    assert.equal(seen.length, 1);
    const took = Date.now() - started;
    assert.ok(took >= 145 && took < 1000, `${took} ms`);
  });

  it('counts a body that stalls half-way as a timeout too', async () => {
    answers = [
      (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"url":"https://pay.exa');
      },
    ];
    assert.deepEqual(await send({ timeout: 150 }), { ok: false, code: 'timeout' });
    assert.equal(seen.length, 1);
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

// The clock of the tests below: time moves only when nothing else can, straight to the next
// timer, so that fifteen seconds of a hanging backend take a few milliseconds.
interface Timer {
  at: number;
  callback: () => void;
}
class FakeClock implements Clock {
  timers = new Set<Timer>();
  constructor(
    public time = 0,
    /** What `random()` answers: 0.5 leaves every pause as it is. */
    public jitter = 0.5,
  ) {}
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.time + Math.max(0, ms), callback };
    this.timers.add(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as Timer);
  }
  random(): number {
    return this.jitter;
  }
  /** Lets every promise chain run that can, then fires the next timer, until `promise` settles. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    void promise.finally(() => (settled = true));
    for (;;) {
      await settle();
      if (settled) return promise;
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      assert.ok(next, 'nothing left to wait for, and no answer');
      this.timers.delete(next);
      this.time = next.at;
      next.callback();
    }
  }
  /** Moves the time `ms` on, firing the timers due meanwhile. */
  async tick(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > until) break;
      this.timers.delete(next);
      this.time = next.at;
      next.callback();
    }
    this.time = until;
  }
}
/** A few turns of the event loop: enough for fetch's and Response's own promises. */
const settle = async () => {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** An answer of the fake backend: a response in `after` ms of the clock, or a failure. */
type FakeAnswer = (clock: FakeClock, signal: AbortSignal) => Promise<Response>;
interface Call {
  at: number;
  key: string | null;
  signal: AbortSignal;
}
/** A `fetch` that answers on the fake clock and, as the real one does, rejects once its signal aborts. */
function fakeFetch(clock: FakeClock, answers: FakeAnswer[]) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (_input, init) => {
    const signal = init!.signal!;
    calls.push({ at: clock.now(), key: new Headers(init?.headers).get('Idempotency-Key'), signal });
    return answers[Math.min(calls.length, answers.length) - 1]!(clock, signal);
  };
  return { calls, fetch };
}
/** What fetch rejects with when its signal aborts. */
const abortError = () => new DOMException('This operation was aborted', 'AbortError');
const answer =
  (status: number, body: unknown = {}, headers: Record<string, string> = {}, after = 0): FakeAnswer =>
  (clock, signal) =>
    new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => resolve(new Response(JSON.stringify(body), { status, headers })), after);
      signal.addEventListener('abort', () => {
        clock.clearTimeout(timer);
        reject(abortError());
      });
    });
const never: FakeAnswer = (_clock, signal) =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(abortError())));
const refuse: FakeAnswer = () => Promise.reject(new TypeError('fetch failed'));
const link = answer(201, { url: 'https://pay.example/l/9', id: 'pl_9' });
const busy = answer(409, { error: { code: 'idempotency_in_progress', message: 'Still working on it.' } });

/** Sends the request of the tests on `clock`, to the answers given, with the element's 15 s. */
function start(clock: FakeClock, answers: FakeAnswer[], extra: Partial<SubmitSettings> = {}, signal?: AbortSignal) {
  const backend = fakeFetch(clock, answers);
  const result: Promise<SubmitResult> = postPaymentRequest(
    request,
    'key-1',
    { endpoint: 'https://shop.example/api/payment-link', timeout: 15_000, clock, fetch: backend.fetch, ...extra },
    'en',
    signal,
  );
  return { ...backend, result };
}
const at = (calls: Call[]) => calls.map((call) => call.at);

describe('postPaymentRequest on a clock of its own', () => {
  it('runs on the real timers by default', async () => {
    const { clock } = submitDefaults;
    assert.ok(Math.abs(clock.now() - Date.now()) < 50);
    const fired = await new Promise<boolean>((resolve) => {
      const dropped = clock.setTimeout(() => resolve(false), 5);
      clock.clearTimeout(dropped);
      clock.setTimeout(() => resolve(true), 10);
    });
    assert.equal(fired, true);
  });

  it('ends a hanging backend with `timeout` at the deadline itself: 15 s, not three times 15 s', async () => {
    const clock = new FakeClock();
    // The page-wide default, read when the submission starts, as the browser tests use it.
    const saved = submitDefaults.clock;
    submitDefaults.clock = clock;
    try {
      const { calls, result } = start(clock, [never], { clock: undefined });
      assert.deepEqual(await clock.run(result), { ok: false, code: 'timeout' });
      assert.equal(clock.now(), 15_000);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]!.signal.aborted, true);
      assert.equal(clock.timers.size, 0);
    } finally {
      submitDefaults.clock = saved;
    }
  });

  it('gives each attempt what the earlier ones left of the deadline', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [answer(503, {}, {}, 10_000), never]);
    assert.deepEqual(await clock.run(result), { ok: false, code: 'timeout' });
    // 10 s for the first answer, 0.5 s of pause: the second attempt had 4.5 s.
    assert.deepEqual(at(calls), [0, 10_500]);
    assert.equal(clock.now(), 15_000);
    assert.equal(calls[1]!.signal.aborted, true);
    assert.equal(clock.timers.size, 0);
  });

  it('answers the last failure at once when the pause would end at the deadline or after it', async () => {
    for (const [answeredAt, timeout] of [
      [600, 1000],
      [500, 1000],
    ] as const) {
      const clock = new FakeClock();
      const { calls, result } = start(
        clock,
        [answer(503, { error: { code: 'unavailable', message: 'Down.' } }, {}, answeredAt), link],
        { timeout },
      );
      assert.deepEqual(await clock.run(result), { ok: false, code: 'unavailable', message: 'Down.', status: 503 });
      assert.equal(clock.now(), answeredAt);
      assert.equal(calls.length, 1);
      assert.equal(clock.timers.size, 0);
    }
  });

  it('pauses about half a second, then a second and a half, each spread by a quarter either way', async () => {
    assert.deepEqual(RETRY_DELAYS, [500, 1500]);
    assert.equal(submitDefaults.retryDelays, RETRY_DELAYS);
    for (const [jitter, times] of [
      [0, [0, 375, 1500]],
      [0.5, [0, 500, 2000]],
      [1, [0, 625, 2500]],
    ] as const) {
      const clock = new FakeClock(0, jitter);
      const { calls, result } = start(clock, [answer(503), answer(502), link]);
      assert.deepEqual(await clock.run(result), { ok: true, url: 'https://pay.example/l/9', id: 'pl_9' });
      assert.deepEqual(at(calls), times, `random() = ${jitter}`);
    }
    // A clock without `random`: Math.random's, inside the same bounds.
    const clock = new FakeClock();
    const unjittered: Clock = {
      now: () => clock.now(),
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    };
    for (let run = 0; run < 20; run++) {
      const backend = fakeFetch(clock, [answer(503), link]);
      const started = clock.now();
      const result = postPaymentRequest(request, 'key-1', {
        endpoint: 'https://shop.example/api/payment-link',
        timeout: 15_000,
        clock: unjittered,
        fetch: backend.fetch,
      });
      assert.equal((await clock.run(result)).ok, true);
      const pause = backend.calls[1]!.at - started;
      assert.ok(pause >= 375 && pause <= 625, `${pause} ms`);
    }
  });

  it('retries a 409 `idempotency_in_progress` with the same key, and no other 409', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [busy, busy, link]);
    assert.deepEqual(await clock.run(result), { ok: true, url: 'https://pay.example/l/9', id: 'pl_9' });
    assert.deepEqual(
      calls.map((call) => call.key),
      ['key-1', 'key-1', 'key-1'],
    );

    const paid = start(clock, [answer(409, { error: { code: 'already_paid', message: 'Paid.' } }), link]);
    assert.deepEqual(await clock.run(paid.result), { ok: false, code: 'already_paid', message: 'Paid.', status: 409 });
    assert.equal(paid.calls.length, 1);
  });

  it('gives up on a busy key after two retries, with the backend’s own words', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [busy]);
    assert.deepEqual(await clock.run(result), {
      ok: false,
      code: 'idempotency_in_progress',
      message: 'Still working on it.',
      status: 409,
    });
    assert.equal(calls.length, 3);
  });

  it('waits what Retry-After says when it is shorter than what is left, on any failure', async () => {
    for (const [status, code] of [
      [503, 'unavailable'],
      [429, 'rate_limited'],
      [409, 'idempotency_in_progress'],
    ] as const) {
      const clock = new FakeClock();
      const { calls, result } = start(clock, [answer(status, { error: { code } }, { 'Retry-After': '2' }), link]);
      assert.equal((await clock.run(result)).ok, true, code);
      assert.deepEqual(at(calls), [0, 2000], code);
    }
    // As an HTTP date, measured against the clock's own time.
    const clock = new FakeClock(Date.UTC(2030, 0, 1));
    const date = new Date(clock.now() + 3000).toUTCString();
    const { calls, result } = start(clock, [answer(503, {}, { 'Retry-After': date }), link]);
    assert.equal((await clock.run(result)).ok, true);
    assert.deepEqual(at(calls), [clock.now() - 3000, clock.now()]);
    // Unreadable, or a date gone by: the usual pause.
    for (const retryAfter of ['soon', 'Tue, 01 Jan 2019 00:00:00 GMT']) {
      const again = start(clock, [answer(503, {}, { 'Retry-After': retryAfter }), link]);
      const started = clock.now();
      assert.equal((await clock.run(again.result)).ok, true);
      assert.deepEqual(at(again.calls), [started, started + 500], retryAfter);
    }
  });

  it('answers at once when Retry-After is longer than what is left', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [
      answer(503, { error: { code: 'maintenance', message: 'Back soon.' } }, { 'Retry-After': '20' }, 1000),
      link,
    ]);
    assert.deepEqual(await clock.run(result), {
      ok: false,
      code: 'maintenance',
      message: 'Back soon.',
      status: 503,
    });
    assert.equal(clock.now(), 1000);
    assert.equal(calls.length, 1);
    assert.equal(clock.timers.size, 0);
  });

  it('stops at once when cancelled during an attempt: `cancelled`, the fetch aborted, no other', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { calls, result } = start(clock, [never, link], {}, controller.signal);
    await clock.tick(3000);
    controller.abort();
    assert.deepEqual(await clock.run(result), { ok: false, code: 'cancelled' });
    assert.equal(clock.now(), 3000);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.signal.aborted, true);
    assert.equal(clock.timers.size, 0);
  });

  it('stops at once when cancelled during a pause, before the next attempt', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { calls, result } = start(clock, [answer(503), link], {}, controller.signal);
    await clock.tick(200);
    assert.equal(clock.timers.size, 2, 'the deadline and the pause');
    controller.abort();
    assert.deepEqual(await clock.run(result), { ok: false, code: 'cancelled' });
    assert.equal(clock.now(), 200);
    assert.equal(calls.length, 1);
    assert.equal(clock.timers.size, 0);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [link], {}, AbortSignal.abort());
    assert.deepEqual(await clock.run(result), { ok: false, code: 'cancelled' });
    assert.equal(calls.length, 0);
    assert.equal(clock.timers.size, 0);
  });

  it('retries network errors twice with the same key, then says so', async () => {
    const clock = new FakeClock();
    const { calls, result } = start(clock, [refuse]);
    assert.deepEqual(await clock.run(result), { ok: false, code: 'network_error' });
    assert.deepEqual(at(calls), [0, 500, 2000]);
    assert.deepEqual(
      calls.map((call) => call.key),
      ['key-1', 'key-1', 'key-1'],
    );
    assert.equal(clock.timers.size, 0);
  });

  it('does not retry a 4xx, nor a 500, 501 or 505, however much time is left', async () => {
    // 502, 503 and 504 are the gateway's and a restarting backend's; 501 and 505 will not change.
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 501, 505]) {
      const clock = new FakeClock();
      const { calls, result } = start(clock, [answer(status), link]);
      assert.deepEqual(await clock.run(result), { ok: false, code: `http_${status}`, status });
      assert.equal(calls.length, 1, String(status));
      assert.equal(clock.timers.size, 0);
    }
  });
});
