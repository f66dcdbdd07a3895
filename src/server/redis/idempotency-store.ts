/**
 * The idempotency store in Redis: one creation per `Idempotency-Key` across every process
 * that uses the same Redis and prefix (contract §4).
 *
 * Each key holds JSON: `{ token, fingerprint }` while a creation is under way (the token
 * names the claim, so that only its owner writes over it), then `{ fingerprint, link }`, or
 * `{ token, fingerprint, failure }` for an error answer its creation may still replace.
 * Every write has a TTL, so nothing outlives the handler's hold and TTL.
 */
import type {
  CompletedIdempotencyRecord,
  IdempotencyRecord,
  IdempotencyStore,
  IdempotentFailure,
  IdempotentLink,
} from '../idempotency/store.js';
import {
  luaScript,
  newToken,
  RedisCommands,
  replyText,
  ttlArgument,
  type RedisStoreClient,
  type RedisStoreOptions,
} from './client.js';

/**
 * Writes a finished record where that undoes no one else's work, and only for the same data
 * (ARGV[4]): over this creation's own claim or error answer (its token, ARGV[1]); over
 * nothing (the claim expired and no one took the key: what was learned is still kept, so a
 * retry cannot make a second link); or, for a link (ARGV[5] = '1'), over an error answer:
 * Almara's late answer to an outcome that was unknown. Never over another's claim, never
 * over a link.
 */
const COMPLETE = luaScript(`
local current = redis.call('GET', KEYS[1])
local ours = not current
if current then
  local parsed, record = pcall(cjson.decode, current)
  if parsed and type(record) == 'table' and record.fingerprint == ARGV[4] then
    ours = (ARGV[1] ~= '' and record.token == ARGV[1]) or (ARGV[5] == '1' and type(record.failure) == 'table')
  end
end
if ours then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
`);

/**
 * Deletes the key only while it is still this creation's (its token, ARGV[1]): an expired
 * claim taken over by another process stays.
 */
const RELEASE = luaScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local parsed, record = pcall(cjson.decode, current)
if parsed and type(record) == 'table' and record.token == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/** How often a claim is tried again when the key it found expired before it could be read. */
const CLAIM_ATTEMPTS = 3;

/**
 * Tokens remembered at most. Past it the oldest is forgotten: its error answer can then
 * still be replaced by a late link, but no longer freed or replaced by a late refusal.
 */
const MAX_TOKENS = 10_000;

class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RedisCommands;
  /**
   * The tokens of the creations this process runs, from the claim until a link is written
   * or the key released: the interface passes no token, and an error answer may still be
   * replaced by what Almara answers late. The runner lets one request per key and process claim.
   */
  readonly #tokens = new Map<string, string>();

  constructor(client: RedisStoreClient, options: RedisStoreOptions) {
    this.#redis = new RedisCommands(client, options, 'almara-pay-link:idempotency:');
  }

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined> {
    const redisKey = this.#redis.prefix + key;
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const token = newToken();
      const value = JSON.stringify({ token, fingerprint });
      const set = await this.#redis.send(['SET', redisKey, value, 'NX', 'PX', ttlArgument(ttlMs)]);
      if (set !== null) {
        this.#keepToken(key, token);
        return undefined;
      }
      const current = replyText(await this.#redis.send(['GET', redisKey]));
      if (current !== null) return parseRecord(current, redisKey);
    }
    throw new Error(`redis store: ${redisKey} kept expiring between SET NX and GET`);
  }

  async complete(key: string, record: CompletedIdempotencyRecord, ttlMs: number): Promise<void> {
    const token = this.#tokens.get(key);
    this.#tokens.delete(key);
    const { fingerprint } = record;
    // A link is final and keeps no token; an error answer keeps it, for what may come late.
    const stored: IdempotencyRecord & { token?: string } = record.link
      ? { fingerprint, link: { url: record.link.url, id: record.link.id } }
      : { ...(token === undefined ? {} : { token }), fingerprint, failure: pickFailure(record.failure) };
    const written = await this.#redis.run(
      COMPLETE,
      [this.#redis.prefix + key],
      [token ?? '', JSON.stringify(stored), ttlArgument(ttlMs), fingerprint, record.link ? '1' : '0'],
    );
    if (token !== undefined && !record.link && Number(written) === 1) this.#keepToken(key, token);
  }

  async release(key: string): Promise<void> {
    const token = this.#tokens.get(key);
    this.#tokens.delete(key);
    // Not this process's creation (it never had one, or wrote its link): nothing to free.
    if (token === undefined) return;
    await this.#redis.run(RELEASE, [this.#redis.prefix + key], [token]);
  }

  #keepToken(key: string, token: string): void {
    this.#tokens.delete(key);
    this.#tokens.set(key, token);
    for (const oldest of this.#tokens.keys()) {
      if (this.#tokens.size <= MAX_TOKENS) break;
      this.#tokens.delete(oldest);
    }
  }
}

/**
 * An `IdempotencyStore` in Redis, for the handler's `store` option: the claim is one
 * `SET key value NX PX ttl`, and completing or releasing a claim is a Lua script that checks
 * the claim's token first, so a process whose claim expired cannot overwrite or free the
 * claim another process made since.
 *
 * ```ts
 * const redis = await createClient({ url: process.env.REDIS_URL }).on('error', console.error).connect();
 * createPaymentLinkHandler({ ..., store: redisIdempotencyStore(redis) });
 * ```
 */
export function redisIdempotencyStore(client: RedisStoreClient, options: RedisStoreOptions = {}): IdempotencyStore {
  return new RedisIdempotencyStore(client, options);
}

/** Only the fields the handler wrote: a foreign or damaged value is an error (503), never an answer. */
function parseRecord(text: string, redisKey: string): IdempotencyRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const record = isObject(value) ? value : {};
  const { fingerprint, link, failure } = record;
  if (typeof fingerprint !== 'string') throw new TypeError(`redis store: ${redisKey} holds no idempotency record`);
  if (isObject(link) && typeof link.url === 'string' && typeof link.id === 'string') {
    return { fingerprint, link: { url: link.url, id: link.id } satisfies IdempotentLink };
  }
  if (
    isObject(failure) &&
    typeof failure.status === 'number' &&
    typeof failure.code === 'string' &&
    typeof failure.message === 'string'
  ) {
    return { fingerprint, failure: { status: failure.status, code: failure.code, message: failure.message } };
  }
  if (link !== undefined || failure !== undefined) {
    throw new TypeError(`redis store: ${redisKey} holds a damaged idempotency record`);
  }
  return { fingerprint };
}

function pickFailure({ status, code, message }: IdempotentFailure): IdempotentFailure {
  return { status, code, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
