import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  button,
  fillPayer,
  formError,
  html,
  input,
  jsonResponse,
  mount,
  never,
  shadow,
  stubFetch,
  text,
  until,
  useFakeClock,
} from './helpers.js';

// A slow backend: the payer is told it is still working, may stop waiting, and never waits
// longer than the one deadline (`timeout`, 15 s by default) for the whole submission.
describe('waiting for the backend', () => {
  const status = (el: Parameters<typeof shadow>[0]) => text(shadow(el).querySelector('[part=status]'));
  const cancel = (el: Parameters<typeof shadow>[0]) => shadow(el).querySelector<HTMLButtonElement>('[part=cancel]');

  async function hanging() {
    const clock = useFakeClock();
    const fetch = stubFetch(never);
    const { el, nav } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x"></almara-pay-link>`,
    );
    await fillPayer(el);
    button(el).click();
    await el.updateComplete;
    return { clock, fetch, el, nav };
  }

  it('says after about 4 s that the link is still being made, and offers to cancel, under the button', async () => {
    const { clock, el } = await hanging();
    const top = button(el).getBoundingClientRect().top;
    expect(status(el)).to.equal('Opening Almara Pay…');
    expect(cancel(el)).to.equal(null);
    await clock.advance(3999);
    expect(cancel(el)).to.equal(null);
    await clock.advance(1);
    await el.updateComplete;
    expect(status(el)).to.equal('Still creating your link…');
    expect(text(cancel(el))).to.equal('Cancel');
    expect(cancel(el)!.type).to.equal('button');
    expect(button(el).getBoundingClientRect().top).to.equal(top);
    await expect(el).to.be.accessible();
    el.lang = 'sw';
    await el.updateComplete;
    expect(status(el)).to.equal('Bado tunaunda kiungo chako…');
    expect(text(cancel(el))).to.equal('Ghairi');
  });

  it('gives up on a backend that never answers at the deadline: 15 s in all, one attempt, not 47 s', async () => {
    const { clock, el, fetch } = await hanging();
    const errors: string[] = [];
    el.addEventListener('almara-pay-link-error', (event) => errors.push(event.detail.code));
    await clock.advance(14999);
    expect(el.getAttribute('state')).to.equal('submitting');
    await clock.advance(1);
    await until(() => el.getAttribute('state') === 'error');
    expect(errors).to.deep.equal(['timeout']);
    expect(formError(el)).to.equal('The server took too long. Please try again.');
    expect(fetch.requests).to.have.length(1);
    expect(cancel(el)).to.equal(null);
    expect(status(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('follows the element’s timeout, and retries only while time is left', async () => {
    const clock = useFakeClock();
    // Down, down, then a link: the retries come after 0.5 s and 1.5 s.
    const fetch = stubFetch(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => jsonResponse(503, {}),
      () => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }),
    );
    const { el, nav } = await mount(
      html`<almara-pay-link endpoint="/api/pay" amount="5" description="x" timeout="1800"></almara-pay-link>`,
    );
    await fillPayer(el);
    button(el).click();
    await until(() => fetch.requests.length === 1);
    await clock.advance(500);
    await until(() => fetch.requests.length === 2);
    // The second pause (1.5 s) would end after the deadline (1.8 s): no third attempt.
    await until(() => el.getAttribute('state') === 'error');
    expect(fetch.requests).to.have.length(2);
    expect(nav.assigned).to.deep.equal([]);
    expect(new Set(fetch.requests.map((request) => request.headers['idempotency-key'])).size).to.equal(1);
  });

  it('cancels: the form is idle again with everything typed, and a new try reuses the key', async () => {
    const { clock, el, fetch, nav } = await hanging();
    const events: string[] = [];
    for (const name of ['almara-pay-link-error', 'almara-pay-link-success'] as const)
      el.addEventListener(name, () => events.push(name));
    await clock.advance(4000);
    await el.updateComplete;
    cancel(el)!.click();
    await until(() => el.getAttribute('state') === 'idle');
    await el.updateComplete;
    expect(status(el)).to.equal('');
    expect(formError(el)).to.equal('');
    expect(cancel(el)).to.equal(null);
    expect(events).to.deep.equal([]);
    expect(input(el, 'firstName')!.value).to.equal('Wanjiku');
    expect(input(el, 'firstName')!.readOnly).to.equal(false);
    // The focus was on the cancel button, which is gone: it goes to the pay button.
    expect(shadow(el).activeElement).to.equal(button(el));
    await expect(el).to.be.accessible();
    // No timer of the cancelled submission is left to fire.
    await clock.advance(60000);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(fetch.requests).to.have.length(1);

    fetch.restore();
    const again = stubFetch(() => jsonResponse(200, { url: 'https://pay.example/l/1', id: '1' }));
    button(el).click();
    await until(() => nav.assigned.length === 1);
    expect(again.requests[0]!.headers['idempotency-key']).to.equal(fetch.requests[0]!.headers['idempotency-key']);
  });

  it('can be cancelled with the keyboard', async () => {
    const { clock, el } = await hanging();
    await clock.advance(4000);
    await el.updateComplete;
    cancel(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.getAttribute('state') === 'idle');
  });

  it('reset() stops the request under way', async () => {
    const { el, fetch } = await hanging();
    el.reset();
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('idle');
    expect(input(el, 'firstName')!.value).to.equal('');
    expect(fetch.requests).to.have.length(1);
  });
});
