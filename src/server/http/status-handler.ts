/**
 * The merchant's endpoint for the thank-you page (contract §6): `GET ?id=pl_…` answers what
 * Almara says of that payment now, `{ id, status, amount, currency, description, paidAt? }`,
 * with the status one of the four a payer is shown (A6). The page must ask this rather than
 * trust its query string, which anyone can write.
 *
 * The id is in the payer's address bar and history: whoever holds it learns the amount and
 * what it paid for, never the payer's name, email or phone. The same front as the
 * payment-link handler (origins, language), its rate limit, and JSON errors only.
 */
import { paymentStateOf } from '../almara/assumptions.js';
import type { AlmaraPayClient } from '../almara/client.js';
import type { PaymentLinkStatus } from '../almara/constants.js';
import { AlmaraApiError } from '../almara/errors.js';
import { errorAnswer, type Answer } from './answer.js';
import { StoreUnavailableError } from './store-unavailable.js';
import { createFront, type FrontOptions } from './front.js';
import { realClock, type Clock, type HandlerContext } from './options.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';

/** A Fetch API handler; the context is optional and filled in by `toNodeHandler`. */
export type PaymentStatusHandler = (request: Request, context?: HandlerContext) => Promise<Response>;

export interface PaymentStatusHandlerOptions extends FrontOptions {
  /** The Almara client (the payment-link handler's, or its own). */
  client: Pick<AlmaraPayClient, 'findPaymentLinkById'>;
  /** As the payment-link handler's: a thank-you page polls, so allow a request every few seconds per payer. */
  rateLimit?: RateLimitOptions;
  /** Milliseconds within which Almara must answer; then a 504. Default 10 000. */
  deadline?: number;
  /** Told of every failure of the call to Almara. Default: `console.error`. */
  onError?: (error: unknown, request: Request) => void;
  /**
   * Told of a status outside A6's four (answered as `pending`, since a payment Almara does not
   * call paid is not one to thank for): the status as Almara gave it, and the link's id.
   * Default: `console.warn`, once per status.
   */
  onUnknownStatus?: (status: string, id: string) => void;
  /** The rate limit's clock. Default: real time. */
  clock?: Pick<Clock, 'now'>;
}

/** What the thank-you page is told of a payment: nothing of the payer. */
export interface PaymentStatus {
  id: string;
  status: PaymentLinkStatus;
  amount?: number;
  currency?: string;
  description?: string;
  /** When it was paid (ISO 8601), once it is and Almara says. */
  paidAt?: string;
}

/** An id as a link's could be: the sandbox's `pl_…`, or any short run of letters, digits, `_` and `-`. */
const LINK_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Unknown statuses warned about at most: a misbehaving API cannot flood the log. */
const UNKNOWN_STATUSES_KEPT = 20;

export function createPaymentStatusHandler(options: PaymentStatusHandlerOptions): PaymentStatusHandler {
  const { client } = options;
  // A JavaScript caller may still leave it out.
  if (typeof (client as Partial<typeof client> | undefined)?.findPaymentLinkById !== 'function') {
    throw new TypeError('createPaymentStatusHandler: client (an AlmaraPayClient) is required');
  }
  const deadline = options.deadline ?? 10_000;
  if (!Number.isFinite(deadline) || deadline <= 0) {
    throw new TypeError('createPaymentStatusHandler: deadline must be more than 0 (ms)');
  }
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, options.clock ?? realClock) : undefined;
  const report =
    options.onError ??
    ((error: unknown) => {
      console.error('[almara-pay-link]', error);
    });
  const warned = new Set<string>();
  const unknownStatus =
    options.onUnknownStatus ??
    ((status: string, id: string) => {
      if (warned.has(status) || warned.size >= UNKNOWN_STATUSES_KEPT) return;
      warned.add(status);
      console.warn(`[almara-pay-link] payment ${id}: Almara says status ${JSON.stringify(status)}, shown as pending`);
    });

  return createFront(
    options,
    'GET',
    async ({ request, context, strings }): Promise<Answer> => {
      if (limiter) {
        const wait = await limiter.hit(request, context);
        if (wait)
          return errorAnswer(429, 'rate_limited', strings.tooManyRequests, undefined, { 'Retry-After': String(wait) });
      }
      const id = new URL(request.url).searchParams.get('id') ?? '';
      if (!LINK_ID.test(id)) return errorAnswer(400, 'invalid_id', strings.paymentNotFound);
      let link;
      try {
        link = await client.findPaymentLinkById(id, { deadline });
      } catch (error) {
        if (error instanceof AlmaraApiError && error.status === 404) {
          return errorAnswer(404, 'not_found', strings.paymentNotFound);
        }
        report(error, request);
        return error instanceof AlmaraApiError && error.kind === 'timeout'
          ? errorAnswer(504, 'upstream_timeout', strings.timeout)
          : errorAnswer(502, 'upstream_error', strings.serverError);
      }
      let status = paymentStateOf(link.status);
      if (!status) {
        unknownStatus(link.status ?? '', link.id);
        status = 'pending';
      }
      // Picked one by one: whatever else Almara keeps of the link (the payer's details) stays there.
      const body: PaymentStatus = { id: link.id, status };
      if (link.amount !== undefined) body.amount = link.amount;
      if (link.currency !== undefined) body.currency = link.currency;
      if (link.description !== undefined) body.description = link.description;
      if (status === 'paid' && link.paidAt !== undefined) body.paidAt = link.paidAt;
      return { status: 200, body };
    },
    (error, { request, strings }) => {
      // The shared rate-limit store is down: refused as the create handler refuses, 503, which
      // the status element asks again after (it is not told the payment failed).
      if (error instanceof StoreUnavailableError) {
        report(error.cause, request);
        return errorAnswer(503, 'store_unavailable', strings.storeUnavailable);
      }
      // A bug: nothing the payer can fix.
      report(error, request);
      return errorAnswer(500, 'internal_error', strings.serverError);
    },
  );
}
