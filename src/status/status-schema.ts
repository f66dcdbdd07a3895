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
 * Nothing here imports `schema.ts`: its module-level request schema would follow into the
 * status element's CDN file, which has no use for it.
 */
import * as z from 'zod/mini';
import { isKnownPaymentLinkStatus, type PaymentLinkStatus } from '../server/almara/constants.js';

// As in schema.ts: `custom` types rather than zod's string and number types, whose classes
// would each add to the CDN file, and no messages, since nothing here is shown to a payer.
const string = () => z.custom<string>((value) => typeof value === 'string');

/**
 * The status answer's schema. Unknown keys are dropped (a backend may send more; the element
 * shows none of it). A status outside A6's four is refused, not read as `pending`: the
 * server module already answers those as `pending`, so a backend that sends another one is
 * not ours, or is broken, and a page that kept "waiting" on a word it does not know would
 * wait on nothing. `paidAt` is any string here: an unreadable one must not hide a payment
 * that was made, so it is `formatPaidAt`'s to drop, not the schema's.
 */
export const paymentStatusAnswerSchema = z.object({
  // Non-empty: the element compares it with the id it asked for.
  id: z.custom<string>((value) => typeof value === 'string' && value !== ''),
  status: z.custom<PaymentLinkStatus>(isKnownPaymentLinkStatus),
  // Finite: `formatMoney` would print "KES NaN" or "KES ∞" for anything else.
  amount: z.optional(z.custom<number>((value) => typeof value === 'number' && Number.isFinite(value))),
  currency: z.optional(string()),
  description: z.optional(string()),
  paidAt: z.optional(string()),
});

/** What the thank-you page is told of a payment; the same shape as the server's `PaymentStatus`. */
export type PaymentStatusAnswer = z.output<typeof paymentStatusAnswerSchema>;

/**
 * The answer in `body` (JSON already parsed), or `undefined` when it is not one. A `null`
 * where an optional key may be stands for its absence: hand-written backends send their
 * language's null (Python's `None`, a SQL `NULL`) for "none", and refusing those would turn
 * a paid payment into "we could not check".
 */
export function readStatusAnswer(body: unknown): PaymentStatusAnswer | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const present = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
  return paymentStatusAnswerSchema.safeParse(present).data;
}

// `{ error: { code, message } }`, both optional: only the code is read, to tell failures apart.
const errorAnswerSchema = z.object({ error: z.object({ code: z.optional(string()) }) });

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
  const code = errorAnswerSchema.safeParse(body).data?.error.code;
  return { kind: 'problem', code: code || `http_${status}` };
}
