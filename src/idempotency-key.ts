/**
 * A random UUID v4 for the `Idempotency-Key` header. `crypto.randomUUID` exists only
 * in secure contexts, and a merchant's page may still be served over plain http, so
 * the key is built from `crypto.getRandomValues`, which every browser has everywhere.
 */
export function newIdempotencyKey(): string {
  // Each 0 and 1 of the pattern becomes a random hex digit, each 8 the variant, 8 to b: the
  // digit c XOR a random number masked with 15 >> c / 4 (four bits for 0 and 1, two for 8).
  // The 4 stays: the version.
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );
}
