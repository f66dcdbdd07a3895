/**
 * EVERY assumption this package makes about the Almara Pay API, in one place.
 *
 * Our only documentation is the page for Create Payment Link. It gives the request
 * body of `POST /v1/payment-link/create-payment-link` and says the call is authorized
 * (a Bearer token, by the "Authorization" heading and the token request listed in the
 * docs' menu). It does NOT give:
 *
 *   A1. the token request: its path, its body, how credentials are sent;
 *   A2. the token response: where the token and its lifetime are;
 *   A3. any response body: what Create, Find and Update answer (the docs show `{}`);
 *   A4. Find Payment Link By Id: its path;
 *   A5. Update Payment Link: its path and body (the menu says PUT);
 *   A6. a link's statuses;
 *   A7. what the hosted page adds to `redirectionSite` when it sends the payer back;
 *   A8. that a 401 means "token expired or revoked, get a new one".
 *
 * What follows is our best guess for each, marked with its number. `AlmaraPayClient`
 * uses these, and the sandbox implements them, so the two agree by construction; the
 * real API may not. Each guess can be replaced without forking the package:
 * `new AlmaraPayClient({ api: { tokenRequest, parseToken, parseLink, findRequest, updateRequest } })`,
 * or `getToken` to take over the token entirely. docs/server.md lists them for merchants.
 * The constants among them (A1, A4, A5 paths; A6 statuses; A7 parameter) are defined in
 * `constants.ts`, which imports nothing, because browser code reads them too (the payer
 * comes back with the A7 parameter); they are re-exported below.
 */
import * as z from 'zod';

import { ALMARA_PATHS, isKnownPaymentLinkStatus, type PaymentLinkStatus } from './constants.js';
import {
  linkFieldsSchema,
  linkFieldsShape,
  type FieldRules,
  type LinkFields,
  type PaymentLinkChanges,
} from './fields.js';

export {
  ALMARA_PATHS,
  CREATE_PAYMENT_LINK_PATH,
  isKnownPaymentLinkStatus,
  PAYMENT_LINK_STATUSES,
  REDIRECT_ID_PARAM,
  type PaymentLinkStatus,
} from './constants.js';
export type { PaymentLinkChanges } from './fields.js';

/**
 * A1: what a merchant is given by Almara to obtain tokens. Assumed to be an id and a
 * secret, as for an OAuth 2.0 client; a merchant with another kind gives `getToken`.
 */
export interface AlmaraCredentials {
  clientId: string;
  clientSecret: string;
}

/** A2: a token and how long it lives. */
export interface AccessToken {
  accessToken: string;
  /** Seconds from now until it expires. Unknown: the token is not cached. */
  expiresIn?: number;
}

/** One HTTP call to the API, relative to its base URL. A body object is sent as JSON. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string | Record<string, unknown>;
}

/**
 * A3: a payment link as the API describes it: the create body's fields (`fields.ts`), read
 * when present, plus `id`, which is sure to be there, and `url` and `status` (the create
 * call must also give `url`, or it is of no use).
 */
export interface PaymentLink extends Partial<LinkFields> {
  id: string;
  /** The hosted payment page. */
  url?: string;
  /** A6: `pending`, `paid`, `failed`, `expired`, or whatever else the API says. */
  status?: string;
  /** A6: when it was paid (an ISO 8601 date), once it is. */
  paidAt?: string;
}

/** The replaceable guesses. Each `parse*` throws when the body is not what it expects. */
export interface AlmaraApiAssumptions {
  /** A1: the request that exchanges credentials for a token. */
  tokenRequest: (credentials: AlmaraCredentials) => ApiRequest;
  /** A2: the token and its lifetime out of the token response's JSON. */
  parseToken: (body: unknown) => AccessToken;
  /** A3: a link out of a Create, Find or Update response's JSON. */
  parseLink: (body: unknown) => PaymentLink;
  /** A4: the request that reads one link. */
  findRequest: (id: string) => ApiRequest;
  /** A5: the request that changes one link. */
  updateRequest: (id: string, changes: PaymentLinkChanges) => ApiRequest;
}

// A2 and A3 are read leniently: the spellings such APIs commonly use (camelCase like the
// documented request, snake_case like OAuth 2.0, a `data` envelope) are all accepted, so
// that a small difference from our guess still works without an override.

/** A `data` envelope, if there is one. */
const unwrap = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && 'data' in body && typeof body.data === 'object' && body.data !== null
    ? body.data
    : body;

const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().positive());

const tokenSchema = z
  .looseObject({
    accessToken: z.string().min(1).optional(),
    access_token: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    expiresIn: seconds.optional(),
    expires_in: seconds.optional(),
  })
  .transform((body, context) => {
    const accessToken = body.accessToken ?? body.access_token ?? body.token;
    if (accessToken === undefined) {
      context.addIssue({ code: 'custom', message: 'no access token in the token response' });
      return z.NEVER;
    }
    const expiresIn = body.expiresIn ?? body.expires_in;
    return expiresIn === undefined ? { accessToken } : { accessToken, expiresIn };
  });

const optionalText = z.string().optional().catch(undefined);

// Each field is read as the kind of value the create body gives it, or dropped: a field
// the link does not need is no reason to refuse the whole answer.
const lenientRules = {
  text: optionalText,
  optionalText,
  email: optionalText,
  boolean: z.boolean().optional().catch(undefined),
  money: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .optional()
    .catch(undefined),
  currencyCode: optionalText,
  webUrl: optionalText,
} satisfies FieldRules<undefined>;

const linkFieldNames = linkFieldsSchema.keyof().options;

const linkSchema = z
  .looseObject({
    id: z.union([z.string().min(1), z.number()]).optional(),
    paymentLinkId: z.union([z.string().min(1), z.number()]).optional(),
    url: z.string().optional(),
    paymentLinkUrl: z.string().optional(),
    link: z.string().optional(),
    status: optionalText,
    paidAt: optionalText,
    ...linkFieldsShape(lenientRules),
  })
  .transform((body, context): PaymentLink => {
    const id = body.id ?? body.paymentLinkId;
    if (id === undefined) {
      context.addIssue({ code: 'custom', message: 'no id in the payment link response' });
      return z.NEVER;
    }
    const link: PaymentLink = { id: String(id) };
    const url = body.url ?? body.paymentLinkUrl ?? body.link;
    if (url !== undefined) link.url = url;
    if (body.status !== undefined) link.status = body.status;
    if (body.paidAt !== undefined) link.paidAt = body.paidAt;
    copyDefined(body, link, linkFieldNames);
    return link;
  });

/**
 * A6: the state a payer is shown for the status the API reports, read case-insensitively
 * (`PAID` is `paid`); `undefined` for a status we do not know, or none.
 */
export function paymentStateOf(status: string | undefined): PaymentLinkStatus | undefined {
  const state = status?.trim().toLowerCase();
  return isKnownPaymentLinkStatus(state) ? state : undefined;
}

/** Copies the `keys` of `from` that hold a value; an absent or unreadable field stays absent. */
function copyDefined<T, K extends keyof T>(from: T, to: { [P in K]?: T[P] }, keys: readonly K[]): void {
  for (const key of keys) {
    const value = from[key];
    if (value !== undefined) to[key] = value;
  }
}

const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** The guesses themselves. The sandbox answers exactly these shapes. */
export const defaultAlmaraApi: AlmaraApiAssumptions = {
  // A1: JSON with the credentials, in the camelCase of the documented create body.
  tokenRequest: (credentials) => ({
    method: 'POST',
    path: ALMARA_PATHS.token,
    body: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
  }),
  // A2: `{ accessToken, expiresIn }` (seconds), or OAuth's `access_token`/`expires_in`, maybe in `data`.
  parseToken: (body) => tokenSchema.parse(unwrap(body)),
  // A3: the link's fields as in the create body, plus `id`, `url` and `status`, maybe in `data`.
  parseLink: (body) => linkSchema.parse(unwrap(body)),
  // A4: the id as the last path segment.
  findRequest: (id) => ({ method: 'GET', path: path(ALMARA_PATHS.find, id) }),
  // A5: PUT with the fields to change, as in the create body.
  updateRequest: (id, changes) => ({
    method: 'PUT',
    path: path(ALMARA_PATHS.update, id),
    body: { ...changes },
  }),
};
