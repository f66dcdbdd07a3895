/**
 * Where the payer may be sent after paying. The value comes from the browser, so it is
 * an open redirect waiting to happen (a phishing page "returning" from a real payment)
 * unless it is checked against what the merchant allows.
 */
import { isWebUrl } from '../../safe-url.js';

export interface RedirectPolicy {
  /** The merchant's own `redirectionSite`, used when the browser sends none. */
  fallback: string | undefined;
  /** Origins a browser-sent value may name; empty: only `fallback` itself. */
  origins: ReadonlySet<string>;
}

export function createRedirectPolicy(
  redirectionSite?: string,
  allowedRedirects: readonly string[] = [],
): RedirectPolicy {
  if (redirectionSite !== undefined && !isWebUrl(redirectionSite)) {
    throw new TypeError(`redirectionSite: not an http(s) URL: ${redirectionSite}`);
  }
  const origins = new Set<string>();
  for (const entry of allowedRedirects) {
    if (!isWebUrl(entry)) throw new TypeError(`allowedRedirects: not an http(s) origin: ${entry}`);
    origins.add(new URL(entry).origin);
  }
  return { fallback: redirectionSite, origins };
}

/** True when a browser-sent `redirectionSite` may be used. */
export function isRedirectAllowed(policy: RedirectPolicy, value: string): boolean {
  if (!isWebUrl(value)) return false;
  if (policy.origins.size === 0) return value === policy.fallback;
  return policy.origins.has(new URL(value).origin);
}
