// Type test, checked by tsc (npm run typecheck) against the source, and by
// test/unit/define-types.test.ts against dist/status/define.d.ts alone: importing only
// almara-pay-link/status/define types the tag, its properties and its event on the element,
// the document and the window.
import { AlmaraPayStatusChangeEvent, type AlmaraPayStatusChangeDetail } from '../../src/status/define.js';

const element = document.createElement('almara-pay-status');
element.endpoint = '/api/payment-status';
element.pollFor = 60_000;
element.headers = { 'X-CSRF-Token': 'abc' };
element.strings = { paidTitle: 'Asante!' };
element.addEventListener('almara-pay-status-change', (event) => event.detail.status);
element.check();

document.addEventListener('almara-pay-status-change', (event) => event.detail.link?.amount?.toFixed(2));
window.addEventListener('almara-pay-status-change', (event) => event.detail.id.toUpperCase());
document.querySelector('almara-pay-status')?.link?.paidAt;

export const isChange = (event: Event): event is AlmaraPayStatusChangeEvent =>
  event instanceof AlmaraPayStatusChangeEvent;
export const paid = (detail: AlmaraPayStatusChangeDetail): boolean => detail.status === 'paid';

// @ts-expect-error poll-for is a number of milliseconds, not text
element.pollFor = '60000';

// @ts-expect-error the status is the element's to say: read-only
element.status = 'paid';

// @ts-expect-error the change detail has no `url`
document.addEventListener('almara-pay-status-change', (event) => event.detail.url);

// @ts-expect-error a status the page never shows
export const unknown = (detail: AlmaraPayStatusChangeDetail): boolean => detail.status === 'cancelled';
