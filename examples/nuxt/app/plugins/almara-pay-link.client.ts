// Defines <almara-pay-link> in the browser only, before the app hydrates.
import 'almara-pay-link/define';
import type {} from 'almara-pay-link/vue'; // the tag's props and events in templates

export default defineNuxtPlugin(() => {});
