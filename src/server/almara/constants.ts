/**
 * The constant parts of the assumptions about the Almara Pay API (paths, statuses, the
 * redirect parameter), numbered as in `assumptions.ts`, which re-exports them and lists
 * every assumption. They live apart from it so that browser code (the thank-you page reads
 * the A7 parameter) can import them without pulling zod in: this module imports nothing.
 */

/** The documented path of Create Payment Link (not an assumption). */
export const CREATE_PAYMENT_LINK_PATH = '/v1/payment-link/create-payment-link';

/** A1, A4, A5: the paths we assume, relative to the API's base URL. */
export const ALMARA_PATHS = {
  token: '/v1/auth/token',
  create: CREATE_PAYMENT_LINK_PATH,
  find: '/v1/payment-link/find-payment-link-by-id',
  update: '/v1/payment-link/update-payment-link',
} as const;

/** A7: the query parameter carrying the link id when the payer comes back to `redirectionSite`. */
export const REDIRECT_ID_PARAM = 'paymentLinkId';

/**
 * A6: the statuses we know of, a guess like the rest: `pending` until the payer acts, then
 * `paid`, or `failed` (the payer declined the M-Pesa prompt, or it failed), or `expired` (not
 * paid in time). The real API may name these otherwise or have others; a status not listed
 * here is passed through as it is.
 */
export const PAYMENT_LINK_STATUSES = ['pending', 'paid', 'failed', 'expired'] as const;

/** A6: a status we know of. */
export type PaymentLinkStatus = (typeof PAYMENT_LINK_STATUSES)[number];

/** True for a status of A6; others are passed through, but a page has no words for them. */
export function isKnownPaymentLinkStatus(status: unknown): status is PaymentLinkStatus {
  return (PAYMENT_LINK_STATUSES as readonly unknown[]).includes(status);
}
