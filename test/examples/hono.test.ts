/**
 * examples/hono (Hono 4 on @hono/node-server) as a merchant runs it: installed from the packed
 * tarball, built with tsc, started with `npm start`, and paid through in Chromium with no
 * origin configured. The handler gets Hono's own Request (`c.req.raw`).
 */
import { join } from 'node:path';
import { describe } from 'node:test';
import { useExample } from './harness.js';
import { itChargesTheCataloguePrice, itPaysThrough, itServesLikeAServer } from './shop-tests.js';

const DIR = join(import.meta.dirname, '../../examples/hono');

describe('examples/hono', { timeout: 300_000 }, () => {
  const shop = useExample('hono');

  itPaysThrough(shop);

  itChargesTheCataloguePrice(shop);
  itServesLikeAServer(shop, DIR, '24');
});
