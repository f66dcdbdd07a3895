import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { elementTables, statusTables, tables, type Language } from '../../src/messages/index.js';

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

  it('carries none of the sentences only the server module says', () => {
    const text = code!.toString();
    for (const language of Object.keys(tables) as Language[]) {
      const element = elementTables[language];
      const shown = new Set(Object.values(element));
      for (const [key, sentence] of Object.entries(tables[language])) {
        // The same sentence may be the element's too (a server's `invalidResponse` is its `serverError`).
        if (key in element || shown.has(sentence)) continue;
        assert.ok(!text.includes(sentence as string), `${language}.${key} is in the CDN file`);
      }
    }
  });

  it('carries none of the sentences only <almara-pay-status> says', () => {
    const text = code!.toString();
    const shown = new Set<unknown>(Object.values(elementTables).flatMap((table): unknown[] => Object.values(table)));
    for (const [language, table] of Object.entries(statusTables)) {
      for (const [key, sentence] of Object.entries(table)) {
        if (typeof sentence !== 'string' || key === 'locale' || shown.has(sentence)) continue;
        assert.ok(!text.includes(sentence), `${language} status ${key} is in the form's CDN file`);
      }
    }
  });

  it('carries Lit and zod inside: it imports nothing', () => {
    assert.doesNotMatch(code!.toString(), /\bimport\s*\(|\brequire\s*\(/);
  });
});

// The thank-you page's file: its own budget, and nothing of the form's page in it.
const STATUS_FILE = 'dist/cdn/almara-pay-status.js';
const STATUS_BUDGET_GZIP_BYTES = 10 * 1024;

describe('the status element’s CDN file', () => {
  const code = existsSync(STATUS_FILE) ? readFileSync(STATUS_FILE) : undefined;

  it('exists (npm run build makes it)', () => assert.ok(code, `${STATUS_FILE} is missing: run npm run build`));

  it(`is at most ${STATUS_BUDGET_GZIP_BYTES} bytes gzipped at level 9`, () => {
    const size = gzipSync(code!, { level: 9 }).length;
    assert.ok(
      size <= STATUS_BUDGET_GZIP_BYTES,
      `${size} bytes gzipped, over the budget of ${STATUS_BUDGET_GZIP_BYTES}`,
    );
  });

  it('is a classic script that imports nothing', () => {
    assert.doesNotThrow(() => new Script(code!.toString(), { filename: STATUS_FILE }));
    assert.doesNotMatch(code!.toString(), /\bimport\s*\(|\brequire\s*\(/);
  });

  it('carries the status words of every language', () => {
    const text = code!.toString();
    for (const [language, table] of Object.entries(statusTables))
      for (const [key, sentence] of Object.entries(table))
        if (typeof sentence === 'string') assert.ok(text.includes(sentence), `${language} status ${key} is missing`);
  });

  it('carries none of the form: not its words, not zod, not its tag', () => {
    const text = code!.toString();
    const statusWords = new Set<unknown>(
      Object.values(statusTables).flatMap((table): unknown[] => Object.values(table)),
    );
    for (const [language, table] of Object.entries(tables)) {
      for (const [key, sentence] of Object.entries(table)) {
        if (typeof sentence !== 'string' || key === 'locale' || statusWords.has(sentence)) continue;
        assert.ok(!text.includes(sentence), `${language}.${key} of the form or the server is in the status file`);
      }
    }
    assert.doesNotMatch(text, /\$Zod|_zod/);
    assert.ok(!text.includes("'almara-pay-link'") && !text.includes('`almara-pay-link`'), 'the form’s tag is named');
  });
});
