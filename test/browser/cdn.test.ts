import { expect, fixture, html } from '@open-wc/testing';
import { until } from './helpers.js';

interface Probe {
  violations: string[];
  errors: string[];
}

describe('the CDN file', () => {
  it('works as a plain <script src>, twice on a page with a strict CSP, with no violation or error', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/test/browser/fixtures/cdn.html"></iframe>`);
    const win = frame.contentWindow as Window & { probe?: Probe };
    const element = () => frame.contentDocument?.querySelector('almara-pay-link');
    await until(() => !!win.probe && frame.contentDocument?.readyState === 'complete');
    await until(() => !!element()?.shadowRoot?.querySelector('button'));
    const el = element()!;
    expect(win.customElements.get('almara-pay-link')).to.not.equal(undefined);
    expect(el.shadowRoot!.querySelector('button')!.textContent.replace(/\s+/g, ' ').trim()).to.equal('Pay KES 1,500');
    // Styles arrive as constructed stylesheets, which a CSP without 'unsafe-inline' allows.
    expect(win.getComputedStyle(el).display).to.equal('block');
    // Leave time for anything late (a lazy eval, a style injected on first render) to be reported.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(win.probe!.violations).to.deep.equal([]);
    expect(win.probe!.errors).to.deep.equal([]);
    // The probe does hear violations: an inline style attribute is one.
    frame.contentDocument!.body.setAttribute('style', 'color: red');
    await until(() => win.probe!.violations.length === 1);
  });
});
