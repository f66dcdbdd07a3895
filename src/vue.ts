/**
 * almara-pay-link/vue: types for `<almara-pay-link>` in Vue 3 templates (Volar / vue-tsc),
 * through `GlobalComponents`. Import it once, for its types:
 *
 * ```ts
 * import type {} from 'almara-pay-link/vue';
 * ```
 *
 * Vue must also be told the tag is a custom element (`isCustomElement`), so that it binds
 * `:amount`, `:headers` and `:strings` as properties and `@almara-pay-link-success` as a
 * listener of the element's own event; the README shows the Vite config.
 */
import type { DefineSetupFnComponent } from 'vue';
import type { AlmaraPayLinkProperties } from './element-properties.js';
import type { AlmaraPayLinkErrorEvent, AlmaraPayLinkSubmitEvent, AlmaraPayLinkSuccessEvent } from './events.js';

/** The tag's props in a Vue template: its properties and, as `on…` props, its three events. */
export type AlmaraPayLinkVueProps = AlmaraPayLinkProperties & {
  onAlmaraPayLinkSubmit?: (event: AlmaraPayLinkSubmitEvent) => void;
  onAlmaraPayLinkSuccess?: (event: AlmaraPayLinkSuccessEvent) => void;
  onAlmaraPayLinkError?: (event: AlmaraPayLinkErrorEvent) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'almara-pay-link': DefineSetupFnComponent<AlmaraPayLinkVueProps>;
  }
}
