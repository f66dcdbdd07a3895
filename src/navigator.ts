/**
 * How the element leaves the page for the payment link. It is a property of the
 * element so that a page (or a test) can keep the payer where they are; the default
 * really navigates.
 */

/** A browsing context opened ahead of time for `target="_blank"`. */
export interface PendingWindow {
  location: { href: string };
  close(): void;
}

export interface PaymentNavigator {
  /** Send this page (`_self`) or the top-level page (`_top`) to `url`. */
  assign(url: string, target: '_self' | '_top'): void;
  /**
   * Open an empty window for `_blank`. Called synchronously inside the payer's click
   * or key press, before the backend answers, because popup blockers only allow
   * windows opened during a user gesture. `null` when the browser refused.
   */
  openBlank(): PendingWindow | null;
}

export const browserNavigator: PaymentNavigator = {
  assign(url, target) {
    if (target === '_top' && window.top && window.top !== window) {
      // A cross-origin top may only be navigated by setting `href`, not `assign()`.
      window.top.location.href = url;
    } else {
      window.location.assign(url);
    }
  },
  openBlank() {
    const pending = window.open('', '_blank');
    // The payment page must not be able to script the merchant's page.
    if (pending) pending.opener = null;
    return pending;
  },
};
