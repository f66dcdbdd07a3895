/**
 * examples/fastify (Fastify 5) as a merchant runs it: installed from the packed tarball, built
 * with tsc, started with `npm start`, and paid through in Chromium with no origin configured.
 * Fastify reads and parses the body before any handler runs; the example hands the parsed
 * body to toNodeHandler, and a route that does not must get a clear answer, not a hang.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PAYMENT_REQUEST } from '../payer.js';
import { nodeBin, useExample } from './harness.js';
import { itChargesTheCataloguePrice, itPaysThrough, itServesLikeAServer } from './shop-tests.js';

const DIR = join(import.meta.dirname, '../../examples/fastify');

// The route as it is first written: the raw request, whose body Fastify has already read.
const NAIVE_SERVER = `
import Fastify from 'fastify';
import { createPaymentLinkHandler, toNodeHandler } from 'almara-pay-link/server';
const paymentLink = toNodeHandler(createPaymentLinkHandler({
  baseUrl: 'http://127.0.0.1:9',
  credentials: { clientId: 'id', clientSecret: 'secret' },
  shortCode: '174379',
  redirectionSite: 'https://shop.example/thanks',
}));
const app = Fastify();
app.post('/api/payment-link', (request, reply) => {
  reply.hijack();
  paymentLink(request.raw, reply.raw);
});
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(app.server.address().port);
`;

describe('examples/fastify', { timeout: 300_000 }, () => {
  const shop = useExample('fastify');

  itPaysThrough(shop);

  itChargesTheCataloguePrice(shop);
  itServesLikeAServer(shop, DIR, '24');

  it('answers a POST whose JSON body Fastify parsed with its link', async () => {
    const response = await fetch(`${shop.origin}/api/payment-link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ ...PAYMENT_REQUEST, amount: 1 }),
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const { url } = (await response.json()) as { url: string };
    assert.ok(url.startsWith(`${shop.sandbox.url}/pay/pl_`), url);
    assert.match(await (await fetch(url)).text(), /KES\s*1,500/);
  });

  it('answers within a second, with a clear error, when the route does not pass the parsed body on', async () => {
    const child = spawn(join(nodeBin('24'), 'node'), ['--input-type=module', '-e', NAIVE_SERVER], {
      cwd: DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${chunk.toString().trim()}/api/payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(PAYMENT_REQUEST),
        signal: AbortSignal.timeout(1000),
      });
      const body = (await response.json()) as { error: { code: string } };
      assert.ok(performance.now() - started < 1000);
      assert.equal(response.status, 500);
      assert.equal(body.error.code, 'body_already_read');
      // The merchant's log says what to change.
      assert.match(log, /request\.raw, \{ body: request\.body \}/);
    } finally {
      child.kill();
    }
  });
});
