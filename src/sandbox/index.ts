/**
 * almara-pay-link/sandbox: a local stand-in for the Almara Pay API (contract §5), for
 * demos and tests. It implements this package's assumptions about the undocumented parts
 * of the API (see `server/almara/assumptions.ts`), so it proves the package is consistent, not
 * that the real API agrees.
 */
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './start.js';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
export { SandboxFaults, type SandboxRoute } from './faults.js';
export type { FinishedStatus, SandboxLink } from './links.js';
export {
  SANDBOX_CREDENTIALS,
  SANDBOX_LINK_LIFETIME,
  SANDBOX_MAX_BODY_BYTES,
  SANDBOX_PAY_LATER_DELAY,
  SANDBOX_SHORT_CODE,
  SANDBOX_TOKEN_LIFETIME,
} from './defaults.js';
