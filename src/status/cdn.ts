// The status CDN file's entry (dist/cdn/almara-pay-status.js): a classic script that defines
// <almara-pay-status> and leaves no global behind. As src/cdn.ts, vite.config.ts keeps it whole.
import './define.js';
