// Next.js type-checks a route module's exports: a `POST` whose second parameter cannot take
// Next's `{ params }` fails `next build` (TS2344). The handler exported as it is must pass.
import type { PaymentLinkHandler } from '../../src/server/index.js';

type NextRouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => unknown;

export function asNextRoute(handler: PaymentLinkHandler): NextRouteHandler {
  return handler;
}
