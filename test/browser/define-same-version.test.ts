import './lit-warnings.js';
import { expect } from '@open-wc/testing';
import { AlmaraPayLink } from '../../src/almara-pay-link.js';

// Another copy of the same version owns the tag (the CDN file beside an npm copy): both
// render the same form, so the second stays quiet. Importing the class alone defines
// nothing; this file has its own page, so the tag is free until the copy takes it.
class SameVersionCopy extends HTMLElement {
  static version = AlmaraPayLink.version;
}
customElements.define('almara-pay-link', SameVersionCopy);

describe('loading the element where a copy of the same version owns the tag', () => {
  it('keeps the copy, quietly', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      await import('../../src/define.js');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('almara-pay-link')).to.equal(SameVersionCopy);
    expect(warnings).to.deep.equal([]);
  });
});
