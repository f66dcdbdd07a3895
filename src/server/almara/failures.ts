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
 * Almara was asked to create and may have acted (see `Remember`): whatever the create
 * call's failure, unless it provably never reached Almara (`sent` false) or Almara's
 * answer says it did nothing (401, 408, 429, 3xx).
 *
 * | error                                                   | answer                          | key keeps  |
 * | ------------------------------------------------------- | ------------------------------- | ---------- |
 * | `PaymentLinkError` (the merchant refused)               | its own status, code, message   | nothing    |
 * | `timeout` (sent, no answer in time)                     | 504 `upstream_timeout`          | unknown¹   |
 * | `invalid_response` (a 2xx we cannot use: cut, too long) | 502 `upstream_invalid_response` | unknown¹   |
 * | `http` 5xx                                              | 502 `upstream_error`            | unknown¹   |
 * | `http` 4xx but 401, 408, 429                            | 502 `upstream_error`            | refusal¹   |
 * | `http` 401, 408, 429, 3xx                               | 502 `upstream_error`            | nothing    |
 * | `network` (sent: reset or closed once written)          | 502 `upstream_unreachable`      | unknown¹   |
 * | `network`, not sent (refused, host not found)           | 502 `upstream_unreachable`      | nothing    |
 * | `timeout`, not sent (no time left to send)              | 504 `upstream_timeout`          | nothing    |
 * | `invalid_request` (refused before sent)                 | 500 `configuration_error`       | nothing    |
 * | anything else (a bug)                                   | 500 `internal_error`            | nothing    |
 *
 * ¹ on the create call; the same failure of the token request (the create call was never
 * made, or was refused unread with a 401) or of another call keeps nothing.
 */
export function classifyFailure(error: unknown, strings: Strings): FailedCreation {
  if (error instanceof PaymentLinkError) {
    return { answer: errorAnswer(error.status, error.code, error.message, error.fields), remember: 'nothing' };
  }
  if (!(error instanceof AlmaraApiError)) {
    return { answer: errorAnswer(500, 'internal_error', strings.serverError), remember: 'nothing' };
  }
  const onCreate = (remember: Remember): Remember =>
    error.operation === 'create' && error.sent ? remember : 'nothing';
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
        remember: onCreate(afterHttp(error.status)),
      };
    case 'network':
      return { answer: errorAnswer(502, 'upstream_unreachable', strings.serverError), remember: onCreate('unknown') };
    case 'invalid_request':
      return { answer: errorAnswer(500, 'configuration_error', strings.misconfigured), remember: 'nothing' };
  }
}

/**
 * What a non-2xx answer to a create leaves at Almara. A 4xx says the same body would be
 * refused again; not 401 (the client already refreshed the token once: credentials), 408
 * or 429 (a busy API: a later try may pass), which like a 3xx say that nothing was made.
 * A 5xx says nothing of the kind: the link may have been made before the failure.
 */
function afterHttp(status: number | undefined): Remember {
  if (status === undefined || status >= 500) return 'unknown';
  if (status === 401 || status === 408 || status === 429 || status < 400) return 'nothing';
  return 'refusal';
}
