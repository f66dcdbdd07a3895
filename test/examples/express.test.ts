/**
 * examples/express (Express 5) as a merchant runs it: installed from the packed tarball, built
 * with tsc, started with `npm start`, and paid through in Chromium with no origin configured.
 * Once per Node major in EXAMPLE_NODES (comma-separated, default 24): CI runs `20,22,24`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe } from 'node:test';
import { useExample, type NodeVersion } from './harness.js';
import { itChargesTheCataloguePrice, itPaysThrough, itServesLikeAServer } from './shop-tests.js';

const DIR = join(import.meta.dirname, '../../examples/express');

const NODES = (process.env['EXAMPLE_NODES'] ?? '24').split(',').map((version) => {
  const trimmed = version.trim();
  assert.ok(['20', '22', '24'].includes(trimmed), `EXAMPLE_NODES: no Node ${trimmed} here (20, 22 or 24)`);
  return trimmed as NodeVersion;
});

for (const node of NODES) {
  describe(`examples/express on Node ${node}`, { timeout: 600_000 }, () => {
    const shop = useExample('express', { node });

    itPaysThrough(shop, '/', ', the POST passing express.json() first');

    itChargesTheCataloguePrice(shop);
    itServesLikeAServer(shop, DIR, node);
  });
}
