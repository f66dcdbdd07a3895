/**
 * Each assumption about the Almara API lives in one place. The thank-you page's element (browser
 * code) reads A6 and A7 from the zod-free constants module, not from copies of its own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as constants from '../../src/server/almara/constants.js';
import * as api from '../../src/server/almara/assumptions.js';
import { returnUrl } from '../../src/sandbox/pages.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The modules a file loads at run time (relative ones resolved to .ts files, bare ones as
 * written), transitively: static imports and re-exports, side-effect imports and `import()`;
 * not `import type` / `export type`, which load nothing.
 */
function importsOf(file: string, seen = new Set<string>()): Set<string> {
  const source = readFileSync(file, 'utf8');
  const loads =
    /^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm;
  for (const match of source.matchAll(loads)) {
    const specifier = match[1] ?? match[2] ?? match[3];
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
  it('<almara-pay-status> takes the redirect parameter and the statuses from almara/constants.ts', () => {
    const element = readFileSync(resolve(ROOT, 'src/almara-pay-status.ts'), 'utf8');
    assert.match(element, /import \{[^}]*\bREDIRECT_ID_PARAM\b[^}]*\} from '\.\/server\/almara\/constants\.js'/);
    const schema = readFileSync(resolve(ROOT, 'src/status/status-schema.ts'), 'utf8');
    assert.match(
      schema,
      /import \{[^}]*\bisKnownPaymentLinkStatus\b[^}]*\} from '\.\.\/server\/almara\/constants\.js'/,
    );
    for (const file of ['demo/thanks.ts', 'src/almara-pay-status.ts', 'src/status/status-schema.ts']) {
      const source = readFileSync(resolve(ROOT, file), 'utf8');
      assert.doesNotMatch(source, /'paymentLinkId'|"paymentLinkId"/, `no copy of A7 in ${file}`);
      assert.doesNotMatch(
        source,
        /['"]pending['"]\s*[,:\]]|['"]paid['"]\s*[,:\]]/,
        `no copy of A6 as strings in ${file}`,
      );
    }
  });

  it('the thank-you page loads them, and no zod nor any package but lit-html, into the browser', () => {
    const loaded = importsOf(resolve(ROOT, 'demo/thanks.ts'));
    assert.ok(loaded.has(resolve(ROOT, 'src/server/almara/constants.ts')), 'the page loads constants.ts');
    assert.deepEqual(
      [...loaded].filter((name) => !name.startsWith('/')),
      ['lit/html.js'],
    );
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
