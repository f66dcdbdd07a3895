/**
 * What `<almara-pay-status>` is told by the merchant's backend (contract §6):
 * `GET {endpoint}?id=pl_…` answers `200 { id, status, amount?, currency?, description?, paidAt? }`,
 * `404` for an unknown id, `400` for an id no link could have, and `{ error: { code, message } }`
 * for every failure. The element reads answers only through this module, so that whatever a
 * backend sends, the page shows one of the states it has words for, or says it could not check.
 *
 * The statuses come from `server/almara/constants.ts`, the module of A6 that imports nothing
 * and exists so that browser code can share the list with the server: a status added there is
 * one the element accepts at once (and a type error in the status words until they have some).
 * Nothing here imports `schema.ts` or zod: the request schema and zod's core would follow
 * into the status element's CDN file, which has no use for them.
 */
import { isKnownPaymentLinkStatus, type PaymentLinkStatus } from '../server/almara/constants.js';

/** What the thank-you page is told of a payment; the same shape as the server's `PaymentStatus` (a test holds them equal). */
export interface PaymentStatusAnswer {
  id: string;
  status: PaymentLinkStatus;
  amount?: number;
  currency?: string;
  description?: string;
  paidAt?: string;
}

/**
 * Each key of the answer and what its value must be. Checked by hand rather than by a zod
 * schema, whose core would be a quarter of the status element's CDN file (about 2.7 KB
 * gzipped) for six keys; the form, which needs zod's messages, carries it, this file does not.
 *
 * - `id` non-empty: the element compares it with the id it asked for.
 * - `status` one of A6's four; any other is refused, not read as `pending`: the server module
 *   already answers those as `pending`, so a backend that sends another one is not ours, or
 *   is broken, and a page that kept "waiting" on a word it does not know would wait on nothing.
 * - `amount` finite: `formatMoney` would print "KES NaN" or "KES ∞" for anything else.
 * - `paidAt` any string: an unreadable one must not hide a payment that was made, so it is
 *   `formatPaidAt`'s to drop, not this module's.
 */
const checks: { [K in keyof PaymentStatusAnswer]-?: (value: unknown) => boolean } = {
  id: (value) => typeof value == 'string' && value != '',
  status: isKnownPaymentLinkStatus,
  amount: (value) => typeof value == 'number' && Number.isFinite(value),
  currency: (value) => typeof value == 'string',
  description: (value) => typeof value == 'string',
  paidAt: (value) => typeof value == 'string',
};
const required = new Set(['id', 'status']);

/**
 * The answer in `body` (JSON already parsed), or `undefined` when it is not one. Unknown keys
 * are dropped (a backend may send more; the element shows none of it). A `null` where an
 * optional key may be stands for its absence: hand-written backends send their language's
 * null (Python's `None`, a SQL `NULL`) for "none", and refusing those would turn a paid
 * payment into "we could not check".
 */
export function readStatusAnswer(body: unknown): PaymentStatusAnswer | undefined {
  if (typeof body != 'object' || body === null || Array.isArray(body)) return undefined;
  const answer: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) {
    const value = (body as Record<string, unknown>)[key];
    if (value === undefined || value === null) {
      if (required.has(key)) return undefined;
    } else if (check(value)) answer[key] = value;
    else return undefined;
  }
  return answer as unknown as PaymentStatusAnswer;
}

/** What one request to the status endpoint came to, as the element needs to tell it. */
export type StatusReply =
  /** A usable answer: the element shows its status. */
  | { kind: 'answer'; answer: PaymentStatusAnswer }
  /** No payment has this id (404), or no payment could have it (400): asking again will not help. */
  | { kind: 'notFound' }
  /**
   * Anything else: a 5xx, a 429, a proxy's page, a 200 that is no answer. `code` is the
   * backend's `error.code`, else `invalid_response` for a 2xx, else `http_<status>`. Worth
   * asking again while polling; the payment may well be fine.
   */
  | { kind: 'problem'; code: string };

/**
 * Reads one response of the status endpoint: its HTTP `status` and its body as parsed JSON
 * (`undefined` when it was not JSON). The network failing (fetch rejecting) is the caller's
 * to tell; it is a `problem` too.
 */
export function readStatusReply(status: number, body: unknown): StatusReply {
  if (status >= 200 && status < 300) {
    const answer = readStatusAnswer(body);
    return answer ? { kind: 'answer', answer } : { kind: 'problem', code: 'invalid_response' };
  }
  // The server module answers 400 `invalid_id` with the same sentence as a 404: for the payer
  // both are a link that names no payment (a mistyped or cut address).
  if (status === 404 || status === 400) return { kind: 'notFound' };
  // `{ error: { code, message } }`: only the code is read, to tell failures apart.
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return { kind: 'problem', code: typeof code == 'string' && code ? code : `http_${status}` };
}
