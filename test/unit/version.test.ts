import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { AlmaraPayLink } from '../../src/almara-pay-link.js';

// define.ts tells another copy of the element on the page by this version, so it must be
// the version that was published.
describe('AlmaraPayLink.version', () => {
  it('is package.json’s version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.equal(AlmaraPayLink.version, version);
  });
});
