// The Vue demo. The tag is defined before the app mounts, so that Vue sees the element's
// properties and binds `:amount`, `:headers` and `:strings` as properties, not attributes.
// In an app: import 'almara-pay-link/define';
import '../../src/define.js';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
