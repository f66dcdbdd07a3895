import './lit-warnings.js';
import { expect, oneEvent } from '@open-wc/testing';
import type { AlmaraPayLink } from '../../src/almara-pay-link.js';
import type { AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from '../../src/events.js';
import {
  button,
  errorOf,
  fillPayer,
  formError,
  html,
  input,
  jsonResponse,
  mount,
  never,
  pressEnter,
  retryAtOnce,
  shadow,
  stubFetch,
  text,
  type,
  until,
} from './helpers.js';

const link = { url: 'https://pay.almara.example/l/pl_1', id: 'pl_1' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fixedProduct = () =>
  mount(
    html`<almara-pay-link
      endpoint="/api/payment-link"
      amount="1500"
      description="Order 1042"
      account-reference="1042"
      payment-type="goods"
      redirection-site="https://shop.example/thanks"
    ></almara-pay-link>`,
  );

/** Clicks Pay and waits for the event, typed by the element's event map. */
const submitAndWaitFor = <K extends 'almara-pay-link-success' | 'almara-pay-link-error'>(
  el: AlmaraPayLink,
  type: K,
) => {
  const happened = new Promise<HTMLElementEventMap[K]>((resolve) => {
    el.addEventListener(type, resolve, { once: true });
  });
  button(el).click();
  return happened;
};

describe('submission', () => {
  it('POSTs exactly the contract’s JSON body with its headers, then goes to the link', async () => {
    const fetch = stubFetch(() => jsonResponse(201, link));
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    const submit = oneEvent<AlmaraPayLinkSubmitEvent>(el, 'almara-pay-link-submit');
    const success = oneEvent<AlmaraPayLinkSuccessEvent>(el, 'almara-pay-link-success');
    button(el).click();
    const body = {
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: 'w@example.com',
      phoneNumber: '254712345678',
      description: 'Order 1042',
      isAmountSpecified: true,
      amount: 1500,
      currency: 'KES',
      accountReference: '1042',
      paymentType: 'goods',
      redirectionSite: 'https://shop.example/thanks',
    };
    expect((await submit).detail.request).to.deep.equal(body);
    const done = await success;
    expect(done.detail).to.deep.equal({ ...link, request: body });
    expect(fetch.requests).to.have.length(1);
    const sent = fetch.requests[0]!;
    expect(sent.url).to.equal('/api/payment-link');
    expect(sent.method).to.equal('POST');
    expect(sent.body).to.deep.equal(body);
    expect(sent.headers['content-type']).to.equal('application/json');
    expect(sent.headers['accept']).to.equal('application/json');
    expect(sent.headers['idempotency-key']).to.match(UUID);
    expect(sent.credentials).to.equal('same-origin');
    await el.updateComplete;
    expect(nav.assigned).to.deep.equal([{ url: link.url, target: '_self' }]);
    expect(el.getAttribute('state')).to.equal('redirecting');
    expect(text(shadow(el).querySelector('[part=status]'))).to.equal('Opening Almara Pay…');
  });

  it('sends a payer-typed amount and description, and leaves unset optional keys out', async () => {
    const fetch = stubFetch(() => jsonResponse(200, link));
    const { el } = await mount(html`<almara-pay-link endpoint="/api/pay"></almara-pay-link>`);
    await fillPayer(el);
    await type(el, 'amount', '2,500.50');
    await type(el, 'description', '  Harambee  ');
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(fetch.requests[0]!.body).to.deep.equal({
      firstName: 'Wanjiku',
      lastName: 'Kamau',
      emailAddress: 'w@example.com',
      phoneNumber: '254712345678',
      description: 'Harambee',
      isAmountSpecified: true,
      amount: 2500.5,
      currency: 'KES',
    });
  });

  it('sends nothing when the submit event is cancelled', async () => {
    const fetch = stubFetch(() => jsonResponse(200, link));
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    el.addEventListener('almara-pay-link-submit', (event) => event.preventDefault());
    button(el).click();
    await el.updateComplete;
    expect(fetch.requests).to.have.length(0);
    expect(nav.assigned).to.deep.equal([]);
    expect(el.getAttribute('state')).to.equal('idle');
  });

  it('stays on the page and offers a "Continue to payment" link when the success event is cancelled', async () => {
    stubFetch(() => jsonResponse(200, link));
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    el.addEventListener('almara-pay-link-success', (event) => event.preventDefault());
    await submitAndWaitFor(el, 'almara-pay-link-success');
    await el.updateComplete;
    expect(nav.assigned).to.deep.equal([]);
    const continueLink = shadow(el).querySelector<HTMLAnchorElement>('a[part=continue]')!;
    expect(text(continueLink)).to.equal('Continue to payment');
    expect(continueLink.href).to.equal(link.url);
    expect(el.getAttribute('state')).to.equal('idle');
    // It takes the focus, so that a screen reader says it appeared.
    await until(() => shadow(el).activeElement === continueLink);
  });

  it('navigates the top-level page for target=_top', async () => {
    stubFetch(() => jsonResponse(200, link));
    const { el, nav } = await fixedProduct();
    el.target = '_top';
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(nav.assigned).to.deep.equal([{ url: link.url, target: '_top' }]);
  });

  it('opens the window for target=_blank inside the click, then points it at the link', async () => {
    let openedBeforeAnswer = false;
    const { el, nav } = await fixedProduct();
    stubFetch(() => {
      openedBeforeAnswer = nav.opened.length === 1;
      return jsonResponse(200, link);
    });
    el.target = '_blank';
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    await el.updateComplete;
    expect(openedBeforeAnswer).to.equal(true);
    expect(nav.opened[0]!.location.href).to.equal(link.url);
    expect(nav.opened[0]!.closed).to.equal(false);
    expect(nav.assigned).to.deep.equal([]);
    expect(shadow(el).querySelector<HTMLAnchorElement>('a[part=continue]')!.target).to.equal('_blank');
  });

  it('closes the window opened for _blank when the backend fails', async () => {
    stubFetch(() => jsonResponse(400, { error: { code: 'refused', message: 'No.' } }));
    const { el, nav } = await fixedProduct();
    el.target = '_blank';
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-error');
    expect(nav.opened).to.have.length(1);
    expect(nav.opened[0]!.closed).to.equal(true);
  });

  it('leaves a "Continue to payment" link when the browser blocked the _blank window', async () => {
    stubFetch(() => jsonResponse(200, link));
    const { el, nav } = await fixedProduct();
    el.target = '_blank';
    nav.allowPopups = false;
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    await el.updateComplete;
    expect(shadow(el).querySelector<HTMLAnchorElement>('a[part=continue]')!.href).to.equal(link.url);
  });

  it('gives exactly one request for a double click, Enter twice and submit() during a submission', async () => {
    let answer!: (response: Response) => void;
    const fetch = stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { el } = await fixedProduct();
    await fillPayer(el);
    button(el).click();
    button(el).click();
    await pressEnter(el, 'phoneNumber');
    await pressEnter(el, 'phoneNumber');
    el.submit();
    await el.updateComplete;
    expect(fetch.requests).to.have.length(1);
    // Busy: progress on the button, fields not editable.
    expect(el.getAttribute('state')).to.equal('submitting');
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    expect(input(el, 'firstName')!.readOnly).to.equal(true);
    expect(text(shadow(el).querySelector('[part=status]'))).to.equal('Opening Almara Pay…');
    answer(jsonResponse(200, link));
    await oneEvent(el, 'almara-pay-link-success');
    el.submit();
    await el.updateComplete;
    expect(fetch.requests).to.have.length(1);
  });

  it('gives one request when a submit listener calls submit() again', async () => {
    const fetch = stubFetch(() => jsonResponse(200, link));
    const { el } = await fixedProduct();
    await fillPayer(el);
    el.addEventListener('almara-pay-link-submit', () => {
      el.submit();
    });
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(fetch.requests).to.have.length(1);
  });

  it('retries a 503 with the same Idempotency-Key', async () => {
    retryAtOnce();
    const fetch = stubFetch(
      () => jsonResponse(503, {}),
      () => jsonResponse(200, link),
    );
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(fetch.requests).to.have.length(2);
    expect(fetch.requests[1]!.headers['idempotency-key']).to.equal(fetch.requests[0]!.headers['idempotency-key']);
    expect(nav.assigned).to.have.length(1);
  });

  it('reuses the key when the payer tries again with the same data, and makes a new one once it changes', async () => {
    const fetch = stubFetch(() => jsonResponse(409, { error: { code: 'conflict', message: 'Try again.' } }));
    const { el } = await fixedProduct();
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-error');
    await submitAndWaitFor(el, 'almara-pay-link-error');
    await type(el, 'lastName', 'Otieno');
    await submitAndWaitFor(el, 'almara-pay-link-error');
    const keys = fetch.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).to.not.equal(keys[0]);
    expect(keys[2]).to.match(UUID);
  });

  it('shows the backend’s field errors beside their fields, focuses the first, and keeps what was typed', async () => {
    stubFetch(() =>
      jsonResponse(422, {
        error: {
          code: 'validation_failed',
          message: 'Please check your details.',
          fields: { phoneNumber: 'This number is not registered for M-Pesa.', emailAddress: 'Use another email.' },
        },
      }),
    );
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    const event = await submitAndWaitFor(el, 'almara-pay-link-error');
    // A code it knows: the form's own sentence, not the backend's; the fields are the backend's.
    expect(event.detail).to.deep.equal({
      code: 'validation_failed',
      message: 'Please correct the highlighted fields.',
      fields: { phoneNumber: 'This number is not registered for M-Pesa.', emailAddress: 'Use another email.' },
    });
    await el.updateComplete;
    expect(formError(el)).to.equal('Please correct the highlighted fields.');
    expect(errorOf(el, 'emailAddress')).to.equal('Use another email.');
    expect(errorOf(el, 'phoneNumber')).to.equal('This number is not registered for M-Pesa.');
    expect(input(el, 'phoneNumber')!.getAttribute('aria-invalid')).to.equal('true');
    await until(() => (shadow(el).activeElement as HTMLInputElement | null)?.name === 'emailAddress');
    expect(input(el, 'firstName')!.value).to.equal('Wanjiku');
    expect(input(el, 'phoneNumber')!.value).to.equal('0712 345 678');
    expect(nav.assigned).to.deep.equal([]);
    expect(el.getAttribute('state')).to.equal('error');
    // The backend's message goes once the payer changes that field.
    await type(el, 'emailAddress', 'other@example.com');
    expect(errorOf(el, 'emailAddress')).to.equal('');
  });

  it('names a failure without a body by its status, in the UI’s words', async () => {
    stubFetch(() => new Response('<h1>Internal Server Error</h1>', { status: 500 }));
    const { el } = await fixedProduct();
    await fillPayer(el);
    const event = await submitAndWaitFor(el, 'almara-pay-link-error');
    expect(event.detail).to.deep.equal({ code: 'http_500', message: 'Something went wrong. Please try again.' });
  });

  for (const [name, url] of [
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<h1>Pay here</h1>'],
    ['relative', '/pay/pl_1'],
    ['garbage', 'not a url'],
  ] as const) {
    it(`refuses a ${name} link as invalid_response and stays on the page`, async () => {
      stubFetch(() => jsonResponse(200, { url, id: 'pl_1' }));
      const { el, nav } = await fixedProduct();
      await fillPayer(el);
      const event = await submitAndWaitFor(el, 'almara-pay-link-error');
      expect(event.detail.code).to.equal('invalid_response');
      await el.updateComplete;
      expect(formError(el)).to.equal('Something went wrong. Please try again.');
      expect(nav.assigned).to.deep.equal([]);
      expect(input(el, 'firstName')!.value).to.equal('Wanjiku');
    });
  }

  it('reports a network failure after retrying it', async () => {
    retryAtOnce();
    const fetch = stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const { el } = await fixedProduct();
    await fillPayer(el);
    const event = await submitAndWaitFor(el, 'almara-pay-link-error');
    expect(event.detail).to.deep.equal({
      code: 'network_error',
      message: 'Could not connect. Check your connection and try again.',
    });
    expect(fetch.requests).to.have.length(3);
  });

  it('gives the whole submission `timeout` ms, then reports a timeout', async () => {
    retryAtOnce();
    const fetch = stubFetch(never);
    const { el } = await fixedProduct();
    el.timeout = 100;
    await fillPayer(el);
    const event = await submitAndWaitFor(el, 'almara-pay-link-error');
    expect(event.detail).to.deep.equal({ code: 'timeout', message: 'The server took too long. Please try again.' });
    // The one attempt used all of it: no time was left to try again.
    expect(fetch.requests).to.have.length(1);
    expect(input(el, 'firstName')!.readOnly).to.equal(false);
  });

  it('lets the payer try again after coming back from the payment page (back/forward cache)', async () => {
    stubFetch(() => jsonResponse(200, link));
    const { el } = await fixedProduct();
    await fillPayer(el);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(el.getAttribute('state')).to.equal('redirecting');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('idle');
    expect(input(el, 'firstName')!.readOnly).to.equal(false);
  });

  it('ignores the answer to a submission that reset() interrupted', async () => {
    let answer!: (response: Response) => void;
    const again = { url: 'https://pay.almara.example/l/pl_2', id: 'pl_2' };
    const fetch = stubFetch(
      () => new Promise<Response>((resolve) => (answer = resolve)),
      () => jsonResponse(200, again),
    );
    const { el, nav } = await fixedProduct();
    await fillPayer(el);
    button(el).click();
    await el.updateComplete;
    el.reset();
    answer(jsonResponse(200, link));
    // The payer fills the form in again and pays: by the time that answer arrives, the
    // interrupted one has long been read, and only the new link may be followed.
    await fillPayer(el);
    expect(el.getAttribute('state')).to.equal('idle');
    expect(nav.assigned).to.deep.equal([]);
    await submitAndWaitFor(el, 'almara-pay-link-success');
    expect(fetch.requests).to.have.length(2);
    expect(nav.assigned).to.deep.equal([{ url: again.url, target: '_self' }]);
  });

  it('keeps two elements on one page independent', async () => {
    const fetch = stubFetch((request) =>
      jsonResponse(200, { url: `https://pay.example${request.url}`, id: request.url }),
    );
    const a = await mount(html`<almara-pay-link endpoint="/a" amount="10" description="A"></almara-pay-link>`);
    const b = await mount(html`<almara-pay-link endpoint="/b" amount="20" description="B"></almara-pay-link>`);
    await fillPayer(a.el);
    await type(b.el, 'firstName', 'Otieno');
    b.el.submit();
    await b.el.updateComplete;
    expect(b.el.getAttribute('state')).to.equal('error');
    expect(a.el.getAttribute('state')).to.equal('idle');
    expect(input(a.el, 'lastName')!.hasAttribute('aria-invalid')).to.equal(false);
    await submitAndWaitFor(a.el, 'almara-pay-link-success');
    expect(fetch.requests.map((r) => r.url)).to.deep.equal(['/a']);
    expect(a.nav.assigned).to.deep.equal([{ url: 'https://pay.example/a', target: '_self' }]);
    expect(b.nav.assigned).to.deep.equal([]);
    expect(input(b.el, 'firstName')!.value).to.equal('Otieno');
  });
});
