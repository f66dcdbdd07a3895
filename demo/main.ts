// The demo shop's one script: it defines <almara-pay-link> from the source, as a merchant's
// bundle would from the package (`import 'almara-pay-link/define'`).
import '../src/define.js';
