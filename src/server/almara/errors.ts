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
 * - `invalid_response`: a 2xx answer whose body is not what we expect;
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
  cause?: unknown;
}

export class AlmaraApiError extends Error {
  override readonly name = 'AlmaraApiError';
  readonly operation: AlmaraOperation;
  readonly kind: AlmaraFailure;
  readonly status: number | undefined;
  readonly detail: string | undefined;

  constructor(operation: AlmaraOperation, kind: AlmaraFailure, message: string, options: AlmaraApiErrorOptions = {}) {
    super(`Almara ${operation}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.operation = operation;
    this.kind = kind;
    this.status = options.status;
    // A last line of defence: whoever builds the error, no token-response text reaches a log.
    this.detail = operation === 'token' ? undefined : options.detail;
  }
}
