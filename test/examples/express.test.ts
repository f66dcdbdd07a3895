/**
 * examples/express (Express 5) as a merchant runs it: installed from the packed tarball, built
 * with tsc, started with `npm start`, and paid through in Chromium with no origin configured.
 * Once per Node major in EXAMPLE_NODES (comma-separated, default 24): CI runs `20,22,24`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeBin, openPage, payThrough, useExample, type NodeVersion } from './harness.js';

const DIR = join(import.meta.dirname, '../../examples/express');

const NODES = (process.env['EXAMPLE_NODES'] ?? '24').split(',').map((version) => {
  const trimmed = version.trim();
  assert.ok(['20', '22', '24'].includes(trimmed), `EXAMPLE_NODES: no Node ${trimmed} here (20, 22 or 24)`);
  return trimmed as NodeVersion;
});

for (const node of NODES) {
  describe(`examples/express on Node ${node}`, { timeout: 600_000 }, () => {
    const shop = useExample('express', { node });

    it('pays through to the sandbox page, the POST passing express.json() first', async () => {
      const { page, problems } = await openPage(shop, '/');
      const element = page.locator('almara-pay-link');
      await element.getByRole('button', { name: /^Pay KES\s1,500$/ }).waitFor();
      assert.equal(await payThrough(shop, page, element), 'KES 1,500');
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('charges the catalogue price, whatever amount the page was edited to', async () => {
      const { page, problems } = await openPage(shop, '/');
      const element = page.locator('almara-pay-link');
      await element.evaluate((el) => el.setAttribute('amount', '1'));
      await element.getByRole('button', { name: /^Pay KES\s1$/ }).waitFor();
      assert.equal(await payThrough(shop, page, element), 'KES 1,500');
      assert.deepEqual(problems, []);
      await page.close();
    });

    it('serves the CDN file from node_modules as JavaScript', async () => {
      const response = await fetch(`${shop.origin}/almara-pay-link.js`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/javascript\b/);
      const file = readFileSync(join(DIR, 'node_modules/almara-pay-link/dist/cdn/almara-pay-link.js'), 'utf8');
      assert.equal(await response.text(), file);
    });

    it('refuses to start without its settings, naming the one missing', () => {
      const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], ALMARA_BASE_URL: 'http://127.0.0.1:9' };
      const started = spawnSync(join(nodeBin(node), 'node'), ['dist/server.js'], {
        cwd: DIR,
        env,
        encoding: 'utf8',
        timeout: 20_000,
      });
      assert.equal(started.status, 1, started.stderr);
      assert.match(started.stderr, /Set the environment variable ALMARA_CLIENT_ID/);
    });
  });
}
