/**
 * almara-pay-link/vue: types for `<almara-pay-link>` and `<almara-pay-status>` in Vue 3
 * templates (Volar / vue-tsc), through `GlobalComponents`. Import it once, for its types:
 *
 * ```ts
 * import type {} from 'almara-pay-link/vue';
 * ```
 *
 * Vue must also be told the tags are custom elements (`isCustomElement`), so that it binds
 * `:amount`, `:headers` and `:strings` as properties and `@almara-pay-link-success` (or
 * `@almara-pay-status-change`) as a listener of the element's own event; the README shows the
 * Vite config.
 */
import type { DefineSetupFnComponent } from 'vue';
import type { AlmaraPayLinkProperties } from './element-properties.js';
import type { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from './events.js';
import type { AlmaraPayStatusChangeEvent } from './status/status-event.js';
import type { AlmaraPayStatusProperties } from './status/status-properties.js';

/** The tag's props in a Vue template: its properties and, as `on…` props, its three events. */
export type AlmaraPayLinkVueProps = AlmaraPayLinkProperties & {
  onAlmaraPayLinkSubmit?: (event: AlmaraPayLinkSubmitEvent) => void;
  onAlmaraPayLinkSuccess?: (event: AlmaraPayLinkSuccessEvent) => void;
  onAlmaraPayLinkError?: (event: AlmaraPayLinkErrorEvent) => void;
};

/** `<almara-pay-status>`'s props in a Vue template: its properties and, as `onAlmaraPayStatusChange`, its event. */
export type AlmaraPayStatusVueProps = AlmaraPayStatusProperties & {
  onAlmaraPayStatusChange?: (event: AlmaraPayStatusChangeEvent) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'almara-pay-link': DefineSetupFnComponent<AlmaraPayLinkVueProps>;
    'almara-pay-status': DefineSetupFnComponent<AlmaraPayStatusVueProps>;
  }
}
