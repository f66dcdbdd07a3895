/**
 * The rate limit's windows in Redis, shared by every process that uses the same Redis and
 * prefix: one budget per client however many instances serve it.
 */
import type { RateLimitHit, RateLimitStore } from '../http/rate-limit.js';
import { luaScript, RedisCommands, ttlArgument, type RedisStoreClient, type RedisStoreOptions } from './client.js';

/**
 * One atomic step: count, open the window on the first hit, and say how long it has left.
 * The `ttl < 0` branch heals a key that lost its expiry, which would otherwise lock its
 * client out for good.
 */
const HIT = luaScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`);

/**
 * A `RateLimitStore` in Redis, for `rateLimit.store`: `INCR` and `PEXPIRE` in one Lua
 * script, so that processes counting the same client at once all count, and every window
 * key expires with its window.
 *
 * ```ts
 * rateLimit: { max: 10, store: redisRateLimitStore(redis) }
 * ```
 */
export function redisRateLimitStore(client: RedisStoreClient, options: RedisStoreOptions = {}): RateLimitStore {
  const redis = new RedisCommands(client, options, 'almara-pay-link:rate-limit:');
  return {
    async hit(key: string, windowMs: number): Promise<RateLimitHit> {
      const reply = await redis.run(HIT, [redis.prefix + key], [ttlArgument(windowMs)]);
      if (!Array.isArray(reply) || reply.length !== 2) {
        throw new TypeError('unexpected Redis reply to the rate-limit script');
      }
      const [count, resetInMs] = reply.map(Number) as [number, number];
      return { count, resetInMs };
    },
  };
}
