/**
 * almara-pay-link/server/redis: the idempotency store and the rate limit in Redis, for a
 * handler that runs as several processes (a load balancer, serverless functions), where
 * each process's memory is its own (contract §4). On a connected client of the official
 * `redis` package (node-redis), an optional peer dependency: install it to use this module.
 *
 * When Redis cannot be reached the handler answers 503 `store_unavailable` and creates
 * nothing; node-redis reconnects by itself and creations work again.
 */
export { redisIdempotencyStore } from './idempotency-store.js';
export { redisRateLimitStore } from './rate-limit-store.js';
export type { RedisStoreClient, RedisStoreOptions } from './client.js';
