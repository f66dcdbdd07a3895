/**
 * What the Redis stores need of a node-redis client, and how they talk to it: raw commands
 * and Lua scripts, each bounded in time, and none queued while the client is offline.
 * Only types come from `redis`, so this module loads where the package is not installed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';

/**
 * A connected client of the official `redis` package (node-redis): any `createClient()`
 * result after `await client.connect()`, whatever its modules or RESP version.
 */
export type RedisStoreClient = Pick<RedisClientType, 'sendCommand' | 'isReady'>;

export interface RedisStoreOptions {
  /**
   * Put before every key this store writes, so that several handlers or apps can share one
   * Redis (and one can tell its keys apart). Default `almara-pay-link:idempotency:` or
   * `almara-pay-link:rate-limit:`.
   */
  prefix?: string;
  /**
   * How long one Redis command may take, in ms, before the request is answered 503
   * `store_unavailable`. Default 2 000: well inside the element's 15 s.
   */
  commandTimeout?: number;
}

/** A Lua script, run by its SHA once Redis knows it: one round trip, the source sent once per server. */
export interface LuaScript {
  source: string;
  sha: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** A claim's owner, unique per claim and process. */
export const newToken = (): string => randomUUID();

export class RedisCommands {
  readonly prefix: string;
  readonly #client: RedisStoreClient;
  readonly #timeout: number;

  constructor(client: RedisStoreClient, options: RedisStoreOptions, defaultPrefix: string) {
    const timeout = options.commandTimeout ?? 2_000;
    if (!(timeout > 0) || !Number.isFinite(timeout)) {
      throw new TypeError('redis store: commandTimeout must be more than zero (ms)');
    }
    this.#client = client;
    this.#timeout = timeout;
    this.prefix = options.prefix ?? defaultPrefix;
  }

  async send(args: string[]): Promise<unknown> {
    // node-redis would queue the command until it has reconnected, and the payer would
    // wait that long; failing now gives a 503 the element retries.
    if (!this.#client.isReady)
      throw new Error('redis store: not connected (node-redis is reconnecting, or connect() was not awaited)');
    return this.#client.sendCommand(args, { timeout: this.#timeout });
  }

  async run(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    const rest = [String(keys.length), ...keys, ...args];
    try {
      return await this.send(['EVALSHA', script.sha, ...rest]);
    } catch (error) {
      // A Redis that restarted (or never ran it) has forgotten the script.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.send(['EVAL', script.source, ...rest]);
    }
  }
}

/** A Redis string reply as text: a string, or a Buffer where the client maps strings so. */
export function replyText(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === 'string') return reply;
  if (reply instanceof Uint8Array) return Buffer.from(reply).toString('utf8');
  throw new TypeError(`unexpected Redis reply: ${typeof reply}`);
}

/** A TTL as Redis takes it: a whole number of ms, at least 1. */
export function ttlArgument(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`redis store: a TTL of ${ms} ms`);
  return String(Math.max(1, Math.ceil(ms)));
}
