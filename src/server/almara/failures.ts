/**
 * A failed Almara call, as the browser may see it: a stable code and a sentence for the
 * payer. Status codes, bodies, tokens and messages from upstream stay in the logs.
 */
import type { Strings } from '../../messages/strings.js';
import type { AlmaraApiError } from './errors.js';
import { errorAnswer, type Answer } from '../http/answer.js';

/**
 * - `upstream_timeout` (504): Almara did not answer in time;
 * - `upstream_unreachable` (502): no connection to Almara;
 * - `upstream_invalid_response` (502): Almara answered something we cannot use;
 * - `upstream_error` (502): Almara refused or failed (any non-2xx, 401 after one refresh too);
 * - `configuration_error` (500): the body broke the documented rules before it was sent.
 */
export function upstreamAnswer(error: AlmaraApiError, strings: Strings): Answer {
  switch (error.kind) {
    case 'timeout':
      return errorAnswer(504, 'upstream_timeout', strings.timeout);
    case 'network':
      return errorAnswer(502, 'upstream_unreachable', strings.serverError);
    case 'invalid_response':
      return errorAnswer(502, 'upstream_invalid_response', strings.serverError);
    case 'invalid_request':
      return errorAnswer(500, 'configuration_error', strings.misconfigured);
    case 'http':
      return errorAnswer(502, 'upstream_error', strings.serverError);
  }
}

/**
 * What a failed create leaves behind upstream, which decides whether the element's retry
 * (same Idempotency-Key) may call Almara again:
 * - `refused`: Almara answered the create call with a 4xx: the same body would be refused
 *   again. Not 401 (the client already refreshed the token once: credentials), 408 or 429
 *   (a busy API: a later try may pass).
 * - `unknown`: Almara may have created the link: the create call timed out, or a 2xx came
 *   back that we could not use (not JSON, no id, a url no payer may be sent to).
 * - `none`: nothing was created: Almara failed (5xx), could not be reached, the token
 *   request failed (the create call was never made), or the body was refused before sending.
 */
export function createEffect(error: AlmaraApiError): 'refused' | 'unknown' | 'none' {
  if (error.operation !== 'create') return 'none';
  switch (error.kind) {
    case 'timeout':
    case 'invalid_response':
      return 'unknown';
    case 'http': {
      const status = error.status ?? 0;
      const transient = status === 401 || status === 408 || status === 429;
      return status >= 400 && status < 500 && !transient ? 'refused' : 'none';
    }
    case 'network':
    case 'invalid_request':
      return 'none';
  }
}
