/**
 * The element's three events. All bubble and cross shadow boundaries (`composed`),
 * so a merchant can listen on the element, an ancestor or the document.
 */
import type { PaymentRequest, RequestField } from './schema.js';

export interface AlmaraPayLinkSubmitDetail {
  /** The exact JSON body about to be sent to `endpoint`. */
  request: PaymentRequest;
}

export interface AlmaraPayLinkSuccessDetail {
  /** The payment link the payer is about to be sent to. */
  url: string;
  id: string;
  request: PaymentRequest;
}

export interface AlmaraPayLinkErrorDetail {
  /**
   * `validation_failed`, `network_error`, `timeout`, `invalid_response`, or for a
   * non-2xx answer the backend's own `error.code` (else `http_<status>`).
   */
  code: string;
  /** A sentence for the payer, in the UI language unless the backend worded it. */
  message: string;
  /** Messages per request field, for the fields that were refused. */
  fields?: Partial<Record<RequestField, string>>;
}

/** Cancelable: `preventDefault()` stops the request. */
export type AlmaraPayLinkSubmitEvent = CustomEvent<AlmaraPayLinkSubmitDetail>;
/** Cancelable: `preventDefault()` keeps the payer on the page (a "Continue to payment" link is shown). */
export type AlmaraPayLinkSuccessEvent = CustomEvent<AlmaraPayLinkSuccessDetail>;
export type AlmaraPayLinkErrorEvent = CustomEvent<AlmaraPayLinkErrorDetail>;

/** One of the three events: bubbling, composed, cancelable where the table says so. */
export function paymentEvent<T>(type: string, detail: T, cancelable: boolean): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable });
}

export const SUBMIT_EVENT = 'almara-pay-link-submit';
export const SUCCESS_EVENT = 'almara-pay-link-success';
export const ERROR_EVENT = 'almara-pay-link-error';

declare global {
  interface HTMLElementEventMap {
    'almara-pay-link-submit': AlmaraPayLinkSubmitEvent;
    'almara-pay-link-success': AlmaraPayLinkSuccessEvent;
    'almara-pay-link-error': AlmaraPayLinkErrorEvent;
  }
}
