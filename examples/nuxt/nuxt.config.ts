export default defineNuxtConfig({
  compatibilityDate: '2026-12-01',
  devtools: { enabled: false },
  telemetry: false,
  // <almara-pay-link> is a custom element, not a Vue component: Vue then binds `:amount` as a
  // property and `@almara-pay-link-submit` as a listener of the element's own event.
  vue: { compilerOptions: { isCustomElement: (tag) => tag === 'almara-pay-link' } },
  nitro: { preset: 'node-server' },
});
