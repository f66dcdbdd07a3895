/**
 * What the sandbox accepts unless told otherwise. Not secrets: the sandbox moves no
 * money, and `npm start` wires these in so that the demo needs no configuration.
 */
import type { AlmaraCredentials } from '../server/almara-api.js';

export const SANDBOX_CREDENTIALS: Readonly<AlmaraCredentials> = Object.freeze({
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
});

export const SANDBOX_SHORT_CODE = '600100';

/** Seconds a sandbox token lives, as announced in `expiresIn`. */
export const SANDBOX_TOKEN_LIFETIME = 3600;
