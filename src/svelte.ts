/**
 * almara-pay-link/svelte: types for `<almara-pay-link>` and `<almara-pay-status>` in Svelte 5
 * templates (svelte-check), through `svelte/elements`. Import it once, for its types:
 *
 * ```ts
 * import type {} from 'almara-pay-link/svelte';
 * ```
 *
 * Svelte sets a custom element's known names as properties, so give them in camelCase
 * (`accountReference={ref}`, `headers={{ … }}`), and hears its events as `on` + the event's
 * name: `onalmara-pay-link-success={(event) => …}`, `onalmara-pay-status-change={(event) => …}`,
 * with the event typed.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { AlmaraPayLink } from './almara-pay-link.js';
import type { AlmaraPayLinkProperties } from './element-properties.js';
import type { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from './events.js';
import type { AlmaraPayStatus } from './almara-pay-status.js';
import type { AlmaraPayStatusChangeEvent } from './status/status-event.js';
import type { AlmaraPayStatusProperties } from './status/status-properties.js';

/** What a Svelte template may set on the tag: the usual HTML attributes, its properties and its events. */
export type AlmaraPayLinkSvelteProps = Omit<HTMLAttributes<AlmaraPayLink>, keyof AlmaraPayLinkProperties> &
  AlmaraPayLinkProperties & {
    'onalmara-pay-link-submit'?: (event: AlmaraPayLinkSubmitEvent) => void;
    'onalmara-pay-link-success'?: (event: AlmaraPayLinkSuccessEvent) => void;
    'onalmara-pay-link-error'?: (event: AlmaraPayLinkErrorEvent) => void;
  };

/** What a Svelte template may set on `<almara-pay-status>`: the usual HTML attributes, its properties and its event. */
export type AlmaraPayStatusSvelteProps = Omit<HTMLAttributes<AlmaraPayStatus>, keyof AlmaraPayStatusProperties> &
  AlmaraPayStatusProperties & {
    'onalmara-pay-status-change'?: (event: AlmaraPayStatusChangeEvent) => void;
  };

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'almara-pay-link': AlmaraPayLinkSvelteProps;
    'almara-pay-status': AlmaraPayStatusSvelteProps;
  }
}
