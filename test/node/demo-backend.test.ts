/**
 * The demo shop's backend (scripts/demo-backend.ts), as `npm start` mounts it: the handler
 * and the thank-you page's status endpoint, in front of an in-process sandbox.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoBackend } from '../../scripts/demo-backend.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { PAYER } from '../payer.js';
import { elementBody, readJson, type ErrorJson } from './support.js';

const ORIGIN = 'http://localhost:5173';

function demo() {
  const sandbox = createSandbox({ basePath: '/sandbox' });
  const backend = createDemoBackend({
    origin: ORIGIN,
    sandboxPath: '/sandbox',
    sandboxFetch: (input, init) => sandbox.fetch(new Request(input, init)),
    env: {},
  });
  const get = (path: string) => backend.fetch(new Request(ORIGIN + path));
  return { sandbox, backend, get };
}

describe('demo backend: the status endpoint of the thank-you page', () => {
  it('reads a link back: what was paid and how it stands, no payer details', async () => {
    const { backend, get } = demo();
    assert.equal(backend.live, false);
    const created = await backend.fetch(
      new Request(`${ORIGIN}/api/payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(elementBody({ accountReference: 'kikoi-wrap', amount: 1 })),
      }),
    );
    assert.equal(created.status, 200);
    const { id } = await readJson<{ id: string }>(created);
    const status = await get(`/api/payment-status?id=${encodeURIComponent(id)}`);
    assert.equal(status.status, 200);
    assert.deepEqual(await status.json(), {
      id,
      amount: 1500,
      currency: 'KES',
      description: 'Kikoi beach wrap',
      status: 'pending',
    });
  });

  it('follows the link as the sandbox ends it, as the thank-you page polls it: paid with its time, failed, expired', async () => {
    const { backend, sandbox, get } = demo();
    for (const status of ['paid', 'failed', 'expired'] as const) {
      const created = await backend.fetch(
        new Request(`${ORIGIN}/api/payment-link`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(elementBody({ accountReference: 'kikoi-wrap' })),
        }),
      );
      const { id } = await readJson<{ id: string }>(created);
      const path = `/api/payment-status?id=${encodeURIComponent(id)}`;
      assert.equal((await readJson<{ status: string }>(await get(path))).status, 'pending');

      // What the sandbox's own page does with "Mark paid", "Decline" or "Expire".
      assert.equal(sandbox.setLinkStatus(id, status)?.status, status);
      const response = await get(path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Cache-Control'), 'no-store', 'never a stale answer to a page that polls');
      const text = await response.text();
      const { paidAt, ...answer } = JSON.parse(text) as { paidAt?: string };
      assert.deepEqual(answer, { id, amount: 1500, currency: 'KES', description: 'Kikoi beach wrap', status }, status);
      if (status === 'paid') assert.equal(paidAt, sandbox.getLink(id)?.paidAt, 'the time it was paid');
      else assert.equal(paidAt, undefined, status);
      for (const detail of [PAYER.firstName, PAYER.lastName, PAYER.emailAddress, '712345678']) {
        assert.ok(!text.includes(detail), `the ${status} answer holds "${detail}"`);
      }
    }
  });

  it('an unknown id: 404; no id, or one no link could have (%E0, a path): 400, not a crash', async () => {
    const { get } = demo();
    const unknown = await get('/api/payment-status?id=pl_unknown');
    assert.equal(unknown.status, 404);
    assert.equal((await readJson<ErrorJson>(unknown)).error.code, 'not_found');
    for (const path of ['/api/payment-status', '/api/payment-status?id=%E0', '/api/payment-status?id=..%2Fx']) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.equal((await readJson<ErrorJson>(response)).error.code, 'invalid_id', path);
    }
  });
});

describe('demo backend: the shop speaks the form’s language', () => {
  const post = (backend: ReturnType<typeof demo>['backend'], body: Record<string, unknown>, language: string) =>
    backend.fetch(
      new Request(`${ORIGIN}/api/payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': language },
        body: JSON.stringify(body),
      }),
    );

  it('a donation out of the shop’s range: refused in Swahili for a Swahili form, in English else', async () => {
    const { backend } = demo();
    const body = elementBody({ accountReference: 'tree-fund', amount: 10 });
    const swahili = await readJson<ErrorJson>(await post(backend, body, 'sw, en;q=0.5'));
    assert.equal(swahili.error.code, 'amount_out_of_range');
    assert.equal(swahili.error.message.replace(/\s/g, ' '), 'Toa kati ya KES 50 na KES 100,000.');
    assert.equal(swahili.error.fields?.['amount'], swahili.error.message);
    const english = await readJson<ErrorJson>(await post(backend, body, 'en'));
    assert.equal(english.error.message.replace(/\s/g, ' '), 'Give between KES 50 and KES 100,000.');
    const unknown = await readJson<ErrorJson>(await post(backend, elementBody({ accountReference: 'x' }), 'sw'));
    assert.equal(unknown.error.message, 'Bidhaa hii haipatikani tena.');
  });

  it('the thank-you page is told the language of a Swahili form, and nothing for an English one', async () => {
    const { backend, sandbox } = demo();
    const body = elementBody({ accountReference: 'kikoi-wrap' });
    const swahili = await readJson<{ id: string }>(await post(backend, body, 'sw, en;q=0.5'));
    assert.equal(sandbox.getLink(swahili.id)?.redirectionSite, `${ORIGIN}/thanks.html?lang=sw`);
    const english = await readJson<{ id: string }>(await post(backend, body, 'en'));
    assert.equal(sandbox.getLink(english.id)?.redirectionSite, `${ORIGIN}/thanks.html`);
  });
});
