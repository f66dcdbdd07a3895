import './lit-warnings.js';
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
    // The probe does hear violations: an inline style attribute is one. Reports arrive in
    // order, so once it has heard this one it has heard anything the element did before
    // (a lazy eval, a style injected on first render), without waiting a guessed time.
    frame.contentDocument!.body.setAttribute('style', 'color: red');
    await until(() => win.probe!.violations.length > 0);
    expect(win.probe!.violations).to.have.length(1);
    expect(win.probe!.violations[0]).to.match(/^style-src(-attr)? inline$/);
    expect(win.probe!.errors).to.deep.equal([]);
  });
});
