import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import {
  button,
  errorOf,
  fillPayer,
  html,
  input,
  jsonResponse,
  leave,
  mount,
  shadow,
  stubFetch,
  text,
  type,
  until,
} from './helpers.js';

// The payer is told what they may give and what happens next before anything goes wrong.
describe('guidance', () => {
  const presets = (el: AlmaraPayLink) => Array.from(shadow(el).querySelectorAll<HTMLButtonElement>('[part=preset]'));
  const hint = (el: AlmaraPayLink) => text(shadow(el).getElementById('amount-hint'));

  it('shows the bounds of the amount before any error, the currency said once', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" min-amount="50" max-amount="100000"></almara-pay-link>`,
    );
    expect(hint(el)).to.equal('KES 50 – 100,000');
    expect(input(el, 'amount')!.getAttribute('aria-describedby')).to.equal('amount-hint');
    el.lang = 'sw';
    el.currency = 'USD';
    await el.updateComplete;
    expect(hint(el)).to.equal('USD 50 – 100,000');
  });

  it('shows an amount on the button only once it is one the payer may pay', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" min-amount="50" max-amount="100000"></almara-pay-link>`,
    );
    expect(text(button(el))).to.equal('Pay');
    await type(el, 'amount', '10');
    expect(text(button(el))).to.equal('Pay');
    await type(el, 'amount', '100001');
    expect(text(button(el))).to.equal('Pay');
    await type(el, 'amount', '1500');
    expect(text(button(el))).to.equal('Pay KES 1,500');
    el.lang = 'sw';
    await el.updateComplete;
    expect(text(button(el))).to.equal('Lipa KES 1,500');
  });

  it('reads "500/=", "500/-" and "KES 1,500/=" as Kenyan prices are written', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el, nav } = await mount(
      html`<almara-pay-link endpoint="/api/pay" description="Gift" min-amount="50"></almara-pay-link>`,
    );
    await fillPayer(el);
    for (const [typed, amount] of [
      ['500/=', 'KES 500'],
      ['500/-', 'KES 500'],
      ['KES 1,500/=', 'KES 1,500'],
    ] as const) {
      await type(el, 'amount', typed);
      await leave(el, 'amount');
      expect(errorOf(el, 'amount'), typed).to.equal('');
      expect(text(button(el)), typed).to.equal(`Pay ${amount}`);
    }
    button(el).click();
    await until(() => nav.assigned.length === 1);
    expect((fetch.requests[0]!.body as { amount: number }).amount).to.equal(1500);
  });

  it('refuses "1.500" with a sentence that says how to write it, rather than charge 1.50', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="Gift"></almara-pay-link>`);
    await type(el, 'amount', '1.500');
    await leave(el, 'amount');
    expect(errorOf(el, 'amount')).to.equal('Use a comma for thousands, like 1,500.');
    expect(text(button(el))).to.equal('Pay');
  });

  it('offers the preset amounts within the bounds as buttons that fill the amount field', async () => {
    const { el } = await mount(
      html`<almara-pay-link
        endpoint="/api/pay"
        description="Gift"
        min-amount="50"
        max-amount="5000"
        amount-presets="20 500 1000 2500 9000"
      ></almara-pay-link>`,
    );
    // 20 and 9000 are outside the bounds: a preset the payer may not pay is not offered.
    expect(presets(el).map((preset) => text(preset))).to.deep.equal(['KES 500', 'KES 1,000', 'KES 2,500']);
    expect(presets(el).map((preset) => preset.type)).to.deep.equal(['button', 'button', 'button']);
    expect(presets(el).map((preset) => preset.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'false']);
    presets(el)[1]!.click();
    await el.updateComplete;
    expect(input(el, 'amount')!.value).to.equal('1000');
    expect(text(button(el))).to.equal('Pay KES 1,000');
    expect(presets(el).map((preset) => preset.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false']);
    // Typing over a preset's amount unpresses it.
    await type(el, 'amount', '700');
    expect(presets(el).map((preset) => preset.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'false']);
    await expect(el).to.be.accessible();
  });

  it('takes presets as a property, and shows none for a fixed amount', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="Gift"></almara-pay-link>`);
    el.amountPresets = [100, 200];
    await el.updateComplete;
    expect(presets(el).map((preset) => text(preset))).to.deep.equal(['KES 100', 'KES 200']);
    el.amount = 1500;
    await el.updateComplete;
    expect(presets(el)).to.deep.equal([]);
  });

  it('a preset chosen with the keyboard fills the amount, and the form is sent with it', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el, nav } = await mount(
      html`<almara-pay-link endpoint="/api/pay" description="Gift" amount-presets="500 1000"></almara-pay-link>`,
    );
    await fillPayer(el);
    presets(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // Enter on a preset fills the amount; it does not send the form.
    expect(fetch.requests).to.have.length(0);
    expect(input(el, 'amount')!.value).to.equal('500');
    button(el).click();
    await until(() => nav.assigned.length === 1);
    expect((fetch.requests[0]!.body as { amount: number }).amount).to.equal(500);
  });

  it('says under the button where the payment is finished, in the payer’s language', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" amount="5"></almara-pay-link>`);
    const footer = () => text(shadow(el).querySelector('[part=footer]'));
    expect(footer()).to.equal('You’ll pay on Almara Pay: M-Pesa, Airtel Money or card.');
    // Under the button: after it in the form, and lower on the page.
    const line = shadow(el).querySelector('[part=footer]')!;
    expect(line.getBoundingClientRect().top).to.be.at.least(button(el).getBoundingClientRect().bottom);
    el.lang = 'sw';
    await el.updateComplete;
    expect(footer()).to.equal('Utalipa kwenye Almara Pay: M-Pesa, Airtel Money au kadi.');
    el.strings = { payOn: 'Secured by Almara Pay.' };
    await el.updateComplete;
    expect(footer()).to.equal('Secured by Almara Pay.');
  });

  it('lets the footer slot replace that line', async () => {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5"><p slot="footer">Terms apply.</p></almara-pay-link>`,
    );
    const slot = shadow(el).querySelector<HTMLSlotElement>('slot[name=footer]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Terms apply.']);
    // The default line is the slot's fallback: with content given, it is not rendered.
    expect(shadow(el).querySelector('[part=footer]')!.getClientRects().length).to.equal(0);
  });

  it('names the next step while the link is made: Almara Pay', async () => {
    let answer!: (response: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el);
    button(el).click();
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part=status]'))).to.equal('Opening Almara Pay…');
    await expect(el).to.be.accessible();
    answer(jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
  });
});
