/**
 * What a failed creation means, as one table: every kind of Almara failure, on every call,
 * to the answer the browser gets and what the Idempotency-Key keeps. Then one trip through
 * the handler and the sandbox for each thing a key can keep: the element retries a
 * 502/503/504 twice with the same key (contract §3), and one click must not become three
 * payment links. Creates are counted at the sandbox; the hold and the TTL run on a clock
 * the test turns.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { tables } from '../../src/messages/index.js';
import { classifyFailure } from '../../src/server/almara/failures.js';
import type { Remember } from '../../src/server/idempotency/runner.js';
import { AlmaraApiError, PaymentLinkError, type AlmaraFailure, type AlmaraOperation } from '../../src/server/index.js';
import { elementBody, startBackend, testClock, type Backend } from './support.js';

const SERVER_ERROR = 'Something went wrong. Please try again.';
const TIMEOUT = 'The server took too long. Please try again.';
const MISCONFIGURED = 'This payment form is not set up correctly.';

const OPERATIONS: AlmaraOperation[] = ['token', 'create', 'find', 'update'];

interface Row {
  kind: AlmaraFailure;
  status?: number;
  /** Whether the request may have reached Almara; unset, the error's own default. */
  sent?: boolean;
  answer: [status: number, code: string, message: string];
  /** What the key keeps when the create call failed so; any other call keeps nothing. */
  onCreate: Remember;
}

const INVALID_RESPONSE: Row['answer'] = [502, 'upstream_invalid_response', SERVER_ERROR];

const httpRow =
  (onCreate: Remember) =>
  (status: number): Row => ({ kind: 'http', status, answer: [502, 'upstream_error', SERVER_ERROR], onCreate });

const UNREACHABLE: Row['answer'] = [502, 'upstream_unreachable', SERVER_ERROR];
const TIMED_OUT: Row['answer'] = [504, 'upstream_timeout', TIMEOUT];

const ROWS: Row[] = [
  // Sent and not answered in time: Almara may be making the link.
  { kind: 'timeout', answer: TIMED_OUT, onCreate: 'unknown' },
  { kind: 'timeout', sent: true, answer: TIMED_OUT, onCreate: 'unknown' },
  // The deadline came before the request could be sent.
  { kind: 'timeout', sent: false, answer: TIMED_OUT, onCreate: 'nothing' },
  { kind: 'invalid_response', status: 200, answer: INVALID_RESPONSE, onCreate: 'unknown' },
  // A 201 whose body was cut off, or was too long to read.
  { kind: 'invalid_response', status: 201, sent: true, answer: INVALID_RESPONSE, onCreate: 'unknown' },
  // Not a payment link, or one no payer may be sent to: the client gives no status.
  { kind: 'invalid_response', answer: INVALID_RESPONSE, onCreate: 'unknown' },
  // A reset or a closed socket once the request was written: it may have been read.
  { kind: 'network', answer: UNREACHABLE, onCreate: 'unknown' },
  { kind: 'network', sent: true, answer: UNREACHABLE, onCreate: 'unknown' },
  // Connection refused, host not found: the request never left.
  { kind: 'network', sent: false, answer: UNREACHABLE, onCreate: 'nothing' },
  { kind: 'invalid_request', answer: [500, 'configuration_error', MISCONFIGURED], onCreate: 'nothing' },
  // A 4xx refuses the body; 401 (after one refresh), 408, 429 and a 3xx say nothing was made; a 5xx may
  // come after the link was made.
  ...[400, 403, 404, 409, 413, 422, 499].map(httpRow('refusal')),
  ...[300, 401, 408, 429].map(httpRow('nothing')),
  ...[500, 502, 503, 504, 599].map(httpRow('unknown')),
];

describe('classifyFailure: every Almara failure -> the answer, and what the key keeps', () => {
  for (const row of ROWS) {
    for (const operation of OPERATIONS) {
      const remember = operation === 'create' ? row.onCreate : 'nothing';
      const [status, code, message] = row.answer;
      const sent = row.sent === undefined ? '' : row.sent ? ' (sent)' : ' (not sent)';
      it(`${operation} ${row.kind}${row.status === undefined ? '' : ` ${row.status}`}${sent} -> ${status} ${code}, keeps ${remember}`, () => {
        const error = new AlmaraApiError(operation, row.kind, 'upstream words', {
          status: row.status,
          sent: row.sent,
          detail: '{"error":"sbx_secret_detail"}',
        });
        const failure = classifyFailure(error, tables.en);
        assert.deepEqual(failure, { answer: { status, body: { error: { code, message } } }, remember });
        assert.doesNotMatch(JSON.stringify(failure), /upstream words|sbx_secret_detail|HTTP/);
      });
    }
  }

  it('an error says it was sent unless told otherwise; only a request refused before sending was not', () => {
    for (const kind of ['timeout', 'network', 'http', 'invalid_response'] as const) {
      assert.equal(new AlmaraApiError('create', kind, 'x').sent, true, kind);
    }
    assert.equal(new AlmaraApiError('create', 'invalid_request', 'x').sent, false);
  });

  it('worded in the handler’s language', () => {
    const failure = classifyFailure(new AlmaraApiError('create', 'timeout', 'slow'), tables.sw);
    assert.equal(failure.answer.body.error.message, tables.sw.timeout);
  });

  it('a PaymentLinkError is the merchant’s refusal, as it is; it keeps nothing', () => {
    const error = new PaymentLinkError('Sold out.', { status: 409, code: 'sold_out', fields: { amount: 'Too late.' } });
    assert.deepEqual(classifyFailure(error, tables.en), {
      answer: {
        status: 409,
        body: { error: { code: 'sold_out', message: 'Sold out.', fields: { amount: 'Too late.' } } },
      },
      remember: 'nothing',
    });
  });

  it('anything else is a bug: a plain 500, its message kept from the browser; it keeps nothing', () => {
    for (const error of [new Error('boom at /srv/app.js:12'), 'a string', undefined]) {
      assert.deepEqual(classifyFailure(error, tables.en), {
        answer: { status: 500, body: { error: { code: 'internal_error', message: SERVER_ERROR } } },
        remember: 'nothing',
      });
    }
  });
});

/** What the payer's browser gets back: status and body, and whether it was a replay. */
async function answer(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as unknown,
    replayed: response.headers.get('Idempotent-Replayed') === 'true',
  };
}

/** The element's submission: the first try and its retries, all with one key. */
async function submit(backend: Backend, key: string, tries = 1) {
  const answers = [];
  for (let i = 0; i < tries; i++) {
    answers.push(await answer(await backend.post(elementBody(), { 'Idempotency-Key': key })));
  }
  return answers;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('through the handler: what a key keeps of a failure', () => {
  const clock = testClock();
  let backend: Backend;
  before(async () => {
    backend = await startBackend({ clock }, { timeout: 150 });
    // A token first: the hold is about the create call, not a slow token request.
    assert.equal((await backend.post(elementBody())).status, 200);
  });
  afterEach(() => {
    backend.sandbox.faults.reset();
    backend.errors.length = 0;
  });
  after(() => backend.close());

  it('refusal (a 4xx on create): 3 tries -> 1 create, 3 identical answers; kept for the 24 h TTL', async (t) => {
    // Queued for every try, so that each one that reached Almara would be refused too.
    backend.sandbox.faults.failNext(3, 400, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submit(backend, 'refused', 3);
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 1);
    assert.deepEqual(
      answers.map((a) => [a.status, a.body]),
      Array(3).fill([502, { error: { code: 'upstream_error', message: SERVER_ERROR } }]),
    );
    assert.deepEqual(
      answers.map((a) => a.replayed),
      [false, true, true],
    );
    assert.equal(backend.errors.length, 1, 'reported once, when it happened');
    t.diagnostic(`counted at the sandbox: refused body, 3 tries with one key -> ${upstream} create call`);

    clock.time += DAY - 1;
    const [later] = await submit(backend, 'refused');
    assert.deepEqual([later?.status, later?.replayed], [502, true], 'a try by hand a day later gets it too');
    assert.equal(backend.sandbox.calls.create - creates, 1);

    backend.sandbox.faults.reset();
    clock.time += 1;
    const [afterTtl] = await submit(backend, 'refused');
    assert.deepEqual([afterTtl?.status, afterTtl?.replayed], [200, false], 'after the TTL the key goes upstream');
  });

  it('unknown (create timed out): the same 504 for the 60 s hold, then a new try goes upstream', async (t) => {
    backend.sandbox.faults.latency = 400;
    const creates = backend.sandbox.calls.create;
    const answers = await submit(backend, 'slow', 3);
    assert.equal(backend.sandbox.calls.create - creates, 1);
    assert.deepEqual(
      answers.map((a) => [a.status, a.body, a.replayed]),
      [false, true, true].map((replayed) => [504, { error: { code: 'upstream_timeout', message: TIMEOUT } }, replayed]),
    );

    backend.sandbox.faults.latency = 0;
    clock.time += 60_000 - 1;
    const [held] = await submit(backend, 'slow');
    assert.deepEqual([held?.status, held?.replayed], [504, true], 'still held, though Almara is quick again');
    assert.equal(backend.sandbox.calls.create - creates, 1);

    clock.time += 1;
    const [later] = await submit(backend, 'slow');
    assert.deepEqual([later?.status, later?.replayed], [200, false], 'a new creation');
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 2);
    t.diagnostic(`counted at the sandbox: timeout, 3 tries, then one after the hold -> ${upstream} create calls`);
  });

  it('unknown (a 503 on create): Almara may have made the link first; 3 tries -> 1 create, held', async (t) => {
    backend.sandbox.faults.failNext(3, 503, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submit(backend, '503-held', 3);
    assert.deepEqual(
      answers.map((a) => [a.status, a.body, a.replayed]),
      [false, true, true].map((replayed) => [
        502,
        { error: { code: 'upstream_error', message: SERVER_ERROR } },
        replayed,
      ]),
    );
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 1);
    t.diagnostic(`counted at the sandbox: 503 on create, 3 tries with one key -> ${upstream} create call`);
  });

  it('nothing (a 429 on create): the retry with the same key succeeds, 2 creates in all', async (t) => {
    backend.sandbox.faults.failNext(1, 429, 'create');
    const creates = backend.sandbox.calls.create;
    const answers = await submit(backend, 'busy-then-ok', 3);
    assert.deepEqual(
      answers.map((a) => [a.status, a.replayed]),
      [
        [502, false],
        [200, false],
        [200, true],
      ],
    );
    assert.deepEqual(answers[2]?.body, answers[1]?.body, 'the third try gets the link the second made');
    const upstream = backend.sandbox.calls.create - creates;
    assert.equal(upstream, 2);
    t.diagnostic(`counted at the sandbox: 429 then OK, 3 tries with one key -> ${upstream} create calls`);
  });
});
