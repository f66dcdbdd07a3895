import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';

// Sizes are deterministic, so the budget is a test; `npm run build` runs before it.
const CDN_FILE = 'dist/cdn/almara-pay-link.js';
const BUDGET_GZIP_BYTES = 16 * 1024;

describe('the CDN file', () => {
  const code = existsSync(CDN_FILE) ? readFileSync(CDN_FILE) : undefined;

  it('exists (npm run build makes it)', () => assert.ok(code, `${CDN_FILE} is missing: run npm run build`));

  it(`is at most ${BUDGET_GZIP_BYTES} bytes gzipped at level 9`, () => {
    const size = gzipSync(code!, { level: 9 }).length;
    assert.ok(size <= BUDGET_GZIP_BYTES, `${size} bytes gzipped, over the budget of ${BUDGET_GZIP_BYTES}`);
  });

  it('is a classic script, not a module: a plain <script src> runs it', () => {
    assert.doesNotThrow(() => new Script(code!.toString(), { filename: CDN_FILE }));
  });

  it('carries Lit and zod inside: it imports nothing', () => {
    assert.doesNotMatch(code!.toString(), /\bimport\s*\(|\brequire\s*\(/);
  });
});
