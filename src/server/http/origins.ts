/**
 * Which pages may call the handler (CSRF and CORS). A browser names the calling page in
 * `Origin` on every POST; the handler's own origin is always allowed, others only when
 * listed. A request without `Origin` does not come from a page's script (curl, a server),
 * so no payer's browser can be tricked into it, and it is let through.
 */

export interface OriginPolicy {
  /** Origins other than the handler's own, normalised (`https://shop.example`), or `*`. */
  allowed: ReadonlySet<string>;
  /** Send `Access-Control-Allow-Credentials: true` to listed origins. */
  credentials: boolean;
}

/** Normalises the merchant's list; throws at start-up on an entry that is no origin. */
export function createOriginPolicy(origins: readonly string[] = [], credentials = false): OriginPolicy {
  const allowed = new Set<string>();
  for (const entry of origins) {
    if (entry === '*' || entry === 'null') {
      allowed.add(entry);
      continue;
    }
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new TypeError(`allowedOrigins: not an origin: ${entry}`);
    }
    allowed.add(url.origin);
  }
  if (credentials && allowed.has('*')) {
    // Any site's page could then act with the payer's cookies: CSRF by configuration.
    throw new TypeError('allowedOrigins "*" cannot be combined with allowCredentials');
  }
  return { allowed, credentials };
}

/** True when the request's `Origin` (if any) may call. */
export function isOriginAllowed(policy: OriginPolicy, origin: string | null, request: Request): boolean {
  if (origin === null) return true;
  if (origin === new URL(request.url).origin && origin !== 'null') return true;
  return policy.allowed.has(origin) || (policy.allowed.has('*') && origin !== 'null');
}

/** The CORS headers for an allowed cross-origin caller; none for the same origin. */
export function corsHeaders(policy: OriginPolicy, origin: string | null, request: Request): Headers {
  const headers = new Headers({ Vary: 'Origin' });
  if (origin === null || origin === new URL(request.url).origin) return headers;
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
export function preflightHeaders(cors: Headers, request: Request): Headers {
  const headers = new Headers(cors);
  headers.append('Vary', 'Access-Control-Request-Headers');
  headers.set('Access-Control-Allow-Methods', 'POST');
  const asked = request.headers.get('Access-Control-Request-Headers')?.trim();
  headers.set(
    'Access-Control-Allow-Headers',
    asked && HEADER_LIST.test(asked) ? asked : 'Content-Type, Idempotency-Key',
  );
  headers.set('Access-Control-Max-Age', '600');
  return headers;
}
