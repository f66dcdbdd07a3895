/**
 * almara-pay-link/status: the `<almara-pay-status>` element for the thank-you page, its event,
 * and the reading of a status answer. Importing this entry defines the tag in a browser;
 * elsewhere (server rendering) it only exports.
 */
import './define.js';

export { AlmaraPayStatus, STATUS_REQUEST_TIMEOUT_MS, type StatusView } from '../almara-pay-status.js';
export { STATUS_TAG_NAME } from './define.js';
export { AlmaraPayStatusChangeEvent, STATUS_CHANGE_EVENT, type AlmaraPayStatusChangeDetail } from './status-event.js';
export { readStatusAnswer, type PaymentStatusAnswer } from './status-schema.js';
export { POLL_FOR_MS, pollDelay } from './polling.js';
export type { StatusStrings } from '../messages/index.js';
