/**
 * Which payment-link URLs the element may send a payer to. A compromised or buggy
 * backend must not be able to run script in the merchant's page (`javascript:`),
 * show a forged page (`data:`), or send the payer somewhere by a relative path.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for an absolute `https:` URL, or `http:` on the local machine (development). */
export function isSafePaymentUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Credentials in a link are a phishing pattern ("https://bank.example@evil.example").
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}
