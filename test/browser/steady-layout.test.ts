import './lit-warnings.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import {
  button,
  errorOf,
  fillPayer,
  formError,
  html,
  input,
  jsonResponse,
  leave,
  mount,
  shadow,
  stubFetch,
  type,
  until,
} from './helpers.js';

// What the payer sees and hears around the happy path: a button that stays under the thumb,
// messages that are announced, fields that show they are wrong without colour.
describe('a steady, announced form', () => {
  const top = (node: Element) => Math.round(node.getBoundingClientRect().top);

  it('keeps the pay button where it is while the link is made and when the request fails', async () => {
    let answer!: (response: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el);
    const idle = top(button(el));
    button(el).click();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('submitting');
    expect(top(button(el)), 'submitting').to.equal(idle);
    answer(jsonResponse(400, { error: { code: 'refused', message: 'Refused.' } }));
    await until(() => el.getAttribute('state') === 'error');
    await el.updateComplete;
    expect(formError(el)).to.equal('Refused.');
    expect(top(button(el)), 'error').to.equal(idle);
    // The message is under the button, where a second tap on the button cannot land on it.
    expect(top(shadow(el).querySelector('[part~=form-error]')!)).to.be.above(button(el).getBoundingClientRect().bottom);
  });

  it('shows a backend’s message for a field once: beside the field', async () => {
    const message = 'Give between KES 50 and KES 100,000.';
    stubFetch(() => jsonResponse(400, { error: { code: 'validation_failed', message, fields: { amount: message } } }));
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="Gift"></almara-pay-link>`);
    await fillPayer(el, { amount: '10' });
    button(el).click();
    await until(() => el.getAttribute('state') === 'error');
    await el.updateComplete;
    expect(errorOf(el, 'amount')).to.equal(message);
    expect(formError(el)).to.equal('Please correct the highlighted fields.');
    expect(shadow(el).textContent.split(message).length - 1).to.equal(1);
  });

  it('has its live regions in the accessibility tree while idle, before any message', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="Gift"></almara-pay-link>`);
    const regions = [
      shadow(el).querySelector('[part=status]')!,
      shadow(el).querySelector('[part~=form-error]')!,
      ...['firstName', 'amount'].map((name) => shadow(el).getElementById(`${name}-error`)!),
    ];
    for (const region of regions) {
      expect(region.textContent, region.id).to.equal('');
      // Rendered (display: none or visibility: hidden would take it out of the tree) ...
      const style = getComputedStyle(region);
      expect(style.display, region.id).not.to.equal('none');
      expect(style.visibility, region.id).to.equal('visible');
      // ... and live.
      expect(region.getAttribute('role') ?? region.getAttribute('aria-live'), region.id).to.be.oneOf([
        'status',
        'alert',
        'polite',
      ]);
    }
    // Empty, they take no room: the form is as tall as without them.
    expect(regions.map((region) => region.getBoundingClientRect().height)).to.deep.equal([0, 0, 0, 0]);
  });

  it('says an error after the payer leaves a field politely, in the same node', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" description="Gift"></almara-pay-link>`);
    const region = shadow(el).getElementById('emailAddress-error')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    await type(el, 'emailAddress', 'w@');
    await leave(el, 'emailAddress');
    expect(shadow(el).getElementById('emailAddress-error')).to.equal(region);
    expect(errorOf(el, 'emailAddress')).to.equal('Enter an email address like name@example.com.');
    await expect(el).to.be.accessible();
  });

  // Without colour, an invalid field still differs from a valid one: a border twice as thick,
  // and a sign before its message.
  const marks = (el: AlmaraPayLink, name: string) => {
    const field = input(el, name)!;
    return {
      border: getComputedStyle(field).borderTopWidth,
      sign: getComputedStyle(el.shadowRoot!.getElementById(`${name}-error`)!, '::before').content,
    };
  };

  async function invalidEmail() {
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el, { emailAddress: 'w@' });
    await leave(el, 'emailAddress');
    return el;
  }

  it('marks an invalid field by more than its colour', async () => {
    const el = await invalidEmail();
    expect(marks(el, 'firstName')).to.deep.equal({ border: '1px', sign: 'none' });
    expect(marks(el, 'emailAddress').border).to.equal('2px');
    expect(marks(el, 'emailAddress').sign).to.match(/⚠/);
  });

  it('keeps those marks in forced colours (Chromium emulates them; the others have no emulation)', async () => {
    const emulated = await executeServerCommand('emulate-forced-colors', { active: true });
    try {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(!!emulated);
      const el = await invalidEmail();
      expect(marks(el, 'firstName')).to.deep.equal({ border: '1px', sign: 'none' });
      expect(marks(el, 'emailAddress').border).to.equal('2px');
      expect(marks(el, 'emailAddress').sign).to.match(/⚠/);
      // The button keeps a visible edge: its transparent border is painted in forced colours.
      expect(getComputedStyle(button(el)).borderTopStyle).to.equal('solid');
      await expect(el).to.be.accessible();
    } finally {
      await executeServerCommand('emulate-forced-colors', { active: false });
    }
  });
});
