/**
 * The call to the merchant backend (contract §3): one POST per attempt and at most two
 * retries of the failures a retry can cure, all with the same Idempotency-Key (so that a
 * backend which already created the link answers with the same one) and all within one
 * deadline for the whole submission. No DOM: it runs wherever `fetch` does.
 */
import type { PaymentRequest, RequestField } from './schema.js';
import { errorResponseSchema, paymentLinkResponseSchema } from './schema.js';
import { realClock, type Clock } from './clock.js';
import { isSafePaymentUrl } from './safe-url.js';

export type { Clock };

/** Failure kinds the element words itself; any other code is the backend's own. */
export type LocalErrorCode = 'validation_failed' | 'network_error' | 'timeout' | 'invalid_response' | 'cancelled';

export interface SubmitFailure {
  ok: false;
  /** One of {@link LocalErrorCode}, the backend's `error.code`, or `http_<status>`. */
  code: string;
  /** The backend's own `error.message`, when it sent one. */
  message?: string;
  /** The backend's messages per request field, when it sent them. */
  fields?: Partial<Record<RequestField, string>>;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
}

export interface SubmitSuccess {
  ok: true;
  url: string;
  id: string;
}

export type SubmitResult = SubmitSuccess | SubmitFailure;

/** How to reach the backend: the element passes itself, whose properties have these names. */
export interface SubmitSettings {
  endpoint: string;
  headers?: Record<string, string>;
  /** Default: fetch's own, `same-origin`. */
  credentials?: RequestCredentials;
  /** Milliseconds for the whole submission: every attempt, every answer's body, every pause. */
  timeout: number;
  /** Pauses before each retry, before jitter; its length is the number of retries. Default: `submitDefaults.retryDelays`. */
  retryDelays?: readonly number[];
  /** Default: `submitDefaults.clock`. */
  clock?: Clock;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
}

/** About 0.5 s, then 1.5 s: long enough for a restarting backend, short for a waiting payer. */
export const RETRY_DELAYS: readonly number[] = [500, 1500];

/**
 * What every submission of the page uses unless told otherwise, read when it starts: a
 * test sets `retryDelays` to `[0, 0]` (and puts it back) to see retries without waiting,
 * or `clock` to a fake one to see the deadline pass without waiting for it.
 */
export const submitDefaults: { retryDelays: readonly number[]; clock: Clock } = {
  retryDelays: RETRY_DELAYS,
  clock: realClock,
};

/**
 * POSTs `body` under `idempotencyKey`, retrying what a retry can cure while the deadline
 * (`settings.timeout`) leaves time for it, asking for answers in `language` (the
 * element's own: `en`, `sw`). Resolves, never rejects: to a `timeout` failure once the
 * deadline passes mid-attempt, to a `cancelled` one as soon as `signal` aborts.
 */
export async function postPaymentRequest(
  body: PaymentRequest,
  idempotencyKey: string,
  settings: SubmitSettings,
  language = 'en',
  signal?: AbortSignal,
): Promise<SubmitResult> {
  const clock = settings.clock ?? submitDefaults.clock;
  const delays = settings.retryDelays ?? submitDefaults.retryDelays;
  const end = clock.now() + settings.timeout;
  // One controller for the whole submission: the deadline and the caller's cancel both end
  // whatever is under way, fetch or body or pause. The listener stays on the caller's
  // signal: a late abort of a finished submission does nothing.
  const controller = new AbortController();
  const stop = controller.signal;
  const abort = () => {
    controller.abort();
  };
  const deadline = clock.setTimeout(abort, settings.timeout);
  signal?.addEventListener('abort', abort);
  if (signal?.aborted) abort();
  // The merchant's headers first, then the element's own set over them: header names are
  // case-insensitive, so spreading objects would send `content-type` and `Content-Type` both.
  const headers = new Headers(settings.headers);
  // The form's language, then English as a browser would put it, so that the backend's
  // sentences match the form around them; the merchant's own value wins (contract §3).
  if (!headers.has('Accept-Language'))
    headers.set('Accept-Language', language == 'en' ? 'en' : language + ', en;q=0.5');
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  headers.set('Idempotency-Key', idempotencyKey);
  try {
    for (let attempt = 0; !stop.aborted; attempt++) {
      let result: SubmitFailure = { ok: false, code: 'network_error' };
      let retryAfter: string | null | undefined;
      try {
        const response = await (settings.fetch ?? fetch)(settings.endpoint, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          credentials: settings.credentials,
          // Reading the body stops at the deadline too: a backend may stall mid-answer.
          signal: stop,
        });
        const text = await response.text();
        let answer: unknown;
        try {
          answer = JSON.parse(text);
        } catch {
          // Not JSON: a proxy's HTML error page, say. Judged by the status alone.
        }
        const { status } = response;
        if (response.ok) {
          const link = paymentLinkResponseSchema.safeParse(answer).data;
          return link && isSafePaymentUrl(link.url)
            ? { ok: true, ...link }
            : { ok: false, code: 'invalid_response', status };
        }
        const error = errorResponseSchema.safeParse(answer).data?.error;
        result = { ...error, ok: false, code: error?.code || `http_${status}`, status };
        retryAfter = response.headers.get('Retry-After');
        // Worth another attempt, as a network error is: 502, 503 and 504 (a proxy or a
        // restarting backend), a first request still under way (a 409, or the 503 of
        // almara-pay-link/server), and anything the backend says to come back to.
        if (!(retryAfter || (status > 501 && status < 505) || result.code == 'idempotency_in_progress')) return result;
      } catch {
        // An abort of the fetch or of its body, by the deadline or the caller: never retried.
        // (Not `stop.aborted`: TypeScript holds it false since the loop's test.)
        if (controller.signal.aborted) break;
      }
      // Retry-After in seconds, or as an HTTP date, replaces the pause; missing, unreadable, zero
      // or past, the usual one, spread out so that the payers of one failing backend come back apart.
      let wait = +retryAfter! * 1e3 || Date.parse(retryAfter!) - clock.now();
      if (!(wait >= 0)) wait = delays[attempt]! * (0.75 + (clock.random?.() ?? Math.random()) / 2);
      // A pause that ends at the deadline or after it would leave no time to try: the failure
      // is answered now, in the backend's own words, rather than as a `timeout` later.
      if (attempt >= delays.length || !(wait < end - clock.now())) return result;
      let timer: unknown;
      await new Promise((resolve) => {
        timer = clock.setTimeout(resolve as () => void, wait);
        stop.addEventListener('abort', resolve);
      });
      clock.clearTimeout(timer);
    }
    return { ok: false, code: signal?.aborted ? 'cancelled' : 'timeout' };
  } finally {
    clock.clearTimeout(deadline);
  }
}
