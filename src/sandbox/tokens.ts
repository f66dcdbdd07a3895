/**
 * The sandbox's access tokens: random, with a lifetime, and all revocable at once, which
 * is how a test makes tokens "expire early" while the client still believes them good.
 */

export type TokenCheck = 'valid' | 'expired' | 'unknown';

/** Tokens remembered at most; the oldest are forgotten first. */
const MAX_TOKENS = 10_000;

export class TokenIssuer {
  readonly #lifetimeSeconds: number;
  readonly #tokens = new Map<string, { expiresAt: number; generation: number }>();
  #generation = 0;

  constructor(lifetimeSeconds: number) {
    this.#lifetimeSeconds = lifetimeSeconds;
  }

  issue(): { accessToken: string; expiresIn: number } {
    const accessToken = `sbx_${crypto.randomUUID().replaceAll('-', '')}`;
    this.#tokens.set(accessToken, {
      expiresAt: Date.now() + this.#lifetimeSeconds * 1000,
      generation: this.#generation,
    });
    for (const oldest of this.#tokens.keys()) {
      if (this.#tokens.size <= MAX_TOKENS) break;
      this.#tokens.delete(oldest);
    }
    return { accessToken, expiresIn: this.#lifetimeSeconds };
  }

  check(token: string): TokenCheck {
    const entry = this.#tokens.get(token);
    if (!entry) return 'unknown';
    return entry.generation === this.#generation && Date.now() < entry.expiresAt ? 'valid' : 'expired';
  }

  /** Every token issued so far is expired from now on, whatever its `expiresIn` said. */
  expireAll(): void {
    this.#generation++;
  }
}
