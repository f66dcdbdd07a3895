import type { AlmaraPayStatus } from '../almara-pay-status.js';

/**
 * `<almara-pay-status>`'s properties a framework template may set, for the JSX (React 19),
 * Vue and Svelte declarations: everything of contract §6 that is a property, all optional.
 * Not `status` nor `link`, which the element sets; `lang` is the usual HTML attribute.
 */
export type AlmaraPayStatusProperties = Partial<
  Pick<AlmaraPayStatus, 'endpoint' | 'linkId' | 'pollFor' | 'retryUrl' | 'credentials' | 'headers' | 'strings'>
>;
