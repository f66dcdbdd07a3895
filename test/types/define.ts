// Type test, checked by tsc (npm run typecheck) against the source, and by
// test/unit/define-types.test.ts against dist/define.d.ts alone: importing only
// almara-pay-link/define types the tag and its events on the element, the document and
// the window.
import { AlmaraPayLinkSuccessEvent, type AlmaraPayLinkErrorEvent } from '../../src/define.js';

const element = document.createElement('almara-pay-link');
element.endpoint = '/api/payment-link';
element.addEventListener('almara-pay-link-submit', (event) => event.detail.request.phoneNumber);
element.addEventListener('almara-pay-link-success', (event) => {
  event.preventDefault();
  return event.detail.url;
});

document.addEventListener('almara-pay-link-success', (event) => event.detail.url.toUpperCase());
document.addEventListener('almara-pay-link-error', (event) => event.detail.fields?.emailAddress);
window.addEventListener('almara-pay-link-submit', (event) => event.detail.request.amount.toFixed(2));

export const isSuccess = (event: Event): event is AlmaraPayLinkSuccessEvent =>
  event instanceof AlmaraPayLinkSuccessEvent;
export const code = (event: AlmaraPayLinkErrorEvent): string => event.detail.code;

// @ts-expect-error the success detail has no `amount`; it is in `detail.request`
document.addEventListener('almara-pay-link-success', (event) => event.detail.amount);

// @ts-expect-error the error detail has no `url`
window.addEventListener('almara-pay-link-error', (event) => event.detail.url);

// @ts-expect-error an event's name and options are its own: it takes only its detail
new AlmaraPayLinkSuccessEvent('almara-pay-link-success', { detail: { url: '', id: '', request: {} } });
