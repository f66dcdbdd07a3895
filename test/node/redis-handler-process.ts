/**
 * One handler process of test/node/redis.test.ts: `createPaymentLinkHandler` with both Redis
 * stores, on node:http on 127.0.0.1, in front of the sandbox the test runs. Started as a
 * child process, so that two of them share nothing but Redis, like two instances behind a
 * load balancer.
 *
 * Environment: `SANDBOX_URL`, `REDIS_URL`, and `RATE_LIMIT_MAX` (empty: no rate limit). Prints `{"port":N}` once it
 * listens; each error the handler reports goes to stderr as one line; exits when its stdin ends.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE } from '../../src/sandbox/index.js';
import { createPaymentLinkHandler, toNodeHandler } from '../../src/server/index.js';
import { redisIdempotencyStore, redisRateLimitStore } from '../../src/server/redis/index.js';

const { SANDBOX_URL, REDIS_URL, RATE_LIMIT_MAX } = process.env;
if (!SANDBOX_URL || !REDIS_URL) throw new Error('SANDBOX_URL and REDIS_URL are needed');

// Without a listener node-redis's 'error' event (every failed reconnect) would end the process.
const redis = createClient({ url: REDIS_URL }).on('error', () => {});
await redis.connect();

const handler = createPaymentLinkHandler({
  baseUrl: SANDBOX_URL,
  credentials: SANDBOX_CREDENTIALS,
  shortCode: SANDBOX_SHORT_CODE,
  redirectionSite: 'https://shop.example/thanks',
  store: redisIdempotencyStore(redis),
  rateLimit: RATE_LIMIT_MAX
    ? {
        max: Number(RATE_LIMIT_MAX),
        // One budget per X-Rate-Client; every other request its own, so that only the rate-limit test meets the limit.
        key: (request) => request.headers.get('X-Rate-Client') ?? randomUUID(),
        store: redisRateLimitStore(redis),
      }
    : undefined,
  onError: (error) => {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}${cause}\n`);
  },
});

const server = createServer(toNodeHandler(handler));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});

process.stdin.on('end', () => {
  server.close();
  server.closeAllConnections();
  redis.destroy();
});
process.stdin.resume();
