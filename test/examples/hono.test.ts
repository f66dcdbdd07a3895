/**
 * examples/hono (Hono 4 on @hono/node-server) as a merchant runs it: installed from the packed
 * tarball, built with tsc, started with `npm start`, and paid through in Chromium with no
 * origin configured. The handler gets Hono's own Request (`c.req.raw`).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeBin, openPage, payThrough, useExample } from './harness.js';

const DIR = join(import.meta.dirname, '../../examples/hono');

describe('examples/hono', { timeout: 300_000 }, () => {
  const shop = useExample('hono');

  it('pays through to the sandbox page', async () => {
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
    const started = spawnSync(join(nodeBin('24'), 'node'), ['dist/server.js'], {
      cwd: DIR,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(started.status, 1, started.stderr);
    assert.match(started.stderr, /Set the environment variable ALMARA_CLIENT_ID/);
  });
});
