import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import {
  button,
  fillPayer,
  html,
  input,
  jsonResponse,
  mount,
  shadow,
  stubFetch,
  text,
  type,
  until,
} from './helpers.js';

const labels = (el: HTMLElement) => Array.from(el.shadowRoot!.querySelectorAll('label'), (label) => text(label));

describe('attributes and properties', () => {
  it('asks for the four payer fields, the amount and the description when the merchant fixed neither', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    expect(labels(el)).to.deep.equal(['First name', 'Last name', 'Email', 'Phone number', 'Amount', 'Description']);
    expect(shadow(el).querySelector('[part=summary]')).to.equal(null);
  });

  it('does not ask for a fixed amount or description, and shows them as a summary', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="1500" description="Order 1042"></almara-pay-link>`,
    );
    expect(labels(el)).to.deep.equal(['First name', 'Last name', 'Email', 'Phone number']);
    expect(text(shadow(el).querySelector('[part=summary]'))).to.equal('Order 1042 KES 1,500');
    expect(text(button(el))).to.equal('Pay KES 1,500');
  });

  it('gives every input the type, autocomplete and keyboard a phone needs', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    const attrs = (name: string) => {
      const field = input(el, name)!;
      return [field.type, field.getAttribute('autocomplete'), field.getAttribute('inputmode')];
    };
    expect(attrs('firstName')).to.deep.equal(['text', 'given-name', null]);
    expect(attrs('lastName')).to.deep.equal(['text', 'family-name', null]);
    expect(attrs('emailAddress')).to.deep.equal(['email', 'email', null]);
    expect(attrs('phoneNumber')).to.deep.equal(['tel', 'tel', null]);
    expect(attrs('amount')).to.deep.equal(['text', 'transaction-amount', 'decimal']);
  });

  it('says which currency a typed amount is in and its bounds, and which wallets the phone number is for', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" currency="USD"></almara-pay-link>`);
    expect(input(el, 'amount')!.getAttribute('aria-describedby')).to.equal('amount-hint');
    expect(text(shadow(el).getElementById('amount-hint'))).to.equal('USD 1 – 250,000');
    expect(input(el, 'phoneNumber')!.getAttribute('aria-describedby')).to.equal('phoneNumber-hint');
    expect(text(shadow(el).getElementById('phoneNumber-hint'))).to.equal('M-Pesa or Airtel Money');
  });

  it('prefills the payer fields from attributes, and the payer can still change them', async () => {
    const { el } = await mount(
      html`<almara-pay-link
        endpoint="/api/pay"
        first-name="Wanjiku"
        last-name="Kamau"
        email-address="w@example.com"
        phone-number="0712345678"
      ></almara-pay-link>`,
    );
    expect(['firstName', 'lastName', 'emailAddress', 'phoneNumber'].map((n) => input(el, n)!.value)).to.deep.equal([
      'Wanjiku',
      'Kamau',
      'w@example.com',
      '0712345678',
    ]);
    expect(el.firstName).to.equal('Wanjiku');
    el.lastName = 'Otieno';
    await el.updateComplete;
    expect(input(el, 'lastName')!.value).to.equal('Otieno');
  });

  it('formats the amount with Intl in another currency, and follows the typed amount on the button', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" currency="USD" amount="12.5"></almara-pay-link>`,
    );
    expect(text(button(el))).to.equal('Pay USD 12.50');
    const open = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    expect(text(button(open.el))).to.equal('Pay');
    await type(open.el, 'amount', '2,500');
    expect(text(button(open.el))).to.equal('Pay KES 2,500');
  });

  it('uses submit-label for the button when given', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="10" submit-label="Donate now"></almara-pay-link>`,
    );
    expect(text(button(el))).to.equal('Donate now');
  });

  it('reflects disabled and target, and a disabled form neither edits nor sends', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="10" description="x"></almara-pay-link>`,
    );
    el.disabled = true;
    el.target = '_blank';
    await el.updateComplete;
    expect(el.hasAttribute('disabled')).to.equal(true);
    expect(el.getAttribute('target')).to.equal('_blank');
    expect(input(el, 'firstName')!.disabled).to.equal(true);
    expect(button(el).disabled).to.equal(true);
    el.submit();
    await el.updateComplete;
    expect(fetch.requests).to.have.length(0);
  });

  it('reads timeout from its attribute', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" timeout="2500"></almara-pay-link>`);
    expect(el.timeout).to.equal(2500);
    const defaults = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    expect(defaults.el.timeout).to.equal(15000);
  });

  it('sends credentials and extra headers as configured', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el } = await mount(
      html`<almara-pay-link
        endpoint="https://shop.example/api/pay"
        amount="10"
        description="x"
        credentials="include"
      ></almara-pay-link>`,
    );
    el.headers = { 'X-CSRF-Token': 'tok' };
    await fillPayer(el);
    el.submit();
    await until(() => fetch.requests.length === 1);
    expect(fetch.requests[0]!.url).to.equal('https://shop.example/api/pay');
    expect(fetch.requests[0]!.credentials).to.equal('include');
    expect(fetch.requests[0]!.headers['x-csrf-token']).to.equal('tok');
  });

  it('exposes its state as an attribute for styling', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.state).to.equal('idle');
    el.submit();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('error');
  });

  it('is hidden by the hidden attribute, whatever its display', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" hidden></almara-pay-link>`);
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('offers header and footer slots', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay"
        ><h2 slot="header">Pay us</h2>
        <small slot="footer">Terms</small></almara-pay-link
      >`,
    );
    const slots = Array.from(shadow(el).querySelectorAll('slot'), (slot) => [
      slot.name,
      slot.assignedElements().map((e) => e.textContent),
    ]);
    expect(slots).to.deep.equal([
      ['header', ['Pay us']],
      ['footer', ['Terms']],
    ]);
  });

  it('takes its looks from the documented custom properties and parts', async () => {
    const { el } = await mount(
      html`<almara-pay-link
        endpoint="/api/pay"
        style="--almara-pay-link-accent: rgb(1, 2, 3); --almara-pay-link-radius: 3px; --almara-pay-link-font: monospace"
      ></almara-pay-link>`,
    );
    const style = getComputedStyle(button(el));
    expect(style.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(style.borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(input(el, 'firstName')!).fontFamily).to.equal('monospace');
    const parts = new Set(
      Array.from(shadow(el).querySelectorAll('[part]')).flatMap((node) => node.getAttribute('part')!.split(' ')),
    );
    for (const part of ['form', 'field', 'label', 'input', 'error', 'button', 'status']) {
      expect(parts.has(part), part).to.equal(true);
    }
  });

  it('inherits the page’s font by default', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div style="font-family: serif"><almara-pay-link endpoint="/api/pay"></almara-pay-link></div>`,
    );
    const el = page.querySelector('almara-pay-link')!;
    expect(getComputedStyle(input(el, 'firstName')!).fontFamily).to.equal('serif');
  });

  it('keeps fields touch-sized under a theme that shrinks rem (html { font-size: 62.5% })', async () => {
    document.documentElement.style.fontSize = '62.5%';
    try {
      const page = await fixture<HTMLDivElement>(
        html`<div style="font-size: 16px"><almara-pay-link endpoint="/api/pay"></almara-pay-link></div>`,
      );
      const el = page.querySelector('almara-pay-link')!;
      expect(input(el, 'firstName')!.getBoundingClientRect().height).to.be.at.least(44);
      expect(button(el).getBoundingClientRect().height).to.be.at.least(44);
      expect(getComputedStyle(input(el, 'firstName')!).fontSize).to.equal('16px');
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });
});
