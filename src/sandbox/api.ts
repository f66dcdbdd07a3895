/**
 * The sandbox's API: the token request, and create / find by id / update payment link,
 * in the shapes `server/almara/assumptions.ts` assumes (A1–A5). Every link call needs a valid
 * Bearer token.
 */
import type { AlmaraCredentials } from '../server/almara/assumptions.js';
import { readLimitedText } from '../server/http/read-body.js';
import { SANDBOX_MAX_BODY_BYTES } from './defaults.js';
import type { LinkStore, SandboxLink } from './links.js';
import type { TokenIssuer } from './tokens.js';
import { createBodySchema, fieldErrors, tokenRequestSchema, updateBodySchema } from './validate.js';

export interface ApiDependencies {
  credentials: AlmaraCredentials;
  shortCode: string;
  tokens: TokenIssuer;
  links: LinkStore;
  /** The hosted page of a link, as the payer's browser reaches it. */
  payUrl: (request: Request, id: string) => string;
}

/** The sandbox's error body: `{ code, message, errors? }` (a shape of its own, as a foreign API has). */
export function apiError(status: number, code: string, message: string, errors?: Record<string, string>): Response {
  return Response.json(errors ? { code, message, errors } : { code, message }, { status });
}

/** The body as text, within the limit: the text, or the answer to give instead (413, 400). */
export async function limitedBody(
  request: Request,
): Promise<{ ok: true; text: string } | { ok: false; response: Response }> {
  let text: string | null;
  try {
    text = await readLimitedText(request, SANDBOX_MAX_BODY_BYTES);
  } catch {
    return { ok: false, response: apiError(400, 'invalid_body', 'The body is not UTF-8') };
  }
  if (text === null) {
    return { ok: false, response: apiError(413, 'payload_too_large', `At most ${SANDBOX_MAX_BODY_BYTES} bytes`) };
  }
  return { ok: true, text };
}

async function jsonBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!request.headers.get('Content-Type')?.toLowerCase().startsWith('application/json')) {
    return { ok: false, response: apiError(415, 'unsupported_media_type', 'Send application/json') };
  }
  const read = await limitedBody(request);
  if (!read.ok) return read;
  try {
    return { ok: true, body: JSON.parse(read.text) as unknown };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_json', 'The body is not JSON') };
  }
}

/**
 * A link as the API answers it (assumption A3): the create fields plus id, url, status
 * (A6, as of now), `createdAt`, `expiresAt`, and `paidAt` or `failedAt` once it is so. Not
 * `paysAt`: when a pending payment will complete is the sandbox's secret, as Almara's would be.
 */
const linkJson = (link: SandboxLink) => {
  const { paysAt: _paysAt, ...json } = link;
  return json;
};

/** Why Update refuses a link no longer pending: the code and message of its 409. */
const NOT_PENDING: Record<Exclude<SandboxLink['status'], 'pending'>, [code: string, message: string]> = {
  paid: ['already_paid', 'A paid link cannot be changed'],
  failed: ['payment_failed', 'A failed link cannot be changed'],
  expired: ['link_expired', 'An expired link cannot be changed'],
};

export class SandboxApi {
  readonly #deps: ApiDependencies;

  constructor(deps: ApiDependencies) {
    this.#deps = deps;
  }

  async token(request: Request): Promise<Response> {
    const read = await jsonBody(request);
    if (!read.ok) return read.response;
    const parsed = tokenRequestSchema.safeParse(read.body);
    if (!parsed.success)
      return apiError(400, 'validation_error', 'clientId and clientSecret are required', fieldErrors(parsed.error));
    const { clientId, clientSecret } = this.#deps.credentials;
    if (parsed.data.clientId !== clientId || parsed.data.clientSecret !== clientSecret) {
      return apiError(401, 'invalid_client', 'Unknown client id or wrong secret');
    }
    return Response.json({ ...this.#deps.tokens.issue(), tokenType: 'Bearer' });
  }

  /** The 401 answer for a request without a valid token, or `undefined` when it has one. */
  authorize(request: Request): Response | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('Authorization') ?? '');
    if (!match) return apiError(401, 'unauthorized', 'A Bearer token is required');
    const check = this.#deps.tokens.check(match[1]!);
    if (check === 'expired') return apiError(401, 'token_expired', 'The access token has expired');
    if (check === 'unknown') return apiError(401, 'invalid_token', 'The access token is not valid');
    return undefined;
  }

  async create(request: Request): Promise<Response> {
    const read = await jsonBody(request);
    if (!read.ok) return read.response;
    const parsed = createBodySchema.safeParse(read.body);
    if (!parsed.success)
      return apiError(400, 'validation_error', 'The request body is invalid', fieldErrors(parsed.error));
    if (parsed.data.shortCode !== this.#deps.shortCode) {
      return apiError(400, 'invalid_short_code', 'Unknown short code', {
        shortCode: 'is not this merchant’s short code',
      });
    }
    const link = this.#deps.links.create(parsed.data, (id) => this.#deps.payUrl(request, id));
    return Response.json(linkJson(link), { status: 201 });
  }

  find(id: string): Response {
    const link = this.#deps.links.get(id);
    return link ? Response.json(linkJson(link)) : apiError(404, 'not_found', 'No payment link with this id');
  }

  async update(request: Request, id: string): Promise<Response> {
    const link = this.#deps.links.get(id);
    if (!link) return apiError(404, 'not_found', 'No payment link with this id');
    const read = await jsonBody(request);
    if (!read.ok) return read.response;
    const parsed = updateBodySchema.safeParse(read.body);
    if (!parsed.success)
      return apiError(400, 'validation_error', 'The request body is invalid', fieldErrors(parsed.error));
    if (link.status !== 'pending') return apiError(409, ...NOT_PENDING[link.status]);
    if (parsed.data.isAmountSpecified === true && parsed.data.amount === undefined && !(link.amount > 0)) {
      return apiError(400, 'validation_error', 'The request body is invalid', { amount: 'required' });
    }
    return Response.json(linkJson(this.#deps.links.update(link, parsed.data)));
  }
}
