import './lit-warnings.js';
import { expect } from '@open-wc/testing';

// Another version of the element owns the tag before this copy loads (an old CDN snippet
// left in a CMS template, say). This file has its own page, so the tag is free until then.
class Other extends HTMLElement {
  static version = '0.0.1';
}
customElements.define('almara-pay-link', Other);

describe('loading the element where another version owns the tag', () => {
  it('keeps the other version and says so on the console, naming both', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    let version = '';
    try {
      ({ version } = (await import('../../src/define.js')).AlmaraPayLink);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('almara-pay-link')).to.equal(Other);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include(version).and.include('0.0.1');
  });
});
