import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PAYMENT_LINK_STATUSES } from '../../src/server/almara/constants.js';
import type { PaymentStatus } from '../../src/server/http/status-handler.js';
import { readStatusAnswer, readStatusReply, type PaymentStatusAnswer } from '../../src/status/status-schema.js';

// The element's reading of the answer and the server's writing of it are one shape: each is
// assignable to the other, or this file does not type-check (npm run typecheck).
type AssignableBothWays<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: AssignableBothWays<PaymentStatusAnswer, PaymentStatus> = true;

const PAID = {
  id: 'pl_abc123',
  status: 'paid',
  amount: 1500,
  currency: 'KES',
  description: 'Kikoi beach wrap',
  paidAt: '2026-12-01T11:05:00.000Z',
};

describe('the status answer', () => {
  it('has the server’s shape (a type-level check)', () => assert.equal(sameShape, true));

  it('reads a whole answer as it is', () => {
    assert.deepEqual(readStatusAnswer(PAID), PAID);
  });

  it('reads each status of A6, with only the id beside it', () => {
    for (const status of PAYMENT_LINK_STATUSES) {
      assert.deepEqual(readStatusAnswer({ id: 'pl_1', status }), { id: 'pl_1', status });
    }
  });

  it('refuses a status outside A6 rather than reading it as pending', () => {
    for (const status of ['PAID', 'cancelled', 'unknown', '', 1, null, undefined]) {
      assert.equal(readStatusAnswer({ id: 'pl_1', status }), undefined, String(status));
    }
    fc.assert(
      fc.property(
        fc.string().filter((status) => !(PAYMENT_LINK_STATUSES as readonly string[]).includes(status)),
        (status) => readStatusAnswer({ id: 'pl_1', status }) === undefined,
      ),
    );
  });

  it('refuses a missing or empty id, and values of the wrong type', () => {
    const wrong: unknown[] = [
      { status: 'paid' },
      { ...PAID, id: '' },
      { ...PAID, id: 42 },
      { ...PAID, amount: '1500' },
      { ...PAID, amount: Number.NaN },
      { ...PAID, amount: Number.POSITIVE_INFINITY },
      { ...PAID, currency: 404 },
      { ...PAID, description: ['x'] },
      { ...PAID, paidAt: 1796123100000 },
    ];
    for (const body of wrong) assert.equal(readStatusAnswer(body), undefined, JSON.stringify(body));
  });

  it('refuses what is not an object', () => {
    for (const body of [undefined, null, 'paid', 200, true, [PAID]]) assert.equal(readStatusAnswer(body), undefined);
  });

  it('reads a null optional value as absent, and drops keys it does not know', () => {
    assert.deepEqual(
      readStatusAnswer({ id: 'pl_1', status: 'pending', amount: null, paidAt: null, phoneNumber: '0712345678' }),
      { id: 'pl_1', status: 'pending' },
    );
  });

  it('keeps a paidAt it cannot read: the words leave the date out, the payment stays paid', () => {
    assert.deepEqual(readStatusAnswer({ ...PAID, paidAt: 'yesterday' }), { ...PAID, paidAt: 'yesterday' });
  });
});

describe('a reply of the status endpoint', () => {
  it('is an answer for a 2xx with a usable body, else a problem', () => {
    assert.deepEqual(readStatusReply(200, PAID), { kind: 'answer', answer: PAID });
    assert.deepEqual(readStatusReply(200, { id: 'pl_1', status: 'weird' }), {
      kind: 'problem',
      code: 'invalid_response',
    });
    assert.deepEqual(readStatusReply(200, undefined), { kind: 'problem', code: 'invalid_response' });
    assert.deepEqual(readStatusReply(299, PAID), { kind: 'answer', answer: PAID });
    // A redirect's body or an informational answer is no account of the payment.
    assert.deepEqual(readStatusReply(300, PAID), { kind: 'problem', code: 'http_300' });
    assert.deepEqual(readStatusReply(199, PAID), { kind: 'problem', code: 'http_199' });
  });

  it('is not found for a 404 and for a 400 (an id no link could have)', () => {
    assert.deepEqual(readStatusReply(404, { error: { code: 'not_found', message: 'x' } }), { kind: 'notFound' });
    assert.deepEqual(readStatusReply(400, { error: { code: 'invalid_id' } }), { kind: 'notFound' });
    assert.deepEqual(readStatusReply(404, undefined), { kind: 'notFound' });
  });

  it('is a problem with the backend’s code, else the HTTP status', () => {
    assert.deepEqual(readStatusReply(502, { error: { code: 'upstream_error', message: 'x' } }), {
      kind: 'problem',
      code: 'upstream_error',
    });
    assert.deepEqual(readStatusReply(429, { error: { code: 'rate_limited' } }), {
      kind: 'problem',
      code: 'rate_limited',
    });
    assert.deepEqual(readStatusReply(503, '<html>'), { kind: 'problem', code: 'http_503' });
    assert.deepEqual(readStatusReply(500, { error: { code: '' } }), { kind: 'problem', code: 'http_500' });
  });
});
