/**
 * The call to the merchant backend (contract §3): one POST per attempt, a timeout per
 * attempt, and at most two retries of the failures a retry can cure, all with the same
 * Idempotency-Key so that a backend which already created the link answers with the
 * same one. No DOM: it runs wherever `fetch` does.
 */
import type { PaymentRequest, RequestField } from './schema.js';
import { errorResponseSchema, paymentLinkResponseSchema } from './schema.js';
import { isSafePaymentUrl } from './safe-url.js';

/** Failure kinds the element words itself; any other code is the backend's own. */
export type LocalErrorCode = 'validation_failed' | 'network_error' | 'timeout' | 'invalid_response';

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
  /** Milliseconds per attempt. */
  timeout: number;
  /** Waits before each retry; its length is the number of retries. Default: `submitDefaults.retryDelays`. */
  retryDelays?: readonly number[];
  /** The clock the waits between attempts run on. Default: `setTimeout`. */
  wait?: (ms: number) => Promise<void>;
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
}

/** About 0.5 s, then 1.5 s: long enough for a restarting backend, short for a waiting payer. */
export const RETRY_DELAYS: readonly number[] = [500, 1500];

/**
 * What every submission of the page uses unless told otherwise, read when it starts: a
 * test sets `retryDelays` to `[0, 0]` (and puts it back) to see retries without waiting.
 */
export const submitDefaults: { retryDelays: readonly number[] } = { retryDelays: RETRY_DELAYS };

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * POSTs `body` under `idempotencyKey`, retrying what a retry can cure, asking for answers
 * in `language` (the element's own: `en`, `sw`).
 */
export async function postPaymentRequest(
  body: PaymentRequest,
  idempotencyKey: string,
  settings: SubmitSettings,
  language = 'en',
): Promise<SubmitResult> {
  const delays = settings.retryDelays ?? submitDefaults.retryDelays;
  for (let attempt = 0; ; attempt++) {
    const [result, retryable] = await attemptOnce(body, idempotencyKey, settings, language);
    if (!retryable || attempt >= delays.length) return result;
    await (settings.wait ?? sleep)(delays[attempt]!);
  }
}

/** One POST; true beside the result when another attempt may cure it (network, timeout, 502/503/504). */
async function attemptOnce(
  request: PaymentRequest,
  idempotencyKey: string,
  settings: SubmitSettings,
  language: string,
): Promise<[SubmitResult, boolean]> {
  // Reading the body counts against the timeout too: a backend may stall mid-answer.
  const signal = AbortSignal.timeout(settings.timeout);
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
    const response = await (settings.fetch ?? fetch)(settings.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      credentials: settings.credentials,
      signal,
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: a proxy's HTML error page, say. Judged by the status alone.
    }
    const { status } = response;
    if (response.ok) {
      const link = paymentLinkResponseSchema.safeParse(body).data;
      return [
        link && isSafePaymentUrl(link.url) ? { ok: true, ...link } : { ok: false, code: 'invalid_response', status },
        false,
      ];
    }
    const error = errorResponseSchema.safeParse(body).data?.error;
    // 502, 503 and 504: a proxy or a restarting backend, which a moment may cure.
    return [{ ...error, ok: false, code: error?.code || `http_${status}`, status }, status > 501 && status < 505];
  } catch {
    return [{ ok: false, code: signal.aborted ? 'timeout' : 'network_error' }, true];
  }
}
