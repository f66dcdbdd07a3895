/**
 * Why a creation failed, decided in one place: the answer the browser gets (a stable code
 * and a sentence for the payer) and what the Idempotency-Key keeps of it. Status codes,
 * bodies, tokens and messages from upstream stay in the logs.
 */
import type { Strings } from '../../messages/strings.js';
import { errorAnswer } from '../http/answer.js';
import { PaymentLinkError } from '../http/payment-link-error.js';
import type { FailedCreation, Remember } from '../idempotency/runner.js';
import { AlmaraApiError } from './errors.js';

/**
 * A thrown error as an answer and what its key keeps. The key keeps something only when
 * Almara was asked to create and may have acted (see `Remember`):
 *
 * | error                                     | answer                          | key keeps  |
 * | ----------------------------------------- | ------------------------------- | ---------- |
 * | `PaymentLinkError` (the merchant refused) | its own status, code, message   | nothing    |
 * | `timeout`                                 | 504 `upstream_timeout`          | unknown¹   |
 * | `invalid_response` (a 2xx we cannot use)  | 502 `upstream_invalid_response` | unknown¹   |
 * | `http` 4xx but 401, 408, 429              | 502 `upstream_error`            | refusal¹   |
 * | `http` 5xx, 401, 408, 429                 | 502 `upstream_error`            | nothing    |
 * | `network`                                 | 502 `upstream_unreachable`      | nothing    |
 * | `invalid_request` (refused before sent)   | 500 `configuration_error`       | nothing    |
 * | anything else (a bug)                     | 500 `internal_error`            | nothing    |
 *
 * ¹ on the create call; the same failure of the token request (the create call was never
 * made) or of another call keeps nothing.
 */
export function classifyFailure(error: unknown, strings: Strings): FailedCreation {
  if (error instanceof PaymentLinkError) {
    return { answer: errorAnswer(error.status, error.code, error.message, error.fields), remember: 'nothing' };
  }
  if (!(error instanceof AlmaraApiError)) {
    return { answer: errorAnswer(500, 'internal_error', strings.serverError), remember: 'nothing' };
  }
  const onCreate = (remember: Remember): Remember => (error.operation === 'create' ? remember : 'nothing');
  switch (error.kind) {
    case 'timeout':
      return { answer: errorAnswer(504, 'upstream_timeout', strings.timeout), remember: onCreate('unknown') };
    case 'invalid_response':
      return {
        answer: errorAnswer(502, 'upstream_invalid_response', strings.serverError),
        remember: onCreate('unknown'),
      };
    case 'http':
      return {
        answer: errorAnswer(502, 'upstream_error', strings.serverError),
        remember: isRefusal(error.status) ? onCreate('refusal') : 'nothing',
      };
    case 'network':
      return { answer: errorAnswer(502, 'upstream_unreachable', strings.serverError), remember: 'nothing' };
    case 'invalid_request':
      return { answer: errorAnswer(500, 'configuration_error', strings.misconfigured), remember: 'nothing' };
  }
}

/**
 * A 4xx says the same body would be refused again; not 401 (the client already refreshed
 * the token once: credentials), 408 or 429 (a busy API: a later try may pass).
 */
function isRefusal(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}
