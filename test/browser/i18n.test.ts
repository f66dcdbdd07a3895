import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import { button, errorOf, html, input, leave, mount, shadow, text, type } from './helpers.js';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';

const labels = (el: AlmaraPayLink) => Array.from(shadow(el).querySelectorAll('label'), (label) => text(label));

describe('languages', () => {
  it('speaks Swahili with lang="sw": labels, button, errors', async () => {
    const { el } = await mount(html`<almara-pay-link lang="sw" endpoint="/api/pay" amount="1500"></almara-pay-link>`);
    expect(labels(el)).to.deep.equal(['Jina la kwanza', 'Jina la mwisho', 'Barua pepe', 'Nambari ya simu', 'Maelezo']);
    expect(text(button(el))).to.equal('Lipa KES 1,500');
    await type(el, 'emailAddress', 'x');
    await leave(el, 'emailAddress');
    expect(errorOf(el, 'emailAddress')).to.equal('Weka barua pepe kama jina@mfano.com.');
  });

  it('follows the nearest ancestor’s lang, region subtags included', async () => {
    const page = await fixture<HTMLElement>(
      html`<section lang="sw-KE">
        <div><almara-pay-link endpoint="/api/pay"></almara-pay-link></div>
      </section>`,
    );
    const el = page.querySelector('almara-pay-link')!;
    expect(labels(el)[0]).to.equal('Jina la kwanza');
  });

  it('looks through a shadow root to its host for the language', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="sw"></div>`);
    const root = page.attachShadow({ mode: 'open' });
    root.innerHTML = '<almara-pay-link endpoint="/api/pay"></almara-pay-link>';
    const el = root.querySelector('almara-pay-link')!;
    await el.updateComplete;
    expect(labels(el)[0]).to.equal('Jina la kwanza');
  });

  it('falls back to English for other languages and for none', async () => {
    const { el } = await mount(html`<almara-pay-link lang="fr" endpoint="/api/pay"></almara-pay-link>`);
    expect(labels(el)[0]).to.equal('First name');
  });

  it('re-renders when its lang changes', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" amount="10"></almara-pay-link>`);
    expect(text(button(el))).to.equal('Pay KES 10');
    el.setAttribute('lang', 'sw');
    await el.updateComplete;
    expect(text(button(el))).to.equal('Lipa KES 10');
    el.lang = 'en';
    await el.updateComplete;
    expect(text(button(el))).to.equal('Pay KES 10');
  });

  it('lets the merchant override any string, in any language', async () => {
    const { el } = await mount(html`<almara-pay-link lang="sw" endpoint="/api/pay" amount="10"></almara-pay-link>`);
    el.strings = { firstName: 'Jina', pay: (amount) => `Changia ${amount}` };
    await el.updateComplete;
    expect(labels(el)[0]).to.equal('Jina');
    expect(labels(el)[1]).to.equal('Jina la mwisho');
    expect(text(button(el))).to.equal('Changia KES 10');
    expect(input(el, 'firstName')!.labels![0]!.textContent).to.equal('Jina');
  });
});
