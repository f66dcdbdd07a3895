import './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { AlmaraPayStatus } from '../../src/almara-pay-status.js';
import { text, until } from './status-helpers.js';

interface Probe {
  violations: string[];
  errors: string[];
}
interface StatusProbe {
  globals: string[];
  asked: string[];
  warnings: string[];
}

// The thank-you page's CDN file (npm run build writes it), as a merchant includes it: a
// classic <script src> on a page whose policy allows nothing inline and no eval.
describe('the status CDN file', () => {
  it('renders styled on a strict-CSP page, with no violation or error, defining only its own tag and no global', async () => {
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/test/browser/fixtures/status-cdn.html"></iframe>`,
    );
    const win = frame.contentWindow as Window & typeof globalThis & { probe?: Probe; statusProbe?: StatusProbe };
    const element = () => frame.contentDocument?.querySelector<AlmaraPayStatus>('almara-pay-status');
    await until(() => !!win.probe && !!win.statusProbe && frame.contentDocument?.readyState === 'complete');
    await until(() => element()?.getAttribute('status') === 'paid');
    const el = element()!;
    await el.updateComplete;
    const root = el.shadowRoot!;

    expect(text(root.querySelector('[part=title]'))).to.equal('Payment received');
    expect(Array.from(root.querySelector('[part=summary]')!.children, text)).to.deep.equal(['Order 1042', 'KES 1,500']);
    expect(win.statusProbe!.asked).to.deep.equal([new URL('/api/status?id=pl_cdn', win.location.href).href]);

    // Styled by a constructed stylesheet, which a policy without 'unsafe-inline' allows.
    expect(root.adoptedStyleSheets).to.have.length(1);
    expect(root.querySelector('style')).to.equal(null);
    expect(win.getComputedStyle(el).display).to.equal('block');
    const icon = root.querySelector('[part=icon]')!;
    expect(win.getComputedStyle(icon).backgroundColor).to.equal('rgb(10, 125, 79)');
    expect(win.getComputedStyle(icon).borderTopLeftRadius).to.equal('50%');

    // Its own tag only: a thank-you page loads no form.
    expect(win.customElements.get('almara-pay-status')).to.not.equal(undefined);
    expect(win.customElements.get('almara-pay-link')).to.equal(undefined);
    // No global of its own (not the IIFE's name, nor anything of its code). The one name
    // added is Lit's registry of the copies of lit-html on a page, which every Lit build
    // keeps (the form's CDN file too): named here so that anything else fails.
    const before = new Set(win.statusProbe!.globals);
    const added = Object.getOwnPropertyNames(win).filter((name) => !before.has(name));
    expect(added).to.deep.equal(['litHtmlVersions']);
    expect((win as unknown as Record<string, unknown>).litHtmlVersions).to.deep.equal(['3.3.3', '3.3.3']);
    expect('AlmaraPayStatus' in win).to.equal(false);
    // Loaded twice, the second copy (the same version) kept quiet.
    expect(win.statusProbe!.warnings).to.deep.equal([]);

    // The probe does hear violations: an inline style attribute is one. Reports arrive in
    // order, so once it has heard this one it has heard anything the element did before.
    frame.contentDocument!.body.setAttribute('style', 'color: red');
    await until(() => win.probe!.violations.length > 0);
    expect(win.probe!.violations).to.have.length(1);
    expect(win.probe!.violations[0]).to.match(/^style-src(-attr)? inline$/);
    expect(win.probe!.errors).to.deep.equal([]);
  });
});
