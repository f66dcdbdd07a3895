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
 * Seconds a sandbox link stays payable: a day, long enough for `npm start` to be left open
 * over a working day, short enough that expiry is a state one meets (tests move the clock).
 */
export const SANDBOX_LINK_LIFETIME = 24 * 60 * 60;

/**
 * Milliseconds after "Pay later" until the link turns paid by itself: long enough to see the
 * thank-you page say "pending", short enough to watch it turn.
 */
export const SANDBOX_PAY_LATER_DELAY = 10_000;

/**
 * The most a request body may hold, in bytes (413 beyond). A link's fields need a few KB;
 * the sandbox runs inside `npm start` and in merchants' tests, where a runaway body must
 * not be buffered whole.
 */
export const SANDBOX_MAX_BODY_BYTES = 64 * 1024;
