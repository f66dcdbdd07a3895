/**
 * A random UUID v4 for the `Idempotency-Key` header. `crypto.randomUUID` exists only
 * in secure contexts, and a merchant's page may still be served over plain http, so
 * the key is built from `crypto.getRandomValues`, which every browser has everywhere.
 */
export function newIdempotencyKey(): string {
  const random = crypto.getRandomValues(new Uint8Array(31));
  let i = 0;
  // x: any hex digit; y: the variant, 8 to b.
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) =>
    ((c === 'x' ? 0 : 8) | (random[i++]! & (c === 'x' ? 15 : 3))).toString(16),
  );
}
