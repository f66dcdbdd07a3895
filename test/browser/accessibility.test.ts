import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import { button, fillPayer, html, jsonResponse, leave, mount, pressEnter, stubFetch, type, until } from './helpers.js';

describe('accessibility', () => {
  it('passes axe when idle, with every field labelled', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    await expect(el).to.be.accessible();
    const unlabelled = Array.from(el.shadowRoot!.querySelectorAll('input')).filter((i) => i.labels?.length !== 1);
    expect(unlabelled).to.deep.equal([]);
  });

  it('passes axe with invalid fields shown', async () => {
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    await type(el, 'emailAddress', 'nope');
    await leave(el, 'emailAddress');
    el.submit();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('passes axe in the error state after a failed request', async () => {
    stubFetch(() =>
      jsonResponse(422, { error: { code: 'x', message: 'No.', fields: { firstName: 'Not this name.' } } }),
    );
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el);
    button(el).click();
    await until(() => el.getAttribute('state') === 'error');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('announces progress and errors through live regions that are there from the start', async () => {
    let answer!: (response: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { el } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    const status = el.shadowRoot!.querySelector('[part=status]')!;
    const alert = el.shadowRoot!.querySelector('[part~=form-error]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(alert.getAttribute('role')).to.equal('alert');
    await fillPayer(el);
    button(el).click();
    await el.updateComplete;
    expect(status.textContent).to.equal('Opening Almara Pay…');
    answer(jsonResponse(400, { error: { code: 'refused', message: 'Refused.' } }));
    await until(() => alert.textContent === 'Refused.');
    // The same nodes: a region inserted with its text is often not announced.
    expect(el.shadowRoot!.querySelector('[part=status]')).to.equal(status);
    expect(el.shadowRoot!.querySelector('[part~=form-error]')).to.equal(alert);
  });

  it('can be filled and sent with the keyboard alone: Enter in a field submits', async () => {
    const fetch = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    const { el, nav } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el);
    await pressEnter(el, 'phoneNumber');
    await until(() => nav.assigned.length === 1);
    expect(fetch.requests).to.have.length(1);
    expect(nav.assigned[0]!.url).to.equal('https://pay.example/l/1');
  });
});
