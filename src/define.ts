/**
 * The package's one side effect: registers `<almara-pay-link>`. Loading the element twice
 * (a CMS page with the snippet pasted twice, the CDN file beside an npm copy) keeps the
 * first definition: quietly when it is the same version, which renders the same form; with
 * a console warning when it is another one, whose form and events may differ from what the
 * page was written for. Outside a browser (a server-rendering build step) it does nothing,
 * even where Lit's server build has put a stand-in `customElements` registry on globalThis:
 * there is no `window` there.
 *
 * Importing it alone also brings the element's types: the tag in `HTMLElementTagNameMap`
 * and its events in the global event maps (events.ts, re-exported below).
 */
import { AlmaraPayLink } from './almara-pay-link.js';

export const TAG_NAME = 'almara-pay-link';

if (typeof window !== 'undefined') {
  const owner = customElements.get(TAG_NAME) as { version?: string } | undefined;
  if (!owner) {
    // The literal, not TAG_NAME: the manifest analyzer reads the tag name from this call.
    customElements.define('almara-pay-link', AlmaraPayLink);
  } else if (owner.version !== AlmaraPayLink.version) {
    console.warn(`${TAG_NAME} ${AlmaraPayLink.version}: the tag is taken (by ${owner.version})`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'almara-pay-link': AlmaraPayLink;
  }
}

export { AlmaraPayLink };
export {
  AlmaraPayLinkErrorEvent,
  AlmaraPayLinkSubmitEvent,
  AlmaraPayLinkSuccessEvent,
  type AlmaraPayLinkErrorDetail,
  type AlmaraPayLinkSubmitDetail,
  type AlmaraPayLinkSuccessDetail,
} from './events.js';
