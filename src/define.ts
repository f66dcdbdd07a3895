/**
 * The package's one side effect: registers `<almara-pay-link>`. Importing it twice, or
 * loading the CDN script next to an npm copy, leaves the first definition in place.
 * Outside a browser (a server-rendering build step) it does nothing.
 */
import { AlmaraPayLink } from './almara-pay-link.js';

export const TAG_NAME = 'almara-pay-link';

if (typeof customElements !== 'undefined') {
  const existing = customElements.get(TAG_NAME);
  if (!existing) {
    customElements.define(TAG_NAME, AlmaraPayLink);
  } else if (existing !== AlmaraPayLink) {
    console.warn(`<${TAG_NAME}> was already defined by another copy`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'almara-pay-link': AlmaraPayLink;
  }
}

export { AlmaraPayLink };
