/**
 * One server of `npm run bench`'s comparison, in a process of its own (so that each is
 * measured with the CPU it would have, not sharing an event loop with the load):
 *
 *   bench-server.ts sandbox          the sandbox
 *   bench-server.ts proxy            a bare proxy to it: the create forwarded with a cached token,
 *                                    nothing checked, nothing remembered; the floor the handler is held to
 *   bench-server.ts handler memory   createPaymentLinkHandler, its default store
 *   bench-server.ts handler redis    the same with redisIdempotencyStore
 *
 * Environment: `SANDBOX_URL` (not for `sandbox`), `REDIS_URL` (for `handler redis`). Prints
 * `{"port":N}` once it listens on 127.0.0.1, `{"cpu":µs}` for each `cpu` line on stdin; exits
 * when its stdin ends, so that it never outlives the bench.
 */
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox } from '../src/sandbox/index.js';
import { ALMARA_PATHS } from '../src/server/almara/assumptions.js';
import { createPaymentLinkHandler, toNodeHandler, type IdempotencyStore } from '../src/server/index.js';

const REDIRECTION_SITE = 'https://shop.example/thanks';
const [mode, store = 'memory'] = process.argv.slice(2);
if (!['sandbox', 'proxy', 'handler'].includes(mode ?? '') || !['memory', 'redis'].includes(store)) {
  throw new Error('usage: bench-server.ts sandbox | proxy | handler [memory|redis]');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** What a merchant would write without this package: forward, and hope. */
function proxy(sandboxUrl: string): RequestListener {
  let token: Promise<string> | undefined;
  const tokenOnce = () =>
    (token ??= fetch(sandboxUrl + ALMARA_PATHS.token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(SANDBOX_CREDENTIALS),
    })
      .then((response) => response.json() as Promise<{ accessToken: string }>)
      .then((body) => body.accessToken));
  return (req, res) => {
    void (async () => {
      const input = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const upstream = await fetch(sandboxUrl + ALMARA_PATHS.create, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenOnce()}` },
        body: JSON.stringify({ ...input, shortCode: SANDBOX_SHORT_CODE, redirectionSite: REDIRECTION_SITE }),
      });
      const link = (await upstream.json()) as { url?: string; id?: string };
      res.writeHead(upstream.ok ? 200 : 502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ url: link.url, id: link.id }));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  };
}

async function handler(sandboxUrl: string): Promise<{ listener: RequestListener; close: () => void }> {
  let idempotency: IdempotencyStore | undefined;
  let close = () => {};
  if (store === 'redis') {
    const url = process.env['REDIS_URL'];
    if (!url) throw new Error('REDIS_URL is needed');
    // Imported only here: the other servers need no redis package.
    const { createClient } = await import('redis');
    const { redisIdempotencyStore } = await import('../src/server/redis/index.js');
    // Without a listener, node-redis's 'error' event would end the process.
    const redis = createClient({ url }).on('error', () => {});
    await redis.connect();
    idempotency = redisIdempotencyStore(redis);
    close = () => {
      redis.destroy();
    };
  }
  const listener = toNodeHandler(
    createPaymentLinkHandler({
      baseUrl: sandboxUrl,
      credentials: SANDBOX_CREDENTIALS,
      shortCode: SANDBOX_SHORT_CODE,
      redirectionSite: REDIRECTION_SITE,
      allowedOrigins: ['https://shop.example'],
      store: idempotency,
      onError: (error) => process.stderr.write(`${String(error)}\n`),
    }),
  );
  return { listener, close };
}

/**
 * Stdin is the bench's line to this process: `cpu` asks for the CPU time used so far (µs,
 * user and system: what the load cost this process, whatever else the machine was doing);
 * its end stops the server.
 */
function stopWhenStdinEnds(stop: () => void): void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpu: user + system })}\n`);
    }
  });
  lines.on('close', stop);
}

if (mode === 'sandbox') {
  const sandbox = await startSandbox();
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(sandbox.url).port) })}\n`);
  stopWhenStdinEnds(() => void sandbox.close());
} else {
  const sandboxUrl = process.env['SANDBOX_URL'];
  if (!sandboxUrl) throw new Error('SANDBOX_URL is needed');
  const { listener, close } =
    mode === 'proxy' ? { listener: proxy(sandboxUrl), close: () => {} } : await handler(sandboxUrl);
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  stopWhenStdinEnds(() => {
    server.close();
    server.closeAllConnections();
    close();
  });
}
