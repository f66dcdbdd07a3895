/**
 * What the backend reads from its environment (contract §7): the Almara credentials, all four
 * or none (none: the embedded sandbox), `REDIS_URL`, and `TRUST_PROXY`. Secrets stay here: they
 * are never in the config file, which a merchant may commit.
 */

/** The four variables of a real Almara account. */
export const ALMARA_VARIABLES = [
  'ALMARA_BASE_URL',
  'ALMARA_CLIENT_ID',
  'ALMARA_CLIENT_SECRET',
  'ALMARA_SHORT_CODE',
] as const;

export interface BackendEnvironment {
  /** Set when all four Almara variables are; `undefined` runs on the sandbox. */
  almara?: { baseUrl: string; credentials: { clientId: string; clientSecret: string }; shortCode: string };
  /** `REDIS_URL`: the shared stores of several instances. */
  redisUrl?: string;
  /** `TRUST_PROXY=1`: behind a proxy, the page's origin and the payer's address come from `X-Forwarded-*`. */
  trustProxy: boolean;
}

/** A partial or malformed environment: the message names each variable and what is wrong. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** Reads `env`; throws an {@link EnvironmentError} for a partial set of Almara variables or a bad URL. */
export function readEnvironment(env: Record<string, string | undefined>): BackendEnvironment {
  const value = (name: string) => env[name]?.trim() || undefined;
  const set = ALMARA_VARIABLES.filter((name) => value(name));
  const environment: BackendEnvironment = { trustProxy: /^(1|true|yes)$/i.test(value('TRUST_PROXY') ?? '') };
  if (set.length > 0 && set.length < ALMARA_VARIABLES.length) {
    const missing = ALMARA_VARIABLES.filter((name) => !value(name));
    throw new EnvironmentError(
      `${missing.join(', ')}: missing. Set all four of ${ALMARA_VARIABLES.join(', ')} to use your Almara account, or none to use the sandbox.`,
    );
  }
  if (set.length) {
    const baseUrl = value('ALMARA_BASE_URL')!;
    if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl))
      throw new EnvironmentError(`ALMARA_BASE_URL: expected an http(s) URL, like https://api.almara.example`);
    environment.almara = {
      baseUrl,
      credentials: { clientId: value('ALMARA_CLIENT_ID')!, clientSecret: value('ALMARA_CLIENT_SECRET')! },
      shortCode: value('ALMARA_SHORT_CODE')!,
    };
  }
  const redisUrl = value('REDIS_URL');
  if (redisUrl) {
    // A host is needed: node-redis would take `redis://` (an empty variable in `redis://${HOST}`) for localhost.
    if (!/^rediss?:\/\//i.test(redisUrl) || !URL.canParse(redisUrl) || new URL(redisUrl).hostname === '')
      throw new EnvironmentError('REDIS_URL: expected a redis:// or rediss:// URL, like redis://127.0.0.1:6379');
    environment.redisUrl = redisUrl;
  }
  return environment;
}
