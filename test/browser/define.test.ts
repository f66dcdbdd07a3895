import './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import { AlmaraPayLink } from '../../src/almara-pay-link.js';
import { browserNavigator } from '../../src/navigator.js';
import { TAG_NAME } from '../../src/define.js';

describe('definition', () => {
  it('registers the tag once; importing it again does not throw', async () => {
    expect(customElements.get(TAG_NAME)).to.equal(AlmaraPayLink);
    // A second copy of the module, as a page that loads the script twice has.
    const again = new URL('../../src/define.ts?again', import.meta.url).href;
    await import(again);
    await import('../../src/index.js');
    expect(customElements.get(TAG_NAME)).to.equal(AlmaraPayLink);
    expect(document.createElement('almara-pay-link')).to.be.instanceOf(AlmaraPayLink);
  });

  it('upgrades an element that was in the page, attributes set, before the tag was defined', async () => {
    const page = await fixture<HTMLElement>(html`<div></div>`);
    page.innerHTML = '<almara-pay-late endpoint="/api/pay" amount="700" description="Late"></almara-pay-late>';
    class Late extends AlmaraPayLink {}
    customElements.define('almara-pay-late', Late);
    const el = page.querySelector('almara-pay-late');
    if (!(el instanceof Late)) throw new Error('not upgraded');
    await el.updateComplete;
    expect(el.amount).to.equal(700);
    expect(el.shadowRoot!.querySelector('button')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Pay KES 700');
  });

  it('navigates for real by default', async () => {
    expect(new AlmaraPayLink().navigator).to.equal(browserNavigator);
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/test/browser/fixtures/navigator-frame.html"></iframe>`,
    );
    await new Promise<void>((resolve) => {
      const ready = () => (frame.contentWindow as unknown as { browserNavigator?: unknown }).browserNavigator;
      if (ready()) return resolve();
      window.addEventListener('message', function once(event) {
        if (event.data === 'navigator-ready') {
          window.removeEventListener('message', once);
          resolve();
        }
      });
    });
    const inFrame = (frame.contentWindow as unknown as { browserNavigator: typeof browserNavigator }).browserNavigator;
    const landed = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    inFrame.assign(new URL('/test/browser/fixtures/landed.html', location.href).href, '_self');
    await landed;
    expect(frame.contentWindow!.location.pathname).to.equal('/test/browser/fixtures/landed.html');
  });

  it('opens a real window ahead of time for _blank, cut off from this page', () => {
    // The test browsers allow popups; a real blocker gives null, which the element handles.
    const pending = browserNavigator.openBlank() as Window | null;
    expect(pending).to.not.equal(null);
    expect(pending!.opener).to.equal(null);
    pending!.close();
  });
});
