/**
 * almara-pay-link/server: the merchant's backend for `<almara-pay-link>` (contract §4).
 * No framework dependency, no secret in the browser; never imports the element.
 *
 * Only what the contract and docs/server.md document: the rest of src/server is free to
 * change, and tests reach it by relative imports.
 */
export { createPaymentLinkHandler, type PaymentLinkHandler } from './http/handler.js';
export {
  createPaymentStatusHandler,
  type PaymentStatus,
  type PaymentStatusHandler,
  type PaymentStatusHandlerOptions,
} from './http/status-handler.js';
export type { Clock, HandlerContext, PaymentLinkHandlerOptions, PrepareHook } from './http/options.js';
export { toNodeHandler, type FetchHandler, type NodeHandler, type NodeHandlerOptions } from './http/node-handler.js';
export { PaymentLinkError, type PaymentLinkErrorOptions } from './http/payment-link-error.js';
export { requestLanguage } from './http/request-language.js';
export type { Language } from '../messages/index.js';
export { OriginNotAllowedError } from './http/origins.js';
export type { RateLimitHit, RateLimitOptions, RateLimitStore } from './http/rate-limit.js';
export {
  AlmaraPayClient,
  type AlmaraPayClientOptions,
  type CallOptions,
  type CreatedPaymentLink,
} from './almara/client.js';
export { AlmaraApiError, type AlmaraFailure, type AlmaraOperation } from './almara/errors.js';
export {
  PAYMENT_LINK_STATUSES,
  REDIRECT_ID_PARAM,
  type AccessToken,
  type AlmaraApiAssumptions,
  type AlmaraCredentials,
  type ApiRequest,
  type PaymentLink,
  type PaymentLinkChanges,
  type PaymentLinkStatus,
} from './almara/assumptions.js';
export type { CreatePaymentLinkBody } from './almara/fields.js';
export type {
  CompletedIdempotencyRecord,
  IdempotencyRecord,
  IdempotencyStore,
  IdempotentFailure,
  IdempotentLink,
} from './idempotency/store.js';
export { MemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './idempotency/memory-store.js';
export type { PaymentRequest } from '../schema.js';
