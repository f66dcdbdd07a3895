// The CDN file's entry: a classic script that defines the tag and leaves no global behind.
// vite.config.ts (`keepRegistration`) tells the bundler that it has side effects: package.json's
// `sideEffects` names the published files only, not these sources.
import './define.js';
