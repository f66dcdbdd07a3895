/**
 * almara-pay-link/status/define: registers `<almara-pay-status>`, as define.ts registers the
 * form: the first definition is kept, quietly when it is the same version, with a console
 * warning when it is another one; outside a browser it does nothing. The status element's
 * one side effect, apart from the form's, so that a thank-you page loads no form and a form's
 * page no status element.
 *
 * Importing it alone also brings the element's types: the tag in `HTMLElementTagNameMap` and
 * its event in the global event maps.
 */
import { AlmaraPayStatus } from '../almara-pay-status.js';

export const STATUS_TAG_NAME = 'almara-pay-status';

if (typeof window !== 'undefined') {
  const owner = customElements.get(STATUS_TAG_NAME) as { version?: string } | undefined;
  if (!owner) {
    // The literal, not STATUS_TAG_NAME: the manifest analyzer reads the tag name from this call.
    customElements.define('almara-pay-status', AlmaraPayStatus);
  } else if (owner.version !== AlmaraPayStatus.version) {
    console.warn(`${STATUS_TAG_NAME} ${AlmaraPayStatus.version}: the tag is taken (by ${owner.version})`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'almara-pay-status': AlmaraPayStatus;
  }
}

export { AlmaraPayStatus };
export { AlmaraPayStatusChangeEvent, type AlmaraPayStatusChangeDetail } from './status-event.js';
