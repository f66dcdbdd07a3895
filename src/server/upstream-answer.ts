/**
 * A failed Almara call, as the browser may see it: a stable code and a sentence for the
 * payer. Status codes, bodies, tokens and messages from upstream stay in the logs.
 */
import type { Strings } from '../messages/strings.js';
import type { AlmaraApiError } from './almara-error.js';
import { errorAnswer, type Answer } from './answer.js';

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
