// Type test, checked by tsc (npm run typecheck): the tag's props in Vue, right and wrong.
import { h, type GlobalComponents } from 'vue';
import type {} from '../../src/vue.js';

declare const tag: GlobalComponents['almara-pay-link'];

h(tag, {
  endpoint: '/api/payment-link',
  amount: 1500,
  description: 'Order 1042',
  target: '_blank',
  headers: { 'X-CSRF-Token': 'abc' },
  strings: { firstName: 'Given name' },
  onAlmaraPayLinkSuccess: (event) => event.detail.url.toUpperCase(),
  onAlmaraPayLinkError: (event) => event.detail.code.toUpperCase(),
});

// @ts-expect-error an amount is a number, not text
h(tag, { endpoint: '/api/payment-link', amount: 'lots' });

// @ts-expect-error target is _self, _top or _blank
h(tag, { endpoint: '/api/payment-link', target: '_parent' });

// @ts-expect-error the success detail has no `amount`; it is in `detail.request`
h(tag, { onAlmaraPayLinkSuccess: (event) => event.detail.amount });

// @ts-expect-error a string table entry that does not exist
h(tag, { strings: { surname: 'Family name' } });

declare const status: GlobalComponents['almara-pay-status'];

h(status, {
  endpoint: '/api/payment-status',
  linkId: 'pl_123',
  pollFor: 60_000,
  retryUrl: '/checkout',
  credentials: 'include',
  headers: { 'X-CSRF-Token': 'abc' },
  strings: { paidTitle: 'Asante!' },
  onAlmaraPayStatusChange: (event) => `${event.detail.status} ${event.detail.link?.description ?? ''}`,
});

// @ts-expect-error poll-for is a number of milliseconds, not text
h(status, { endpoint: '/api/payment-status', pollFor: '60000' });

// @ts-expect-error the change detail has no `url`
h(status, { onAlmaraPayStatusChange: (event) => event.detail.url });
