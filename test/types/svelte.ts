// Type test, checked by tsc (npm run typecheck): the tag's attributes and events in a Svelte 5
// template, as svelte-check sees them through `svelte/elements`.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '../../src/svelte.js';

type Props = SvelteHTMLElements['almara-pay-link'];

export const right: Props = {
  endpoint: '/api/payment-link',
  amount: 1500,
  description: 'Order 1042',
  accountReference: 'kikoi-wrap',
  class: 'checkout',
  headers: { 'X-CSRF-Token': 'abc' },
  strings: { firstName: 'Given name' },
  'onalmara-pay-link-success': (event) => event.detail.url.toUpperCase(),
  'onalmara-pay-link-error': (event) => event.detail.code.toUpperCase(),
  'onalmara-pay-link-submit': (event) => event.preventDefault(),
};

// @ts-expect-error an amount is a number, not text
export const wrongAmount: Props = { amount: 'lots' };

// @ts-expect-error the success detail has no `amount`; it is in `detail.request`
export const wrongDetail: Props = { 'onalmara-pay-link-success': (event) => event.detail.amount };

// @ts-expect-error target is _self, _top or _blank
export const wrongTarget: Props = { target: '_parent' };

type StatusProps = SvelteHTMLElements['almara-pay-status'];

export const rightStatus: StatusProps = {
  endpoint: '/api/payment-status',
  linkId: 'pl_123',
  pollFor: 60_000,
  retryUrl: '/checkout',
  class: 'receipt',
  headers: { 'X-CSRF-Token': 'abc' },
  strings: { paidTitle: 'Asante!' },
  'onalmara-pay-status-change': (event) => event.detail.status.toUpperCase(),
};

// @ts-expect-error poll-for is a number of milliseconds, not text
export const wrongPollFor: StatusProps = { pollFor: '60000' };

// @ts-expect-error the change detail has no `url`
export const wrongStatusDetail: StatusProps = { 'onalmara-pay-status-change': (event) => event.detail.url };
