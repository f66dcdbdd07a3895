/**
 * `<almara-pay-status>`'s one event (contract §6), as the form's events are made (events.ts):
 * a class with its name and options fixed, bubbling and `composed`, typed in the global event
 * maps so that `document.addEventListener('almara-pay-status-change', …)` knows its detail.
 */
import type { PaymentStatusAnswer } from './status-schema.js';
import type { StatusView } from './status-words.js';

export interface AlmaraPayStatusChangeDetail {
  /** The payment link's id the page asked about (`''` when the page has none). */
  id: string;
  /** What the page shows now: `checking`, `pending`, `paid`, `failed`, `expired`, `stopped`, `notFound` or `problem`. */
  status: StatusView;
  /** The backend's last answer about the link, once there is one: amount, currency, description, `paidAt`. */
  link: PaymentStatusAnswer | undefined;
}

export const STATUS_CHANGE_EVENT = 'almara-pay-status-change';

/** What the page shows has changed. Not cancelable: it reports what the backend said. */
export class AlmaraPayStatusChangeEvent extends CustomEvent<AlmaraPayStatusChangeDetail> {
  constructor(detail: AlmaraPayStatusChangeDetail) {
    super(STATUS_CHANGE_EVENT, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'almara-pay-status-change': AlmaraPayStatusChangeEvent;
  }
  interface HTMLElementEventMap {
    'almara-pay-status-change': AlmaraPayStatusChangeEvent;
  }
}
