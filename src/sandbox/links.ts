/**
 * The sandbox's payment links, in memory, in the states of assumption A6: `pending` until
 * the payer acts on its hosted page, then `paid` or `failed`; `expired` when still pending
 * at its `expiresAt`. The moments that change a link by themselves (expiry, the end of a
 * "Pay later") are stored, not timed: each read settles the link against the clock, so a
 * test moves a clock instead of sleeping, and nothing is left running at shutdown.
 */
import type { PaymentLinkStatus } from '../server/almara/constants.js';
import type { CreateBody, UpdateBody } from './validate.js';

export interface SandboxLink extends CreateBody {
  id: string;
  url: string;
  /** A6, as of the moment the link was read. */
  status: PaymentLinkStatus;
  createdAt: string;
  /** When it stops being payable: creation plus the sandbox's `linkLifetime`, or when it was expired by hand. */
  expiresAt: string;
  /** When it was paid (for a "Pay later", the moment it turned paid by itself). */
  paidAt?: string;
  /** When the payer declined (or it was marked failed). */
  failedAt?: string;
  /**
   * After "Pay later", while still pending: the moment it turns paid by itself. The
   * sandbox's own bookkeeping, never in an API answer (Almara would not know it either).
   */
  paysAt?: string;
}

/** A state a pending link can be put in by hand (the index page's controls, `setLinkStatus`). */
export type FinishedStatus = Exclude<PaymentLinkStatus, 'pending'>;

/** Links kept at most; `npm start` may run for days. The oldest go first. */
const MAX_LINKS = 10_000;

const iso = (ms: number) => new Date(ms).toISOString();

export class LinkStore {
  readonly #links = new Map<string, SandboxLink>();
  readonly #lifetimeMs: number;
  readonly #now: () => number;

  /** `lifetimeSeconds`: how long a link stays payable; `now`: the clock, in ms since the epoch. */
  constructor(lifetimeSeconds: number, now: () => number) {
    this.#lifetimeMs = lifetimeSeconds * 1000;
    this.#now = now;
  }

  create(body: CreateBody, urlFor: (id: string) => string): SandboxLink {
    const id = `pl_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
    const now = this.#now();
    const link: SandboxLink = {
      ...body,
      id,
      url: urlFor(id),
      status: 'pending',
      createdAt: iso(now),
      expiresAt: iso(now + this.#lifetimeMs),
    };
    this.#links.set(id, link);
    for (const oldest of this.#links.keys()) {
      if (this.#links.size <= MAX_LINKS) break;
      this.#links.delete(oldest);
    }
    return link;
  }

  /** The link as of now (settled against the clock), or `undefined`. */
  get(id: string): SandboxLink | undefined {
    const link = this.#links.get(id);
    return link && this.#settle(link);
  }

  update(link: SandboxLink, changes: UpdateBody): SandboxLink {
    // Parsed JSON has no undefined values: every key present is a change.
    Object.assign(link, changes);
    return link;
  }

  /** Paid now; `amount` is the payer's, for a link without a set amount. */
  markPaid(link: SandboxLink, amount?: number): SandboxLink {
    if (amount !== undefined) link.amount = amount;
    return this.#finish(link, 'paid', this.#now());
  }

  /** Still pending, and paid by itself `delayMs` from now (unless it expires or is ended first). */
  payLater(link: SandboxLink, delayMs: number, amount?: number): SandboxLink {
    if (amount !== undefined) link.amount = amount;
    link.paysAt = iso(this.#now() + delayMs);
    return link;
  }

  /**
   * Ends a pending link as `status`, now; a link no longer pending is left as it is (the
   * caller reads its `status` to tell). Expiring one moves its `expiresAt` to now.
   */
  finish(link: SandboxLink, status: FinishedStatus): SandboxLink {
    this.#settle(link);
    if (link.status !== 'pending') return link;
    return this.#finish(link, status, this.#now());
  }

  /** The newest first, each as of now. */
  recent(count: number): SandboxLink[] {
    return [...this.#links.values()]
      .slice(-count)
      .reverse()
      .map((link) => this.#settle(link));
  }

  /**
   * What the clock has done to a pending link: a "Pay later" due before expiry has paid it
   * (at that moment, not at this read); else, at or after `expiresAt`, it has expired.
   */
  #settle(link: SandboxLink): SandboxLink {
    if (link.status !== 'pending') return link;
    const now = this.#now();
    const expires = Date.parse(link.expiresAt);
    const pays = link.paysAt === undefined ? Infinity : Date.parse(link.paysAt);
    if (pays <= now && pays < expires) return this.#finish(link, 'paid', pays);
    if (expires <= now) return this.#finish(link, 'expired', expires);
    return link;
  }

  #finish(link: SandboxLink, status: FinishedStatus, at: number): SandboxLink {
    link.status = status;
    delete link.paysAt;
    if (status === 'paid') link.paidAt = iso(at);
    else if (status === 'failed') link.failedAt = iso(at);
    else link.expiresAt = iso(at);
    return link;
  }
}
