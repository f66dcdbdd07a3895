import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';

describe('smoke', () => {
  it('renders', async () => {
    const el = await fixture<AlmaraPayLink>(html`<almara-pay-link endpoint="/api" amount="1500" description="Order 1"></almara-pay-link>`);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim().replace(/\s/g, ' ')).to.equal('Pay KES 1,500');
    await expect(el).to.be.accessible();
  });
});
