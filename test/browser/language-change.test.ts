import './lit-warnings.js';
import { expect, fixture } from '@open-wc/testing';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import { button, html, mount, shadow, text } from './helpers.js';

// A site's language menu switches `lang` on <html> (or on a section) without a reload; the
// form must follow, as it does when its own `lang` changes.

/** Lets the page's mutation observers run, then waits for the render they asked for. */
async function settle(el: AlmaraPayLink): Promise<void> {
  await Promise.resolve();
  await el.updateComplete;
}

const firstLabel = (el: AlmaraPayLink) => text(shadow(el).querySelector('label'));

describe('a language change around the element', () => {
  let original: string | null;
  beforeEach(() => (original = document.documentElement.getAttribute('lang')));
  afterEach(() => {
    if (original === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', original);
  });

  it('re-renders every text when <html lang> changes', async () => {
    document.documentElement.lang = 'en';
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay" amount="10"></almara-pay-link>`);
    expect(text(button(el))).to.equal('Pay KES 10');
    document.documentElement.lang = 'sw-KE';
    await settle(el);
    expect(text(button(el))).to.equal('Lipa KES 10');
    expect(firstLabel(el)).to.equal('Jina la kwanza');
    document.documentElement.removeAttribute('lang');
    await settle(el);
    expect(text(button(el))).to.equal('Pay KES 10');
  });

  it('follows the nearest ancestor, and keeps its own lang over any ancestor’s', async () => {
    const page = await fixture<HTMLElement>(
      html`<section lang="en">
        <almara-pay-link endpoint="/api/pay"></almara-pay-link>
        <almara-pay-link lang="en" endpoint="/api/pay"></almara-pay-link>
      </section>`,
    );
    const [follower, own] = page.querySelectorAll('almara-pay-link');
    page.lang = 'sw';
    await settle(follower!);
    await own!.updateComplete;
    expect(firstLabel(follower!)).to.equal('Jina la kwanza');
    expect(firstLabel(own!)).to.equal('First name');
  });

  it('follows a lang changed inside the shadow root it lives in', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div lang="en"><almara-pay-link endpoint="/api/pay"></almara-pay-link></div>';
    const el = root.querySelector('almara-pay-link')!;
    await el.updateComplete;
    expect(firstLabel(el)).to.equal('First name');
    root.querySelector('div')!.lang = 'sw';
    await settle(el);
    expect(firstLabel(el)).to.equal('Jina la kwanza');
  });
});
