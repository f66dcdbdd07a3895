/**
 * The package's one side effect: registers `<almara-pay-link>`. Loading it twice (a CMS
 * page with the snippet pasted twice, the CDN file beside an npm copy) keeps the first
 * definition, quietly: both copies render the same form, so there is nothing to warn of.
 * Outside a browser (a server-rendering build step) it does nothing, even where Lit's
 * server build has put a stand-in `customElements` registry on globalThis: there is no
 * `window` there.
 */
import { AlmaraPayLink } from './almara-pay-link.js';

export const TAG_NAME = 'almara-pay-link';

if (typeof window !== 'undefined' && !customElements.get(TAG_NAME)) {
  // The literal, not TAG_NAME: the manifest analyzer reads the tag name from this call.
  customElements.define('almara-pay-link', AlmaraPayLink);
}

declare global {
  interface HTMLElementTagNameMap {
    'almara-pay-link': AlmaraPayLink;
  }
}

export { AlmaraPayLink };
