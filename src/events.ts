/**
 * The element's three events, one class each with its name and options fixed (contract
 * §2). All bubble and cross shadow boundaries (`composed`), so a merchant can listen on
 * the element, an ancestor, the document or the window, typed everywhere through the
 * global event maps below.
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

export const SUBMIT_EVENT = 'almara-pay-link-submit';
export const SUCCESS_EVENT = 'almara-pay-link-success';
export const ERROR_EVENT = 'almara-pay-link-error';

const init = <T>(detail: T, cancelable: boolean): CustomEventInit<T> => ({
  detail,
  bubbles: true,
  composed: true,
  cancelable,
});

/** The form is valid and the request is about to be sent. Cancelable: `preventDefault()` stops the request. */
export class AlmaraPayLinkSubmitEvent extends CustomEvent<AlmaraPayLinkSubmitDetail> {
  constructor(detail: AlmaraPayLinkSubmitDetail) {
    super(SUBMIT_EVENT, init(detail, true));
  }
}

/** The backend answered with a usable link. Cancelable: `preventDefault()` keeps the payer on the page (a "Continue to payment" link is shown). */
export class AlmaraPayLinkSuccessEvent extends CustomEvent<AlmaraPayLinkSuccessDetail> {
  constructor(detail: AlmaraPayLinkSuccessDetail) {
    super(SUCCESS_EVENT, init(detail, true));
  }
}

/** Validation, network, timeout, backend or response error. Not cancelable: it reports what already happened. */
export class AlmaraPayLinkErrorEvent extends CustomEvent<AlmaraPayLinkErrorDetail> {
  constructor(detail: AlmaraPayLinkErrorDetail) {
    super(ERROR_EVENT, init(detail, false));
  }
}

declare global {
  // The document's and the window's maps extend this one: `document.addEventListener(…)` is typed.
  interface GlobalEventHandlersEventMap {
    'almara-pay-link-submit': AlmaraPayLinkSubmitEvent;
    'almara-pay-link-success': AlmaraPayLinkSuccessEvent;
    'almara-pay-link-error': AlmaraPayLinkErrorEvent;
  }
  interface HTMLElementEventMap {
    'almara-pay-link-submit': AlmaraPayLinkSubmitEvent;
    'almara-pay-link-success': AlmaraPayLinkSuccessEvent;
    'almara-pay-link-error': AlmaraPayLinkErrorEvent;
  }
}
