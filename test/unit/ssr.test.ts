import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// Next.js, Nuxt and Astro import a page's modules in Node, where there is no DOM, while
// building. Importing the package there must not throw, and must not define the tag (Lit's
// server build may have put a stand-in registry on globalThis; it must stay empty of ours).
// The package's own name resolves through its `exports` map to the built dist/ files.
describe('importing the package in Node (server rendering)', () => {
  it('does not throw, exports the element and defines nothing', async () => {
    const entry = await import('almara-pay-link');
    await import('almara-pay-link/define');
    assert.equal(typeof entry.AlmaraPayLink, 'function');
    assert.equal(entry.TAG_NAME, 'almara-pay-link');
    assert.equal(typeof entry.paymentRequestSchema.safeParse, 'function');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-link'), undefined);
  });
});

describe('importing the React wrapper in Node (Next.js)', () => {
  it('does not throw, gives a React component and defines nothing', async () => {
    const { AlmaraPayLink } = await import('almara-pay-link/react');
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    // Rendered on the server as the bare tag, for the browser to upgrade.
    const html = renderToString(createElement(AlmaraPayLink, { endpoint: '/api/payment-link', amount: 1500 }));
    assert.match(html, /^<almara-pay-link/);
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-link'), undefined);
  });
});

describe('importing the CDN file’s export in Node (a bundler’s server build)', () => {
  it('gives the same registration as define, which does nothing in Node', async () => {
    await import('almara-pay-link/cdn/almara-pay-link.js');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-link'), undefined);
  });
});
