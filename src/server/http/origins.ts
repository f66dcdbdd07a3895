/**
 * Which pages may call the handler (CSRF and CORS). A browser names the calling page in
 * `Origin` on every POST; the handler's own origin is always allowed, others only when
 * listed. A request without `Origin` does not come from a page's script (curl, a server),
 * so no payer's browser can be tricked into it, and it is let through.
 *
 * The handler's own origin is not always `request.url`'s: Next.js route handlers, Astro,
 * SvelteKit, Nuxt and any TLS-terminating proxy hand the handler an internal URL
 * (`http://localhost:3000/…`). So a page is taken for the handler's own by, in order:
 * 1. `Sec-Fetch-Site` (every current browser sends it, and no page's script can set it):
 *    `same-origin` is the handler's own page; any other value is not, whatever the URL says;
 * 2. the merchant's `publicOrigin`;
 * 3. with `trustProxy`, the proxy's `X-Forwarded-Proto` and `X-Forwarded-Host`;
 * 4. `request.url`.
 */

export interface OriginPolicy {
  /** Origins other than the handler's own, normalised (`https://shop.example`), or `*`. */
  allowed: ReadonlySet<string>;
  /** Send `Access-Control-Allow-Credentials: true` to listed origins. */
  credentials: boolean;
  /** The site's own public origin, when the merchant gave it. */
  publicOrigin?: string;
  /** Believe the proxy's forwarding headers. */
  trustProxy: boolean;
}

export interface OriginPolicyOptions {
  allowedOrigins?: readonly string[] | undefined;
  allowCredentials?: boolean | undefined;
  publicOrigin?: string | undefined;
  trustProxy?: boolean | undefined;
}

/** `entry` as an origin (`https://shop.example`); throws at start-up on one that is none. */
function originOf(option: string, entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new TypeError(`${option}: not an origin: ${entry}`);
  }
  if (url.origin === 'null') throw new TypeError(`${option}: not an http(s) origin: ${entry}`);
  return url.origin;
}

/** Normalises the merchant's options; throws at start-up on an entry that is no origin. */
export function createOriginPolicy(options: OriginPolicyOptions = {}): OriginPolicy {
  const allowed = new Set<string>();
  for (const entry of options.allowedOrigins ?? []) {
    allowed.add(entry === '*' || entry === 'null' ? entry : originOf('allowedOrigins', entry));
  }
  const credentials = options.allowCredentials ?? false;
  if (credentials && allowed.has('*')) {
    // Any site's page could then act with the payer's cookies: CSRF by configuration.
    throw new TypeError('allowedOrigins "*" cannot be combined with allowCredentials');
  }
  const policy: OriginPolicy = { allowed, credentials, trustProxy: options.trustProxy ?? false };
  if (options.publicOrigin !== undefined) policy.publicOrigin = originOf('publicOrigin', options.publicOrigin);
  return policy;
}

/** The first value of a comma-separated header (a proxy chain appends). */
export function firstValue(request: Request, name: string): string | undefined {
  return request.headers.get(name)?.split(',')[0]?.trim() || undefined;
}

/** What the handler takes its own origin to be, and from what it learnt it (for the refusal's log line). */
export interface OwnOrigin {
  origin: string;
  from: 'publicOrigin' | 'X-Forwarded-Host' | 'request.url';
}

export function ownOrigin(policy: OriginPolicy, request: Request): OwnOrigin {
  if (policy.publicOrigin) return { origin: policy.publicOrigin, from: 'publicOrigin' };
  const url = new URL(request.url);
  if (policy.trustProxy) {
    const host = firstValue(request, 'X-Forwarded-Host');
    const proto = firstValue(request, 'X-Forwarded-Proto')?.toLowerCase();
    if (host || proto) {
      const protocol = proto === 'https' || proto === 'http' ? proto : url.protocol.slice(0, -1);
      try {
        // Joined as text and parsed: a host with a path or credentials in it makes no origin of its own.
        const forwarded = new URL(`${protocol}://${host ?? url.host}`);
        if (forwarded.host === (host ?? url.host).toLowerCase()) {
          return { origin: forwarded.origin, from: 'X-Forwarded-Host' };
        }
      } catch {
        // A forwarded host that makes no URL: fall back to the request's own.
      }
    }
  }
  return { origin: url.origin, from: 'request.url' };
}

/** True when the calling page is the handler's own (see the order above). */
export function isSameOrigin(policy: OriginPolicy, origin: string | null, request: Request): boolean {
  if (origin === null || origin === 'null') return false;
  const site = request.headers.get('Sec-Fetch-Site');
  if (site !== null) return site === 'same-origin';
  return origin === ownOrigin(policy, request).origin;
}

/** True when the request's `Origin` (if any) may call. */
export function isOriginAllowed(policy: OriginPolicy, origin: string | null, request: Request): boolean {
  if (origin === null) return true;
  if (isSameOrigin(policy, origin, request)) return true;
  return policy.allowed.has(origin) || (policy.allowed.has('*') && origin !== 'null');
}

/**
 * The merchant's log line for a refused page: the Origin seen, the origin the handler took
 * for its own and why, and the option that would allow it. Never a payer's detail (the
 * body is not read before this check).
 */
export function refusalLine(policy: OriginPolicy, origin: string, request: Request): string {
  // Quoted as JSON: a header's text reaches the log as text, never as a line of its own.
  const quoted = JSON.stringify(origin);
  const site = request.headers.get('Sec-Fetch-Site');
  const seen = `refused a request from Origin ${quoted}${site ? ` (Sec-Fetch-Site: ${JSON.stringify(site)})` : ''}`;
  if (origin === 'null')
    return `${seen}: a sandboxed or file:// page; allowedOrigins: ['null'] would allow it (rarely wise)`;
  const own = ownOrigin(policy, request);
  const fix =
    own.from === 'publicOrigin'
      ? ''
      : `; if that is this site's own address, set publicOrigin: ${quoted} (or, behind a proxy that sets X-Forwarded-Host, trustProxy: true)`;
  return `${seen}; this handler takes its own origin to be ${own.origin} (from ${own.from}). To allow that page, add ${quoted} to allowedOrigins${fix}`;
}

/**
 * What a merchant's `onError` is given for a refused page (without `onError`, the line is
 * written with `console.warn`): a configuration to fix, not a failure of the handler.
 */
export class OriginNotAllowedError extends Error {
  override readonly name = 'OriginNotAllowedError';
  /** The `Origin` the browser sent. */
  readonly origin: string;

  constructor(origin: string, line: string) {
    super(line);
    this.origin = origin;
  }
}

/** The CORS headers for an allowed cross-origin caller; none for the same origin. */
export function corsHeaders(policy: OriginPolicy, origin: string | null, request: Request): Headers {
  const headers = new Headers({ Vary: 'Origin' });
  if (origin === null || isSameOrigin(policy, origin, request)) return headers;
  if (!isOriginAllowed(policy, origin, request)) return headers;
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', 'Idempotent-Replayed, Retry-After');
  if (policy.credentials) headers.set('Access-Control-Allow-Credentials', 'true');
  return headers;
}

/** A comma-separated list of header names, as `Access-Control-Request-Headers` has. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/**
 * The answer to a CORS preflight from an allowed origin. The headers it asks for are
 * allowed as asked: the element sends `Idempotency-Key` and whatever the merchant put in
 * its `headers` property (a CSRF token, say), and the origin is already trusted.
 */
export function preflightHeaders(cors: Headers, request: Request, method: 'GET' | 'POST' = 'POST'): Headers {
  const headers = new Headers(cors);
  headers.append('Vary', 'Access-Control-Request-Headers');
  headers.set('Access-Control-Allow-Methods', method);
  const asked = request.headers.get('Access-Control-Request-Headers')?.trim();
  headers.set(
    'Access-Control-Allow-Headers',
    asked && HEADER_LIST.test(asked) ? asked : 'Content-Type, Idempotency-Key',
  );
  headers.set('Access-Control-Max-Age', '600');
  return headers;
}
