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

const valid = {
  firstName: ' Wanjiku ',
  lastName: 'Kamau',
  emailAddress: 'w@example.com',
  phoneNumber: '0712 345 678',
  description: 'Order 1042',
  isAmountSpecified: true,
  amount: 1500,
  currency: 'kes',
};

const issues = (input: unknown, bounds = {}) => {
  const result = createPaymentRequestSchema(bounds).safeParse(input);
  return result.success ? {} : issuesByField(result.error);
};

describe('the request schema', () => {
  it('trims, normalises the phone and upper-cases the currency', () => {
    const parsed = paymentRequestSchema.parse({ ...valid, redirectionSite: ' https://shop.example/thanks ' });
    assert.deepEqual(parsed, {
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: 'w@example.com',
      phoneNumber: '254712345678',
      description: 'Order 1042',
      isAmountSpecified: true,
      amount: 1500,
      currency: 'KES',
      redirectionSite: 'https://shop.example/thanks',
    });
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
    ]) {
      assert.equal(issues({ ...valid, emailAddress: email }).emailAddress, 'emailInvalid', email);
    }
    assert.equal(issues({ ...valid, phoneNumber: '0812 345 678' }).phoneNumber, 'phoneInvalid');
    for (const email of ['w@example.com', 'first.last+tag@sub.example.co.ke', "o'neil@example.ke", 'W@EXAMPLE.COM']) {
      assert.deepEqual(issues({ ...valid, emailAddress: email }), {}, email);
    }
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

  it('refuses text longer than Almara would store', () => {
    assert.equal(issues({ ...valid, firstName: 'x'.repeat(101) }).firstName, 'tooLong');
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
