/**
 * Money in minor units, end to end: what the payer reads is what Almara is asked for, to
 * the cent, never a float artefact; and what is not a sum of cents is refused, however
 * small.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { elementBody, readJson, startBackend, type Backend, type ErrorJson } from './support.js';

describe('amounts reach Almara as the cents they spell', () => {
  let backend: Backend;
  let prepared: number | undefined;
  before(async () => {
    backend = await startBackend({
      // A price computed in floats, as a merchant's catalogue code may: 3 × 0.1.
      prepare: (input) => (prepared === undefined ? input : { ...input, amount: prepared }),
    });
  });
  after(() => backend.close());

  const amountSent = async (body: Record<string, unknown>) => {
    const response = await backend.post(body);
    assert.equal(response.status, 200);
    const { id } = await readJson<{ id: string }>(response);
    return backend.sandbox.getLink(id)?.amount;
  };

  it('a float sum from the browser is sent as its cents: 0.1 + 0.2 → 0.3, 1739.9999999999998 → 1740', async () => {
    prepared = undefined;
    assert.equal(await amountSent(elementBody({ amount: 0.1 + 0.2 })), 0.3);
    assert.equal(await amountSent(elementBody({ amount: 1739.9999999999998 })), 1740);
  });

  it('a float price from prepare is sent as its cents too, not refused as misconfigured', async () => {
    prepared = 0.1 * 3;
    assert.equal(await amountSent(elementBody()), 0.3);
    prepared = undefined;
  });

  // The last: more cents than a double holds exactly (it would reach Almara as …39).
  for (const amount of [0.001, 1e-9, 5e-324, 12.345, 35516412262335.38]) {
    it(`${amount} is no sum of cents: 400 validation_failed on the amount, nothing created`, async () => {
      const before = backend.sandbox.calls.create;
      const response = await backend.post(elementBody({ amount }));
      assert.equal(response.status, 400);
      const { error } = await readJson<ErrorJson>(response);
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.fields?.['amount'], 'Use at most two decimal places.');
      assert.equal(backend.sandbox.calls.create, before);
    });
  }

  it('the smallest amount is 0.01', async () => {
    assert.equal(await amountSent(elementBody({ amount: 0.01 })), 0.01);
  });
});
