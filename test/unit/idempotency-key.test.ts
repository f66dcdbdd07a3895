import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newIdempotencyKey } from '../../src/idempotency-key.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newIdempotencyKey', () => {
  it('makes random UUIDs v4, every digit and variant in use', () => {
    const keys = Array.from({ length: 2000 }, newIdempotencyKey);
    for (const key of keys) assert.match(key, UUID_V4);
    assert.equal(new Set(keys).size, keys.length);
    // Each random position takes all its values: no bit of the randomness is lost.
    const digits = (position: number) => new Set(keys.map((key) => key[position])).size;
    assert.equal(digits(0), 16);
    assert.equal(digits(15), 16);
    assert.equal(digits(19), 4);
    assert.equal(digits(35), 16);
  });
});
