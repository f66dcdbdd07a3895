/**
 * A refusal worded for the payer. A merchant's `prepare` throws it to turn a request
 * away ("this product is sold out"); the handler answers with its status, code,
 * message and field messages, as contract §3 describes. Any other error thrown there
 * becomes a plain 500 whose details stay in the server's logs.
 */
import type { RequestField } from '../../schema.js';

export interface PaymentLinkErrorOptions {
  /** 4xx or 5xx; default 400. */
  status?: number;
  /** A stable, machine-readable code; default `refused`. */
  code?: string;
  /** Messages beside the payer's fields. */
  fields?: Partial<Record<RequestField, string>>;
}

export class PaymentLinkError extends Error {
  override readonly name = 'PaymentLinkError';
  readonly status: number;
  readonly code: string;
  readonly fields: Partial<Record<RequestField, string>> | undefined;

  /** `message` is shown to the payer as it is. */
  constructor(message: string, options: PaymentLinkErrorOptions = {}) {
    super(message);
    const status = options.status ?? 400;
    // Anything but an error status would tell the element the link was made.
    this.status = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
    this.code = options.code ?? 'refused';
    this.fields = options.fields;
  }
}
