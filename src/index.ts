/**
 * almara-pay-link: the `<almara-pay-link>` element, its event types, and the request
 * schema it shares with the server module. Importing this entry defines the tag in a
 * browser; elsewhere (server rendering) it only exports.
 */
import './define.js';

export { AlmaraPayLink, type PaymentState, type PaymentTarget } from './almara-pay-link.js';
export { TAG_NAME } from './define.js';
export {
  AlmaraPayLinkErrorEvent,
  AlmaraPayLinkSubmitEvent,
  AlmaraPayLinkSuccessEvent,
  ERROR_EVENT,
  SUBMIT_EVENT,
  SUCCESS_EVENT,
  type AlmaraPayLinkErrorDetail,
  type AlmaraPayLinkSubmitDetail,
  type AlmaraPayLinkSuccessDetail,
} from './events.js';
export type { PaymentNavigator, PendingWindow } from './navigator.js';
export { en, sw, type Language, type Strings } from './messages/index.js';
export {
  createPaymentRequestSchema,
  paymentRequestSchema,
  type AmountBounds,
  type PaymentRequest,
  type PaymentRequestInput,
} from './schema.js';
export { normalizePhone } from './phone.js';
export { formatMoney, parseAmount } from './money.js';
export { isSafePaymentUrl } from './safe-url.js';
