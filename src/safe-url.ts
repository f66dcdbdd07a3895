/**
 * Which URLs may be followed or accepted. A compromised or buggy backend must not be able
 * to run script in the merchant's page (`javascript:`), show a forged page (`data:`), or
 * send the payer somewhere by a relative path; and credentials in a URL are a phishing
 * pattern ("https://bank.example@evil.example").
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function webUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    if (/^https?:$/.test(url.protocol) && !url.username && !url.password) return url;
  } catch {
    // Not absolute, or not a URL at all.
  }
  return undefined;
}

/** An absolute `http:` or `https:` URL without credentials: a redirection site, an allowed origin. */
export function isWebUrl(value: unknown): boolean {
  return webUrl(value) !== undefined;
}

/** A payment link the payer may be sent to: `https:`, or `http:` on the local machine (development). */
export function isSafePaymentUrl(value: unknown): value is string {
  const url = webUrl(value);
  return !!url && (url.protocol === 'https:' || LOOPBACK.has(url.hostname));
}
