/**
 * The sandbox's payment links, in memory. A link is `pending` until the payer presses
 * "Simulate payment" on its hosted page, then `paid` (assumption A6).
 */
import type { PaymentLinkStatus } from '../server/almara/constants.js';
import type { CreateBody, UpdateBody } from './validate.js';

export interface SandboxLink extends CreateBody {
  id: string;
  url: string;
  status: PaymentLinkStatus;
  createdAt: string;
  paidAt?: string;
}

/** Links kept at most; `npm start` may run for days. The oldest go first. */
const MAX_LINKS = 10_000;

export class LinkStore {
  readonly #links = new Map<string, SandboxLink>();

  create(body: CreateBody, urlFor: (id: string) => string): SandboxLink {
    const id = `pl_${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
    const link: SandboxLink = { ...body, id, url: urlFor(id), status: 'pending', createdAt: new Date().toISOString() };
    this.#links.set(id, link);
    for (const oldest of this.#links.keys()) {
      if (this.#links.size <= MAX_LINKS) break;
      this.#links.delete(oldest);
    }
    return link;
  }

  get(id: string): SandboxLink | undefined {
    return this.#links.get(id);
  }

  update(link: SandboxLink, changes: UpdateBody): SandboxLink {
    // Parsed JSON has no undefined values: every key present is a change.
    Object.assign(link, changes);
    return link;
  }

  markPaid(link: SandboxLink, amount?: number): SandboxLink {
    if (amount !== undefined) link.amount = amount;
    link.status = 'paid';
    link.paidAt = new Date().toISOString();
    return link;
  }

  /** The newest first. */
  recent(count: number): SandboxLink[] {
    return [...this.#links.values()].slice(-count).reverse();
  }
}
