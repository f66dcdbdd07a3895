/**
 * What `createPaymentLinkHandler` is given: its options (contract §4; names may be added,
 * these stay), the clock it reads, and, per request, where the request came from.
 */
import type { Language } from '../../messages/index.js';
import type { AmountBounds, PaymentRequest } from '../../schema.js';
import type { AlmaraCredentials } from '../almara/assumptions.js';
import type { AlmaraPayClient } from '../almara/client.js';
import type { IdempotencyStore } from '../idempotency/store.js';
import type { OriginNotAllowedError } from './origins.js';
import type { RateLimitOptions } from './rate-limit.js';

/**
 * Where a request came from, as far as the server can tell: the second argument of the
 * handler. Other keys are ignored, so that the handler can be exported as a framework's
 * route as it is (Next.js passes `{ params }` there).
 */
export interface HandlerContext {
  /**
   * The client's IP address. `toNodeHandler` fills it in from the socket, or with
   * `trustProxy` from the first address of `X-Forwarded-For` (the socket is the proxy's).
   */
  clientAddress?: string;
  [other: string]: unknown;
}

/**
 * Time as the handler reads and waits for it: the idempotency hold and TTL, the wait for a
 * key another process holds, the rate-limit windows. Real time by default; a test gives
 * one it turns by hand, so that a 60 s hold takes no 60 s.
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock. */
  sleep(ms: number): Promise<void>;
}

/** The default `Clock`: `Date.now` and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The merchant's hook, called with the validated body before the link is created: set
 * the amount and description from the merchant's own catalogue (never trust a price
 * from the browser), add an account reference, or throw a `PaymentLinkError` to refuse.
 * Return the body to send (or nothing, to send `input` as it is, changed or not). What it
 * returns must pass the shared schema as it is (without amount bounds), already
 * normalised; anything else is answered with a 500 `configuration_error` and reported.
 */
export type PrepareHook = (
  input: PaymentRequest,
  request: Request,
) => PaymentRequest | undefined | Promise<PaymentRequest | undefined>;

export interface PaymentLinkHandlerOptions {
  /** The Almara client; or give `baseUrl` and `credentials` and one is made. */
  client?: Pick<AlmaraPayClient, 'createPaymentLink'>;
  /** The Almara API's base URL, when no `client` is given. */
  baseUrl?: string;
  /** The Almara credentials, when no `client` is given. */
  credentials?: AlmaraCredentials;
  /** The merchant's Almara short code, added to every link. Required. */
  shortCode: string;
  /**
   * Origins of pages on other sites that may call the handler (CORS). The handler's own
   * origin always may. `*` allows any page (no CSRF protection: only for public widgets).
   */
  allowedOrigins?: readonly string[];
  /**
   * The site's own public origin (`https://shop.example`), for when the handler cannot see
   * it: pages there are always allowed. Rarely needed: browsers say `Sec-Fetch-Site:
   * same-origin` for the handler's own pages, and that is believed first.
   */
  publicOrigin?: string;
  /**
   * Behind a proxy that sets them: take the site's own origin from `X-Forwarded-Proto` and
   * `X-Forwarded-Host`, and the payer's address (for `rateLimit`) from the first address of
   * `X-Forwarded-For`. Only behind such a proxy: otherwise any client could claim any origin
   * or address. (`toNodeHandler` has the same option for the URL it builds.)
   */
  trustProxy?: boolean;
  /** Allow cross-origin calls with cookies (`credentials: 'include'` on the element). */
  allowCredentials?: boolean;
  /** Where payers return after paying, when the page sets no `redirection-site`. */
  redirectionSite?: string;
  /** Origins a page's `redirection-site` may name. Default: only `redirectionSite` itself. */
  allowedRedirects?: readonly string[];
  prepare?: PrepareHook;
  /**
   * Where idempotency keys are remembered. Default: in memory, 10 000 keys, this process only;
   * several processes share one, e.g. `redisIdempotencyStore` of `almara-pay-link/server/redis`.
   */
  store?: IdempotencyStore;
  /** How long a key's link (or Almara's refusal of its body) is remembered, in ms. Default 24 hours. */
  idempotencyTtl?: number;
  /**
   * How long, in ms, an answer of unknown outcome is repeated to retries with the same key:
   * Almara may have made the link (no answer in time, a reset once the request was sent, a
   * 5xx, a 2xx that could not be used), and a retry at once could make a second one. A
   * link that Almara answers late, within the hold, replaces it. After the hold a new try
   * goes upstream. Default 60 s (longer than the element's retries); 0: no hold.
   */
  idempotencyHold?: number;
  /**
   * Milliseconds from a request's arrival to its answer, all upstream calls included (the
   * token request, the create, the refresh and second create after a 401): each gets what
   * is left, on `clock`. At the deadline the payer gets 504 `upstream_timeout`; a create
   * Almara already has goes on (for up to the client's `timeout` more) and the link it
   * makes is kept under the key for the next try. Default 10 s, well under the element's 15 s.
   */
  deadline?: number;
  /** A per-client budget of requests; off by default. Its `store` shares it between processes. */
  rateLimit?: RateLimitOptions;
  /** Bounds on the amount, on top of the schema's "more than zero, two decimals". */
  amountBounds?: AmountBounds;
  /**
   * The language of the messages sent back to the payer when the request's `Accept-Language`
   * (which the element sends: its own language) names none of ours (`en`, `sw`). Default `en`.
   */
  language?: Language;
  /** Where failures are reported (upstream errors, thrown `prepare` errors). Default `console.error`. */
  onError?: (error: unknown, request: Request) => void;
  /**
   * Told of each page refused for its origin (403 `origin_not_allowed`), with a line naming
   * the Origin seen, the origin the handler took for its own and the option that would allow
   * it. Default: `console.warn`, once per distinct line. Not a failure: `onError` is not told.
   */
  onRefused?: (error: OriginNotAllowedError, request: Request) => void;
  /**
   * The clock of the idempotency hold and TTL (in the default store), of the wait for a key
   * another process holds, of `rateLimit`, and of what is left of the `deadline` (its timers
   * are the client's own, in real time). Default: real time.
   */
  clock?: Clock;
}
