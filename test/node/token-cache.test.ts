/**
 * TokenCache on a clock the test turns: when a token is reused, when it is fetched anew.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessToken } from '../../src/server/index.js';
import { TokenCache } from '../../src/server/almara/token-cache.js';

function fixture(lifetimeSeconds: number | undefined, refreshMargin = 60_000) {
  let now = 0;
  let issued = 0;
  const cache = new TokenCache(
    async (): Promise<AccessToken> => {
      issued++;
      return lifetimeSeconds === undefined
        ? { accessToken: `t${issued}` }
        : { accessToken: `t${issued}`, expiresIn: lifetimeSeconds };
    },
    { refreshMargin, now: () => now },
  );
  return { cache, issued: () => issued, at: (ms: number) => (now = ms) };
}

describe('TokenCache', () => {
  it('reuses a one-hour token until a minute before it expires', async () => {
    const { cache, issued, at } = fixture(3600);
    assert.equal(await cache.get(), 't1');
    at(3599_000 - 60_000 - 1);
    assert.equal(await cache.get(), 't1');
    at(3600_000 - 60_000);
    assert.equal(await cache.get(), 't2');
    assert.equal(issued(), 2);
  });

  it('refreshes a short-lived token half-way through its life', async () => {
    const { cache, at } = fixture(10);
    assert.equal(await cache.get(), 't1');
    at(4_999);
    assert.equal(await cache.get(), 't1');
    at(5_000);
    assert.equal(await cache.get(), 't2');
  });

  it('shares one request among concurrent callers', async () => {
    const { cache, issued } = fixture(3600);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get()));
    assert.deepEqual(new Set(tokens), new Set(['t1']));
    assert.equal(issued(), 1);
  });

  it('drops a refused token, but not a newer one', async () => {
    const { cache } = fixture(3600);
    assert.equal(await cache.get(), 't1');
    cache.invalidate('t1');
    assert.equal(await cache.get(), 't2');
    cache.invalidate('t1');
    assert.equal(await cache.get(), 't2', 'a late 401 on the old token changes nothing');
  });

  it('without a lifetime, a token serves the callers that waited for it only', async () => {
    const { cache, issued } = fixture(undefined);
    await Promise.all([cache.get(), cache.get()]);
    await cache.get();
    assert.equal(issued(), 2);
  });

  it('does not cache a failure', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error('down');
      return { accessToken: 'ok', expiresIn: 3600 };
    });
    await assert.rejects(cache.get(), /down/);
    assert.equal(await cache.get(), 'ok');
  });
});
