/**
 * Why a call to the Almara API failed. It is for the merchant's logs: the handler turns
 * it into a stable code for the browser and never passes on its message or detail.
 */

/** Which call failed. */
export type AlmaraOperation = 'token' | 'create' | 'find' | 'update';

/**
 * - `timeout`: no complete answer in time;
 * - `network`: no answer at all (refused, reset, DNS);
 * - `http`: a non-2xx answer (see `status`);
 * - `invalid_response`: a 2xx answer whose body is not what we expect (not JSON, not a
 *   link, cut off, or larger than the client reads);
 * - `invalid_request`: refused before sending, the body breaks the documented rules.
 */
export type AlmaraFailure = 'timeout' | 'network' | 'http' | 'invalid_response' | 'invalid_request';

export interface AlmaraApiErrorOptions {
  status?: number;
  /**
   * The start of the response body, for logs. Dropped for the token request: its body may
   * be the token itself (a 2xx answer that is not JSON could be a bare token).
   */
  detail?: string;
  /** See `AlmaraApiError.sent`. Default: false for `invalid_request`, true for the rest. */
  sent?: boolean;
  cause?: unknown;
}

export class AlmaraApiError extends Error {
  override readonly name = 'AlmaraApiError';
  readonly operation: AlmaraOperation;
  readonly kind: AlmaraFailure;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  /**
   * Whether the request may have reached Almara, and so may have been acted on. False only
   * when it provably did not: refused before sending, the connection refused or the host
   * not found, or no time left to send it. A reset, a timeout once sent and any answer
   * count as sent, since nothing in them tells that Almara did nothing.
   */
  readonly sent: boolean;

  constructor(operation: AlmaraOperation, kind: AlmaraFailure, message: string, options: AlmaraApiErrorOptions = {}) {
    super(`Almara ${operation}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = operation;
    this.kind = kind;
    this.status = options.status;
    // A last line of defence: whoever builds the error, no token-response text reaches a log.
    this.detail = operation === 'token' ? undefined : options.detail;
    this.sent = options.sent ?? kind !== 'invalid_request';
  }
}
