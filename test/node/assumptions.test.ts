/**
 * Each assumption about the Almara API lives in one place. The thank-you page (a browser
 * page) reads A6 and A7 from the zod-free constants module, not from copies of its own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as constants from '../../src/server/almara/constants.js';
import * as api from '../../src/server/almara/assumptions.js';
import { returnUrl } from '../../src/sandbox/pages.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The modules a file imports (relative ones resolved to .ts files, bare ones as written), transitively. */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, 'utf8');
  for (const [, specifier] of source.matchAll(
    /^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm,
  )) {
    if (specifier === undefined) continue;
    if (!specifier.startsWith('.')) {
      seen.add(specifier);
      continue;
    }
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
    if (seen.has(target)) continue;
    seen.add(target);
    importsOf(target, seen);
  }
  return seen;
}

describe('assumptions A6 and A7 in one place', () => {
  it('the thank-you page takes the redirect parameter and the statuses from almara/constants.ts', () => {
    const page = readFileSync(resolve(ROOT, 'demo/thanks.ts'), 'utf8');
    assert.match(page, /from '\.\.\/src\/server\/almara\/constants\.js'/);
    assert.match(page, /\bREDIRECT_ID_PARAM\b/);
    assert.doesNotMatch(page, /'paymentLinkId'|"paymentLinkId"/, 'no copy of A7');
    assert.doesNotMatch(page, /['"]pending['"]\s*[,:\]]|['"]paid['"]\s*[,:\]]/, 'no copy of A6 as strings');
  });

  it('and pulls no zod (nor any other package) into the browser', () => {
    const packages = [...importsOf(resolve(ROOT, 'demo/thanks.ts'))].filter((name) => !name.startsWith('/'));
    assert.deepEqual(packages, []);
    assert.deepEqual([...importsOf(resolve(ROOT, 'src/server/almara/constants.ts'))], [], 'it imports nothing');
  });

  it('assumptions.ts re-exports the very constants the sandbox and the client use', () => {
    assert.equal(api.REDIRECT_ID_PARAM, constants.REDIRECT_ID_PARAM);
    assert.equal(api.PAYMENT_LINK_STATUSES, constants.PAYMENT_LINK_STATUSES);
    assert.equal(api.ALMARA_PATHS, constants.ALMARA_PATHS);
    const back = new URL(
      returnUrl({ id: 'pl_1', redirectionSite: 'https://shop.example/thanks' } as Parameters<typeof returnUrl>[0]),
    );
    assert.equal(back.searchParams.get(constants.REDIRECT_ID_PARAM), 'pl_1');
  });

  it('isKnownPaymentLinkStatus: the statuses of A6, and nothing else', () => {
    for (const status of constants.PAYMENT_LINK_STATUSES) assert.ok(constants.isKnownPaymentLinkStatus(status));
    for (const other of ['cancelled', 'PAID', '', undefined, 1, 'toString']) {
      assert.equal(constants.isKnownPaymentLinkStatus(other), false, String(other));
    }
  });
});
