import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeIssue } from '../../src/messages/describe.js';
import { en } from '../../src/messages/en.js';
import { formatMoney } from '../../src/money.js';
import {
  createPaymentRequestSchema,
  errorResponseSchema,
  issuesByField,
  paymentLinkResponseSchema,
  paymentRequestSchema,
} from '../../src/schema.js';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';

// The payer's details as typed (the first name padded, the phone as people write it), the
// currency in lower case: the schema's output is the request the element sends for them.
const valid = { ...PAYMENT_REQUEST, ...PAYER, firstName: ` ${PAYER.firstName} `, currency: 'kes' };

const issues = (input: unknown, bounds = {}) => {
  const result = createPaymentRequestSchema(bounds).safeParse(input);
  return result.success ? {} : issuesByField(result.error);
};

describe('the request schema', () => {
  it('trims, normalises the phone and upper-cases the currency', () => {
    const parsed = paymentRequestSchema.parse({ ...valid, redirectionSite: ' https://shop.example/thanks ' });
    assert.deepEqual(parsed, { ...PAYMENT_REQUEST, redirectionSite: 'https://shop.example/thanks' });
  });

  it('accepts its own output again: the server re-validates what the element sent', () => {
    for (const phoneNumber of ['0712 345 678', '+44 1632 960961', '+1 202 555 0123']) {
      const once = paymentRequestSchema.parse({ ...valid, phoneNumber });
      assert.deepEqual(paymentRequestSchema.parse(once), once, phoneNumber);
    }
  });

  it('drops keys that are not the request’s own (a client-sent shortCode among them)', () => {
    const parsed = paymentRequestSchema.parse({ ...valid, shortCode: '999', isAdmin: true });
    assert.ok(!('shortCode' in parsed));
    assert.ok(!('isAdmin' in parsed));
  });

  it('keeps optional keys out when they were not given', () => {
    assert.deepEqual(Object.keys(paymentRequestSchema.parse(valid)).sort(), [
      'amount',
      'currency',
      'description',
      'emailAddress',
      'firstName',
      'isAmountSpecified',
      'lastName',
      'phoneNumber',
    ]);
  });

  it('requires every payer field, and says so with one key per field', () => {
    assert.deepEqual(issues({ isAmountSpecified: true }), {
      firstName: 'required',
      lastName: 'required',
      emailAddress: 'required',
      phoneNumber: 'required',
      description: 'required',
      amount: 'required',
    });
    assert.equal(issues({ ...valid, firstName: '   ' }).firstName, 'required');
  });

  it('refuses malformed email addresses and phone numbers', () => {
    for (const email of [
      'w@example',
      'w example.com',
      'w@@example.com',
      'w@example.c',
      '@example.com',
      'a..b@example.com',
      '.a@example.com',
      'first%last@example.com',
      'jöse@example.com',
      'x@example.c0m',
      // Anchored at both ends: an address followed or preceded by anything else is no address.
      'x@y.com;',
      'x@y.com x',
      'x@y.com<script>',
      ';x@y.com',
      'first..last@example.com',
      'x@ex_ample.com',
      'x@exa mple.com',
    ]) {
      assert.equal(issues({ ...valid, emailAddress: email }).emailAddress, 'emailInvalid', email);
    }
    assert.equal(issues({ ...valid, phoneNumber: '0812 345 678' }).phoneNumber, 'phoneInvalid');
    for (const email of ['w@example.com', 'first.last+tag@sub.example.co.ke', "o'neil@example.ke", 'W@EXAMPLE.COM']) {
      assert.deepEqual(issues({ ...valid, emailAddress: email }), {}, email);
    }
  });

  it('isAmountSpecified must be a boolean: no "true", no 1, not missing', () => {
    for (const isAmountSpecified of ['true', 'false', 1, 0, null, undefined]) {
      assert.equal(issues({ ...valid, isAmountSpecified }).isAmountSpecified, 'invalid', String(isAmountSpecified));
    }
    assert.deepEqual(issues({ ...valid, isAmountSpecified: false }), {});
  });

  it('checks the amount: a number, positive, within bounds, at most two decimals', () => {
    assert.equal(issues({ ...valid, amount: Number.NaN }).amount, 'amountInvalid');
    assert.equal(issues({ ...valid, amount: '1500' }).amount, 'amountInvalid');
    assert.equal(issues({ ...valid, amount: 0 }).amount, 'amountTooSmall');
    assert.equal(issues({ ...valid, amount: -1 }).amount, 'amountTooSmall');
    assert.equal(issues({ ...valid, amount: 10.555 }).amount, 'amountDecimals');
    const bounds = { minAmount: 10, maxAmount: 1000 };
    assert.equal(issues({ ...valid, amount: 9.99 }, bounds).amount, 'amountTooSmall');
    assert.equal(issues({ ...valid, amount: 1000.01 }, bounds).amount, 'amountTooLarge');
    assert.deepEqual(issues({ ...valid, amount: 10 }, bounds), {});
    assert.deepEqual(issues({ ...valid, amount: 1000 }, bounds), {});
  });

  it('refuses a redirection site that is not a web URL, and a bad currency', () => {
    assert.equal(issues({ ...valid, redirectionSite: 'javascript:alert(1)' }).redirectionSite, 'invalid');
    assert.equal(issues({ ...valid, redirectionSite: '/thanks' }).redirectionSite, 'invalid');
    assert.equal(issues({ ...valid, currency: 'shillings' }).currency, 'invalid');
  });

  it('refuses text longer than Almara would store, and takes text of exactly the limit', () => {
    assert.equal(issues({ ...valid, firstName: 'x'.repeat(101) }).firstName, 'tooLong');
    assert.deepEqual(issues({ ...valid, firstName: 'x'.repeat(100), description: 'd'.repeat(255) }), {});
  });

  it('optional merchant fields may be empty; when they are no text, they are "invalid"', () => {
    assert.deepEqual(issues({ ...valid, accountReference: '', paymentType: ' ' }), {});
    assert.equal(issues({ ...valid, accountReference: 1042 }).accountReference, 'invalid');
    assert.equal(issues({ ...valid, currency: 404 }).currency, 'invalid');
    assert.equal(issues({ ...valid, currency: '' }).currency, 'invalid');
    assert.equal(issues({ ...valid, redirectionSite: '' }).redirectionSite, 'invalid');
  });

  it('names the first issue of a field: a blank email is "required", not "like name@example.com"', () => {
    assert.equal(issues({ ...valid, emailAddress: '   ' }).emailAddress, 'required');
    assert.equal(issues({ ...valid, amount: -1.555 }).amount, 'amountTooSmall');
  });

  it('an issue of the body as a whole (not an object) names no field', () => {
    assert.deepEqual(issues('not an object'), {});
    assert.deepEqual(issues(null), {});
  });

  it('words each issue from the string table, never with zod’s own text', () => {
    const format = (n: number) => formatMoney(n, 'KES', 'en-KE').replace(/\s/g, ' ');
    const bounds = { minAmount: 10, maxAmount: 1000 };
    assert.equal(describeIssue('required', en, format, bounds), 'This field is required.');
    assert.equal(describeIssue('amountTooSmall', en, format, bounds), 'The amount must be at least KES 10.');
    assert.equal(describeIssue('amountTooLarge', en, format, bounds), 'The amount must be at most KES 1,000.');
    assert.equal(describeIssue('invalid', en, format, bounds), en.misconfigured);
  });
});

describe('the response schemas', () => {
  it('reads a success body', () => {
    assert.deepEqual(paymentLinkResponseSchema.parse({ url: 'https://p.example/1', id: 'pl_1', extra: 1 }), {
      url: 'https://p.example/1',
      id: 'pl_1',
    });
    assert.ok(!paymentLinkResponseSchema.safeParse({ url: 'https://p.example/1' }).success);
  });

  it('reads an error body and keeps only the request’s field names', () => {
    const parsed = errorResponseSchema.parse({
      error: { code: 'x', message: 'm', fields: { emailAddress: 'Taken', notAField: 'dropped' } },
    });
    assert.deepEqual(parsed, { error: { code: 'x', message: 'm', fields: { emailAddress: 'Taken' } } });
  });
});
