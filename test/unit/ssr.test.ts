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

describe('importing the status entries in Node (a thank-you page’s server build)', () => {
  it('does not throw, exports the element and defines nothing', async () => {
    const entry = await import('almara-pay-link/status');
    await import('almara-pay-link/status/define');
    await import('almara-pay-link/cdn/almara-pay-status.js');
    assert.equal(typeof entry.AlmaraPayStatus, 'function');
    assert.equal(entry.STATUS_TAG_NAME, 'almara-pay-status');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-status'), undefined);
  });
});

describe('the status React wrapper in Node (Next.js)', () => {
  it('renders the bare tag with React’s own attributes and its children, and defines nothing', async () => {
    const { AlmaraPayStatus } = await import('almara-pay-link/status/react');
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(
      createElement(
        AlmaraPayStatus,
        {
          endpoint: '/api/payment-status',
          pollFor: 60_000,
          headers: { 'X-CSRF-Token': 'abc' },
          onStatusChange: () => undefined,
          className: 'receipt',
          lang: 'sw',
        },
        createElement('h1', { slot: 'header' }, 'Your order'),
      ),
    );
    assert.match(html, /^<almara-pay-status[\s>]/);
    assert.match(html, / class="receipt"/);
    assert.match(html, / lang="sw"/);
    assert.match(html, /<h1 slot="header">Your order<\/h1><\/almara-pay-status>$/);
    // Objects and handlers are set as properties in the browser, never written as attributes.
    assert.doesNotMatch(html, /headers|onStatusChange|\[object Object\]/i);
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-status'), undefined);
  });
});

describe('importing the CDN file’s export in Node (a bundler’s server build)', () => {
  it('gives the same registration as define, which does nothing in Node', async () => {
    await import('almara-pay-link/cdn/almara-pay-link.js');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('almara-pay-link'), undefined);
  });
});
