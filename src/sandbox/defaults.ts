/**
 * What the sandbox accepts unless told otherwise. Not secrets: the sandbox moves no
 * money, and `npm start` wires these in so that the demo needs no configuration.
 */
import type { AlmaraCredentials } from '../server/almara/assumptions.js';

export const SANDBOX_CREDENTIALS: Readonly<AlmaraCredentials> = Object.freeze({
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-secret',
});

export const SANDBOX_SHORT_CODE = '600100';

/** Seconds a sandbox token lives, as announced in `expiresIn`. */
export const SANDBOX_TOKEN_LIFETIME = 3600;

/**
 * The most a request body may hold, in bytes (413 beyond). A link's fields need a few KB;
 * the sandbox runs inside `npm start` and in merchants' tests, where a runaway body must
 * not be buffered whole.
 */
export const SANDBOX_MAX_BODY_BYTES = 64 * 1024;
