import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import {
  button,
  errorOf,
  fillPayer,
  formError,
  html,
  input,
  leave,
  mount,
  shadow,
  stubFetch,
  text,
  type,
  typeMore,
  backspace,
  until,
  jsonResponse,
} from './helpers.js';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';

const invalidFields = (el: AlmaraPayLink) =>
  Array.from(shadow(el).querySelectorAll('input[aria-invalid=true]'), (field) => (field as HTMLInputElement).name);

const focused = (el: AlmaraPayLink) => (shadow(el).activeElement as HTMLInputElement | null)?.name;

describe('validation', () => {
  it('marks nothing before the payer has done anything', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    expect(invalidFields(el)).to.deep.equal([]);
    expect(el.checkValidity()).to.equal(false);
    expect(invalidFields(el)).to.deep.equal([]);
  });

  it('does not mark a field the payer only tabbed through', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    input(el, 'firstName')!.focus();
    await leave(el, 'firstName');
    expect(invalidFields(el)).to.deep.equal([]);
  });

  it('shows an error beside a field once it is left, described by it, and clears it when fixed', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    await type(el, 'emailAddress', 'wanjiku@example');
    expect(invalidFields(el)).to.deep.equal([]);
    await leave(el, 'emailAddress');
    const field = input(el, 'emailAddress')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.equal('emailAddress-error');
    expect(errorOf(el, 'emailAddress')).to.equal('Enter an email address like name@example.com.');
    await typeMore(el, 'emailAddress', '.com');
    expect(field.value).to.equal('wanjiku@example.com');
    expect(field.hasAttribute('aria-invalid')).to.equal(false);
    expect(errorOf(el, 'emailAddress')).to.equal('');
  });

  it('on submit marks every invalid field, focuses the first in form order and sends nothing', async () => {
    const fetch = stubFetch(() => jsonResponse(200, {}));
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    await type(el, 'firstName', 'Wanjiku');
    await type(el, 'phoneNumber', '0812 345 678');
    const errors: CustomEvent[] = [];
    el.addEventListener('almara-pay-link-error', (e) => errors.push(e));
    button(el).click();
    await el.updateComplete;
    await el.updateComplete;
    expect(invalidFields(el)).to.deep.equal(['lastName', 'emailAddress', 'phoneNumber', 'amount', 'description']);
    expect(focused(el)).to.equal('lastName');
    expect(errorOf(el, 'lastName')).to.equal('This field is required.');
    expect(errorOf(el, 'phoneNumber')).to.equal('Enter a phone number like 0712 345 678.');
    expect(formError(el)).to.equal('Please correct the highlighted fields.');
    expect(fetch.requests).to.have.length(0);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('validation_failed');
    expect(errors[0]!.detail.fields.lastName).to.equal('This field is required.');
    expect(el.getAttribute('state')).to.equal('error');
  });

  it('focuses the first name first when everything is empty', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    el.submit();
    await until(() => focused(el) === 'firstName');
  });

  it('accepts Kenyan numbers in every usual form and sends them as 254…', async () => {
    const forms = ['0712 345 678', '+254 712 345 678', '254712345678', '712345678', '0110 123 456'];
    const expected = ['254712345678', '254712345678', '254712345678', '254712345678', '254110123456'];
    const sent: string[] = [];
    for (const phone of forms) {
      const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
      const { el } = await mount(
        html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
      );
      await fillPayer(el, { phoneNumber: phone });
      el.submit();
      await until(() => fetch.requests.length === 1);
      sent.push((fetch.requests[0]!.body as { phoneNumber: string }).phoneNumber);
      fetch.restore();
    }
    expect(sent).to.deep.equal(expected);
  });

  it('keeps other countries’ numbers written with + as their digits', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el, { phoneNumber: '+255 712 345 678' });
    el.submit();
    await until(() => fetch.requests.length === 1);
    expect((fetch.requests[0]!.body as { phoneNumber: string }).phoneNumber).to.equal('255712345678');
  });

  it('bounds a typed amount by min-amount and max-amount, in the UI’s money format', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" min-amount="100" max-amount="5000" description="x"></almara-pay-link>`,
    );
    await type(el, 'amount', '99');
    await leave(el, 'amount');
    expect(errorOf(el, 'amount')).to.equal('The amount must be at least KES 100.');
    await type(el, 'amount', '123.4567');
    expect(errorOf(el, 'amount')).to.equal('Use at most two decimal places.');
    await type(el, 'amount', 'ten');
    expect(errorOf(el, 'amount')).to.equal('Enter an amount like 1500.');
    // A decimal comma is no thousands separator: "1500,00" is refused, not read as 150000.
    await type(el, 'amount', '1500,00');
    expect(errorOf(el, 'amount')).to.equal('Enter an amount like 1500.');
    await type(el, 'amount', '5,000.01');
    expect(errorOf(el, 'amount')).to.equal('The amount must be at most KES 5,000.');
    await backspace(el, 'amount', 3);
    expect(input(el, 'amount')!.value).to.equal('5,000');
    expect(errorOf(el, 'amount')).to.equal('');
  });

  it('reads a price written "500/=" or "500/-", and refuses thousands grouped with dots', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="x"></almara-pay-link>`);
    await type(el, 'amount', '500/=');
    expect(text(button(el))).to.equal('Pay KES 500');
    await leave(el, 'amount');
    expect(errorOf(el, 'amount')).to.equal('');
    await type(el, 'amount', 'KES 1,500/-');
    expect(text(button(el))).to.equal('Pay KES 1,500');
    // "1.500" is a payer's 1500 as often as 1.5: refused, and they are told how to write it.
    await type(el, 'amount', '1.500');
    expect(text(button(el))).to.equal('Pay');
    expect(errorOf(el, 'amount')).to.equal('Use a comma for thousands, like 1,500.');
    expect(input(el, 'amount')!.getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'amount')!.getAttribute('aria-describedby')).to.equal('amount-hint amount-error');
    await backspace(el, 'amount', 1);
    expect(errorOf(el, 'amount')).to.equal('');
    expect(text(button(el))).to.equal('Pay KES 1.50');
    el.lang = 'sw';
    await type(el, 'amount', '1.500.000');
    expect(errorOf(el, 'amount')).to.equal('Tumia koma kwa maelfu, kama 1,500.');
    await expect(el).to.be.accessible();
  });

  it('applies the default bounds of 1 and 250,000', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="x"></almara-pay-link>`);
    await type(el, 'amount', '0.5');
    await leave(el, 'amount');
    expect(errorOf(el, 'amount')).to.equal('The amount must be at least KES 1.');
    await type(el, 'amount', '250001');
    expect(errorOf(el, 'amount')).to.equal('The amount must be at most KES 250,000.');
  });

  it('reportValidity shows the errors and focuses; checkValidity only answers', async () => {
    const { el } = await mount(
      html`<almara-pay-link
        endpoint="/api/pay"
        amount="5"
        description="x"
        first-name="Wanjiku"
        last-name="Kamau"
        phone-number="0712345678"
        email-address="nope"
      ></almara-pay-link>`,
    );
    expect(el.checkValidity()).to.equal(false);
    await el.updateComplete;
    expect(invalidFields(el)).to.deep.equal([]);
    expect(el.reportValidity()).to.equal(false);
    await until(() => focused(el) === 'emailAddress');
    expect(invalidFields(el)).to.deep.equal(['emailAddress']);
    await type(el, 'emailAddress', 'w@example.com');
    expect(el.checkValidity()).to.equal(true);
    expect(el.reportValidity()).to.equal(true);
  });

  it('reset clears what was typed, the errors and the state, and shows the prefill again', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" first-name="Wanjiku"></almara-pay-link>`);
    await type(el, 'firstName', 'Someone');
    await type(el, 'emailAddress', 'bad');
    el.submit();
    await el.updateComplete;
    expect(invalidFields(el).length).to.be.greaterThan(0);
    el.reset();
    await el.updateComplete;
    expect(input(el, 'firstName')!.value).to.equal('Wanjiku');
    expect(input(el, 'emailAddress')!.value).to.equal('');
    expect(invalidFields(el)).to.deep.equal([]);
    expect(formError(el)).to.equal('');
    expect(el.getAttribute('state')).to.equal('idle');
  });

  it('tells the payer the form is not set up when the merchant’s own values are wrong', async () => {
    const fetch = stubFetch(() => jsonResponse(200, {}));
    for (const template of [
      html`<almara-pay-link amount="5" description="x"></almara-pay-link>`,
      html`<almara-pay-link endpoint="/api/pay" amount="-5" description="x"></almara-pay-link>`,
      html`<almara-pay-link
        endpoint="/api/pay"
        amount="5"
        description="x"
        redirection-site="javascript:alert(1)"
      ></almara-pay-link>`,
    ]) {
      const { el } = await mount(template);
      await fillPayer(el);
      const error = new Promise<CustomEvent>((resolve) => el.addEventListener('almara-pay-link-error', resolve));
      el.submit();
      const event = await error;
      expect(event.detail.code).to.equal('validation_failed');
      expect(event.detail.message).to.equal('This payment form is not set up correctly.');
      expect(formError(el)).to.equal('This payment form is not set up correctly.');
      expect(invalidFields(el)).to.deep.equal([]);
    }
    expect(fetch.requests).to.have.length(0);
  });
});
