import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AUTOCOMPLETE,
  amountOf,
  checkForm,
  fieldValue,
  firstField,
  isShown,
  payLabel,
  shownMessages,
  submitFailure,
  validationFailure,
  type FieldTexts,
  type FormConfig,
} from '../../src/form/payment-form.js';
import { en, sw } from '../../src/messages/index.js';
import { payerFields } from '../../src/schema.js';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';

// The form's logic without a browser: each test is a configuration (the element's
// properties) and what the payer typed, and checks what the element would show and send.

/** `<almara-pay-link endpoint="/api/payment-link">` with the defaults of its properties. */
const open = (extra: Partial<FormConfig> = {}): FormConfig => ({
  endpoint: '/api/payment-link',
  currency: 'KES',
  minAmount: 1,
  maxAmount: 250000,
  ...extra,
});
/** The fixed product of the tests: `amount="1500" description="Order 1042"`. */
const fixed = (extra: Partial<FormConfig> = {}) => open({ amount: 1500, description: 'Order 1042', ...extra });
const typed: FieldTexts = { ...PAYER };

describe('which fields show', () => {
  it('asks for the amount and the description only when the merchant did not fix them', () => {
    assert.deepEqual(
      payerFields.filter((field) => isShown(field, open())),
      payerFields,
    );
    assert.deepEqual(
      payerFields.filter((field) => isShown(field, fixed())),
      ['firstName', 'lastName', 'emailAddress', 'phoneNumber'],
    );
  });

  it('asks for a description that is blank, and for an amount that is null', () => {
    assert.equal(isShown('description', open({ description: '   ' })), true);
    assert.equal(isShown('amount', open({ amount: null })), true);
    assert.equal(isShown('amount', open({ amount: 0 })), false);
  });

  it('gives every field an autocomplete token', () => {
    assert.deepEqual(Object.keys(AUTOCOMPLETE), [...payerFields]);
  });
});

describe('what a field holds', () => {
  it('is what the payer typed, else the prefill; amount and description have none', () => {
    const config = open({ firstName: 'Wanjiku', amount: undefined, description: undefined });
    assert.equal(fieldValue('firstName', {}, config), 'Wanjiku');
    assert.equal(fieldValue('firstName', { firstName: '' }, config), '');
    assert.equal(fieldValue('lastName', {}, config), '');
    assert.equal(fieldValue('amount', {}, config), '');
  });

  it('reads the amount as the payer meant it, or takes the fixed one', () => {
    assert.equal(amountOf({ amount: '2,500.50' }, open()), 2500.5);
    assert.equal(amountOf({}, open()), undefined);
    assert.ok(Number.isNaN(amountOf({ amount: '15,00' }, open())));
    assert.equal(amountOf({ amount: 'KES 1,500/=' }, open()), 1500);
    assert.equal(amountOf({ amount: 'usd 20/-' }, open({ currency: 'usd' })), 20);
    assert.ok(Number.isNaN(amountOf({ amount: 'KES 20' }, open({ currency: 'USD' }))));
    assert.ok(Number.isNaN(amountOf({ amount: '1.500' }, open())));
    assert.equal(amountOf({ amount: '99' }, fixed()), 1500);
  });
});

describe('the button', () => {
  it('names the amount once it is one that can be paid, in the UI language', () => {
    assert.equal(payLabel(1500, fixed(), en).replace(/\s/g, ' '), 'Pay KES 1,500');
    assert.equal(payLabel(2500.5, open(), sw).replace(/\s/g, ' '), 'Lipa KES 2,500.50');
    assert.equal(payLabel(10, open({ currency: 'usd' }), en).replace(/\s/g, ' '), 'Pay USD 10');
  });

  it('says only "Pay" while the amount is missing, not a number, not positive or finer than cents', () => {
    for (const amount of [undefined, Number.NaN, 0, -5, 1.005]) assert.equal(payLabel(amount, open(), en), 'Pay');
  });

  it('names the amount a payer wrote as a Kenyan price, and none for dot-grouped thousands', () => {
    const label = (amount: string) => payLabel(amountOf({ amount }, open()), open(), en).replace(/\s/g, ' ');
    assert.equal(label('500/='), 'Pay KES 500');
    assert.equal(label('KES 1,500/-'), 'Pay KES 1,500');
    assert.equal(label('1.500'), 'Pay');
  });
});

describe('checkForm', () => {
  it('makes the exact request body of contract §3, phone number normalised', () => {
    const check = checkForm(typed, fixed(), en);
    assert.deepEqual(check, { request: PAYMENT_REQUEST, fieldErrors: {}, misconfigured: false });
  });

  it('sends the optional keys the merchant set, and leaves out the unset ones', () => {
    const config = fixed({ accountReference: '1042', paymentType: '', redirectionSite: 'https://shop.example/thanks' });
    assert.deepEqual(checkForm(typed, config, en).request, {
      ...PAYMENT_REQUEST,
      accountReference: '1042',
      redirectionSite: 'https://shop.example/thanks',
    });
  });

  it('sends a payer-typed amount and a trimmed description', () => {
    const { request } = checkForm({ ...typed, amount: '2,500.50', description: '  Harambee ' }, open(), en);
    assert.deepEqual(request, { ...PAYMENT_REQUEST, amount: 2500.5, description: 'Harambee' });
  });

  it('words each field’s first error in the UI language, for every field shown', () => {
    const { request, fieldErrors, misconfigured } = checkForm({ emailAddress: 'x', phoneNumber: '12' }, open(), sw);
    assert.equal(request, undefined);
    assert.equal(misconfigured, false);
    assert.deepEqual(fieldErrors, {
      firstName: sw.required,
      lastName: sw.required,
      emailAddress: sw.emailInvalid,
      phoneNumber: sw.phoneInvalid,
      amount: sw.required,
      description: sw.required,
    });
  });

  it('names the amount bounds in the currency and language of the form', () => {
    const config = open({ minAmount: 50, maxAmount: 100000 });
    const error = (amount: string, strings = en) =>
      checkForm({ ...typed, amount, description: 'Gift' }, config, strings).fieldErrors.amount?.replace(/\s/g, ' ');
    assert.equal(error('20'), 'The amount must be at least KES 50.');
    assert.equal(error('200000', sw), 'Kiasi kisizidi KES 100,000.');
    assert.equal(error('120.3456'), en.amountDecimals);
    assert.equal(error('lots'), en.amountInvalid);
    assert.equal(error('500/='), undefined);
    assert.equal(error('500'), undefined);
  });

  it('says how to write thousands when they are grouped with dots, in the UI language', () => {
    const error = (amount: string, strings = en) =>
      checkForm({ ...typed, amount, description: 'Gift' }, open(), strings).fieldErrors.amount;
    assert.equal(error('1.500'), en.amountGrouping);
    assert.equal(error('1.500.000', sw), sw.amountGrouping);
    assert.equal(error('KES 1.500/='), en.amountGrouping);
    assert.equal(error('1.50'), undefined);
    assert.equal(error('1.5.0'), en.amountInvalid);
    // A fixed amount has no field, so nothing a payer typed is checked.
    assert.deepEqual(checkForm({ ...typed, amount: '1.500' }, fixed(), en).fieldErrors, {});
  });

  it('calls the form misconfigured for what the payer cannot fix, and sends nothing', () => {
    for (const config of [
      fixed({ endpoint: '' }),
      fixed({ amount: -5 }),
      fixed({ amount: 10.001 }),
      fixed({ currency: 'shillings' }),
      fixed({ redirectionSite: 'javascript:alert(1)' }),
    ]) {
      const check = checkForm(typed, config, en);
      assert.equal(check.request, undefined, JSON.stringify(config));
      assert.equal(check.misconfigured, true, JSON.stringify(config));
      // A bad fixed amount is not the payer's error: there is no amount field to mark.
      assert.deepEqual(check.fieldErrors, {}, JSON.stringify(config));
    }
  });

  it('does not hold a fixed amount to the bounds a payer’s amount has', () => {
    assert.deepEqual(checkForm(typed, fixed({ amount: 500000 }), en).request?.amount, 500000);
  });
});

describe('the error event’s detail', () => {
  it('for the element’s own checks: the fields to fix, or the form is not set up', () => {
    const invalid = checkForm({}, fixed(), en);
    assert.deepEqual(validationFailure(invalid, en), {
      code: 'validation_failed',
      message: en.fixErrors,
      fields: invalid.fieldErrors,
    });
    const broken = checkForm(typed, fixed({ endpoint: '' }), sw);
    assert.equal(validationFailure(broken, sw).message, sw.misconfigured);
  });

  it('for a failed call: the table’s sentence for a code it knows, else the backend’s, else serverError', () => {
    const words = (code: string) => submitFailure({ ok: false, code }, en).message;
    assert.equal(words('network_error'), en.networkError);
    assert.equal(words('timeout'), en.timeout);
    for (const code of ['invalid_response', 'http_500', 'upstream_error']) assert.equal(words(code), en.serverError);
    assert.equal(words('sold_out'), en.serverError, 'an unknown code without a sentence');
    assert.deepEqual(submitFailure({ ok: false, code: 'sold_out', message: 'Imekwisha.', status: 409 }, sw), {
      code: 'sold_out',
      message: 'Imekwisha.',
    });
  });

  it('prefers its own words for a known code, whatever language the backend answered in', () => {
    const said = (code: string) => submitFailure({ ok: false, code, message: 'Something went wrong in English.' }, sw);
    assert.equal(said('timeout').message, sw.timeout);
    assert.equal(said('upstream_timeout').message, sw.timeout);
    for (const code of ['upstream_error', 'upstream_unreachable', 'upstream_invalid_response', 'internal_error']) {
      assert.equal(said(code).message, sw.serverError, code);
    }
    assert.equal(said('configuration_error').message, sw.misconfigured);
    assert.equal(said('rate_limited').message, 'Something went wrong in English.', 'a code it has no words for');
  });

  it('a backend’s validation_failed: the fields to correct, or, none shown, a form not set up', () => {
    const fields = { emailAddress: 'Use another email.', currency: 'Not accepted.' };
    const failure = { ok: false as const, code: 'validation_failed', message: 'Please correct…', fields };
    assert.deepEqual(submitFailure(failure, en, { emailAddress: 'Use another email.' }), {
      code: 'validation_failed',
      message: en.fixErrors,
      fields,
    });
    assert.equal(submitFailure(failure, sw, {}).message, sw.misconfigured);
  });
});

describe('the backend’s messages beside the fields', () => {
  it('keep the fields the payer sees, in form order for the focus', () => {
    const fields = { description: 'Too vague.', amount: 'Too much.', phoneNumber: 'Not M-Pesa.', currency: 'No.' };
    const shown = shownMessages(fields, fixed({ description: undefined }), en);
    assert.deepEqual(shown, { description: 'Too vague.', phoneNumber: 'Not M-Pesa.' });
    assert.equal(firstField(shown), 'phoneNumber');
    assert.deepEqual(shownMessages(undefined, open(), en), {});
    assert.equal(firstField({}), undefined);
  });

  it('say a sentence the element knows, in any of its languages, in its own words', () => {
    const fields = {
      emailAddress: en.emailInvalid,
      phoneNumber: sw.phoneInvalid,
      firstName: 'Jina hili halikubaliki.',
    };
    assert.deepEqual(shownMessages(fields, open(), sw), {
      emailAddress: sw.emailInvalid,
      phoneNumber: sw.phoneInvalid,
      firstName: 'Jina hili halikubaliki.',
    });
    const merchant = { ...en, required: 'Please fill this in.' };
    assert.deepEqual(shownMessages({ lastName: sw.required }, open(), merchant), { lastName: 'Please fill this in.' });
  });
});
