/**
 * A SHA-256 of a request body, to tell whether a reused `Idempotency-Key` comes with the
 * same data. The store keeps this hash, not the payer's details. Web Crypto, so that it
 * runs wherever the handler does.
 */
export async function fingerprintOf(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(value)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
