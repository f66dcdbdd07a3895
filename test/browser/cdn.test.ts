import './lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import { text, until } from './helpers.js';

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

  // The CDN file's schemas are built on its own slim zod/mini (src/cdn/zod-mini.ts): the
  // form's checks, the request body and the backend's answers all go through them here.
  it('checks, sends and reads answers through its own schemas', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/test/browser/fixtures/cdn.html"></iframe>`);
    const win = frame.contentWindow as Window & typeof globalThis & { probe?: Probe };
    await until(() => frame.contentDocument?.readyState === 'complete' && !!win.customElements.get('almara-pay-link'));
    const el = frame.contentDocument!.createElement('almara-pay-link');
    el.setAttribute('endpoint', '/api/pay');
    el.setAttribute('description', 'Gift');
    frame.contentDocument!.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot!;
    const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    const fill = async (name: string, value: string) => {
      field(name).value = value;
      field(name).dispatchEvent(new win.Event('input', { bubbles: true }));
      field(name).dispatchEvent(new win.FocusEvent('blur'));
      await el.updateComplete;
    };
    const errorOf = (name: string) => text(root.getElementById(`${name}-error`));

    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(errorOf('firstName')).to.equal('This field is required.');
    await fill('emailAddress', 'w@example');
    expect(errorOf('emailAddress')).to.equal('Enter an email address like name@example.com.');
    await fill('amount', '1.500');
    expect(errorOf('amount')).to.equal('Use a comma for thousands, like 1,500.');
    await fill('amount', '500/=');
    expect(errorOf('amount')).to.equal('');
    expect(text(root.querySelector('button'))).to.equal('Pay KES 500');

    const sent: unknown[] = [];
    const answers = [
      {
        status: 400,
        body: { error: { code: 'validation_failed', fields: { lastName: 'Not this name.', shortCode: 'x' } } },
      },
      { status: 200, body: { url: 'https://pay.example/l/1', id: 'l1' } },
    ];
    win.fetch = async (_url, init) => {
      sent.push(JSON.parse(init!.body as string));
      const { status, body } = answers.shift()!;
      return new win.Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    };
    const assigned: string[] = [];
    el.navigator = { assign: (url) => assigned.push(url), openBlank: () => null };
    await fill('firstName', ' Wanjiku ');
    await fill('lastName', 'Kamau');
    await fill('emailAddress', 'w@example.com');
    await fill('phoneNumber', '0712 345 678');
    el.submit();
    await until(() => el.getAttribute('state') === 'error');
    await el.updateComplete;
    expect(errorOf('lastName')).to.equal('Not this name.');
    el.submit();
    await until(() => assigned.length === 1);
    expect(assigned).to.deep.equal(['https://pay.example/l/1']);
    expect(sent[1]).to.deep.equal({
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: 'w@example.com',
      phoneNumber: '254712345678',
      description: 'Gift',
      isAmountSpecified: true,
      amount: 500,
      currency: 'KES',
    });
    expect(win.probe!.errors).to.deep.equal([]);
  });
});
