/**
 * `createBackend(config, env?)`: the whole merchant backend of contract §7 as one Fetch handler,
 * for serverless hosts; `almara-pay-link serve` (cli.ts) is a thin Node wrapper around it. Built
 * from the server module's two handlers, the catalogue hook and, when `REDIS_URL` is set, the
 * Redis stores; with no Almara credentials it mounts the sandbox at `/sandbox` and uses it.
 *
 * Routes:
 *   POST   /api/payment-link         the form's request (createPaymentLinkHandler)
 *   GET    /api/payment-status?id=   the thank-you page's (createPaymentStatusHandler)
 *   GET    /almara-pay-link.js       the form's CDN file; /almara-pay-status.js the status element's
 *   GET    /api/items, /api/items/{item}   the public catalogue
 *   GET    /healthz                  200 when it can serve (and Redis answers, when configured)
 *   *      /sandbox/…                the sandbox, when no credentials are set
 */
import { AlmaraPayClient } from '../server/almara/client.js';
import { createPaymentLinkHandler } from '../server/http/handler.js';
import { createPaymentStatusHandler } from '../server/http/status-handler.js';
import type { IdempotencyStore } from '../server/idempotency/store.js';
import type { HandlerContext } from '../server/http/options.js';
import type { OriginNotAllowedError } from '../server/http/origins.js';
import type { RateLimitStore } from '../server/http/rate-limit.js';
import type { RedisStoreClient } from '../server/redis/client.js';
import { redisIdempotencyStore } from '../server/redis/idempotency-store.js';
import { redisRateLimitStore } from '../server/redis/rate-limit-store.js';
import { createSandbox, type Sandbox } from '../sandbox/sandbox.js';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE } from '../sandbox/defaults.js';
import { assets as defaultAssets, ASSET_NAMES, type Asset, type AssetName } from './assets.js';
import { catalogueHook, itemNamed, publicCatalogue } from './catalogue.js';
import { readConfig, type BackendConfig } from './config.js';
import { readEnvironment, type BackendEnvironment } from './environment.js';
import { json, problem } from './answers.js';

/** Where the sandbox is mounted when no credentials are set. */
export const SANDBOX_PATH = '/sandbox';

/** One request, as the log line tells it: never the payer's name, email or phone. */
export interface RequestLogLine {
  time: string;
  method: string;
  path: string;
  status: number;
  /** Milliseconds from the request to the response's head. */
  ms: number;
  /** The item the form named (`account-reference`), for a payment link. */
  item?: string;
  /** The payment link's id: the one made, or the one asked about. */
  link?: string;
}

export interface BackendOptions {
  /**
   * A connected Redis client for the idempotency and rate-limit stores (several instances
   * share them). Default: one made from `REDIS_URL` with node-redis, when it is set.
   */
  redis?: RedisStoreClient;
  /** Each request's log line. Default: one line of JSON on stdout. */
  log?: (line: RequestLogLine) => void;
  /**
   * The backend's public URL (`https://pay.shop.example`), for the sandbox's payment links.
   * Default: the origin each request was sent to.
   */
  publicUrl?: string;
  /** The CDN files. Default: the package's own. */
  assets?: Record<AssetName, Asset>;
  /** The links' clock of the embedded sandbox, for tests. */
  now?: () => number;
}

/** The backend: a Fetch handler, and what the CLI's banner and health check need of it. */
export interface Backend {
  /** `context.clientAddress` is the payer's address for the rate limit (`toNodeHandler` gives it). */
  (request: Request, context?: HandlerContext): Promise<Response>;
  /** `almara` with credentials, `sandbox` without. */
  readonly mode: 'almara' | 'sandbox';
  /** The embedded sandbox, in `sandbox` mode. */
  readonly sandbox: Sandbox | undefined;
  /** The CDN files it serves, with their `integrity` and versioned paths. */
  readonly scripts: { name: AssetName; path: string; integrity: string }[];
  /** True when Redis is configured. */
  readonly shared: boolean;
  /** Whether it can serve: Redis answers a PING, when configured. */
  health(): Promise<{ ok: boolean; redis?: 'ok' | 'down' }>;
  /** Lets go of Redis and the sandbox's timers. */
  close(): Promise<void>;
}

/**
 * The backend for `config` (a parsed `almara.config.json`, checked here: a `ConfigError`
 * names each bad key) and `env` (`process.env` by default: the Almara credentials, all or
 * none, and `REDIS_URL`; an `EnvironmentError` names what is missing).
 */
export function createBackend(
  config: unknown,
  // Not `process.env` itself as the default: a Worker has no `process`.
  env: Record<string, string | undefined> = (globalThis as { process?: { env: Record<string, string | undefined> } })
    .process?.env ?? {},
  options: BackendOptions = {},
): Backend {
  const settings: BackendConfig = readConfig(config);
  const environment: BackendEnvironment = readEnvironment(env);
  const log =
    options.log ??
    ((line: RequestLogLine) => {
      console.log(JSON.stringify(line));
    });
  const files = options.assets ?? defaultAssets();

  const sandbox =
    environment.almara === undefined ? createSandbox({ basePath: SANDBOX_PATH, now: options.now }) : undefined;
  const redis: RedisHandle | undefined = options.redis
    ? { client: options.redis, close: () => Promise.resolve() }
    : environment.redisUrl
      ? connectRedis(environment.redisUrl)
      : undefined;
  const stores = redis && redisStores(redis.client);

  // The server module's advice names its own options; here the merchant has a config file and
  // an environment, so the line names those. One line per distinct refusal, as the module's.
  const refusals = new Set<string>();
  const onRefused = (error: OriginNotAllowedError) => {
    const line =
      `[almara-pay-link] refused a request from Origin ${JSON.stringify(error.origin)}: add it to "allowedOrigins" ` +
      'in almara.config.json to allow that site' +
      (environment.trustProxy ? '' : ' (behind a proxy that sets X-Forwarded-Host, set TRUST_PROXY=1)');
    if (refusals.size < 100 && !refusals.has(line)) {
      refusals.add(line);
      console.warn(line);
    }
  };
  const handlers = (client: AlmaraPayClient) => ({
    create: createPaymentLinkHandler({
      client,
      shortCode: environment.almara?.shortCode ?? SANDBOX_SHORT_CODE,
      allowedOrigins: settings.allowedOrigins,
      redirectionSite: settings.redirectionSite,
      allowedRedirects: settings.allowedRedirects,
      language: settings.language,
      rateLimit: { max: 20, ...settings.rateLimit, store: stores?.rateLimit },
      store: stores?.idempotency,
      prepare: (input, request) => {
        notes.get(request)!.item = input.accountReference;
        return catalogueHook(settings)(input, request);
      },
      trustProxy: environment.trustProxy,
      onRefused,
    }),
    status: createPaymentStatusHandler({
      client,
      allowedOrigins: settings.allowedOrigins,
      language: settings.language,
      // A budget of its own, not the config's `rateLimit` (which counts payment links): a
      // thank-you page polls every few seconds, and its polls must not use up the payer's links.
      rateLimit: { max: 120, store: stores?.statusRateLimit },
      trustProxy: environment.trustProxy,
      onRefused,
    }),
  });

  // With Almara: one client, one token cache. With the sandbox: the same, per public origin,
  // since the sandbox words its payment links' URLs from the origin it is called on.
  const almara = environment.almara;
  const real = almara && handlers(new AlmaraPayClient({ baseUrl: almara.baseUrl, credentials: almara.credentials }));
  const bySandboxOrigin = new Map<string, ReturnType<typeof handlers>>();
  const handlersFor = (request: Request) => {
    if (real) return real;
    const origin = options.publicUrl?.replace(/\/+$/, '') ?? new URL(request.url).origin;
    let found = bySandboxOrigin.get(origin);
    if (!found) {
      if (bySandboxOrigin.size >= 16) bySandboxOrigin.clear();
      found = handlers(
        new AlmaraPayClient({
          baseUrl: origin + SANDBOX_PATH,
          credentials: SANDBOX_CREDENTIALS,
          // In process: the sandbox is this backend's own route, not a network hop.
          fetch: (input, init) => sandbox!.fetch(new Request(input, init)),
        }),
      );
      bySandboxOrigin.set(origin, found);
    }
    return found;
  };

  /** What the log line learns from inside a handler. */
  const notes = new WeakMap<Request, { item?: string | undefined }>();

  async function route(request: Request, context: HandlerContext): Promise<{ response: Response; link?: string }> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (sandbox && (path === SANDBOX_PATH || path.startsWith(SANDBOX_PATH + '/'))) {
      return { response: await sandbox.fetch(request) };
    }
    if (path === '/api/payment-link') {
      const response = await handlersFor(request).create(request, context);
      return { response, link: response.ok ? await linkIdOf(response) : undefined };
    }
    if (path === '/api/payment-status') {
      return {
        response: await handlersFor(request).status(request, context),
        link: url.searchParams.get('id') ?? undefined,
      };
    }
    const script = ASSET_NAMES.find((name) => path === `/${name}`);
    if (script) return { response: serveScript(request, files[script], url) };
    if (path === '/api/items' || path.startsWith('/api/items/')) return { response: serveItems(request, path) };
    if (path === '/healthz') {
      const health = await backend.health();
      return { response: json(health.ok ? 200 : 503, health, { 'Cache-Control': 'no-store' }) };
    }
    return { response: problem(request, settings.language, 404, 'not_found', 'misconfigured') };
  }

  function serveItems(request: Request, path: string): Response {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: publicHeaders() });
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(request, settings.language, 405, 'method_not_allowed', 'misconfigured', { Allow: 'GET, HEAD' });
    const catalogue = publicCatalogue(settings);
    if (path === '/api/items') return json(200, { items: catalogue }, publicHeaders());
    const key = decodedSegment(path.slice('/api/items/'.length));
    const item = key === undefined ? undefined : itemNamed(settings, key);
    if (!item) return problem(request, settings.language, 404, 'unknown_item', 'unknownItem', publicHeaders());
    return json(200, catalogue[key!], publicHeaders());
  }

  const backend = Object.assign(
    async (request: Request, context: HandlerContext = {}): Promise<Response> => {
      const started = Date.now();
      notes.set(request, {});
      let response: Response;
      let link: string | undefined;
      try {
        ({ response, link } = await route(request, context));
      } catch {
        // The handlers answer their own failures; this is a bug of ours, and says nothing of it.
        response = problem(request, settings.language, 500, 'internal_error', 'serverError');
      }
      const url = new URL(request.url);
      const line: RequestLogLine = {
        time: new Date(started).toISOString(),
        method: request.method,
        path: url.pathname,
        status: response.status,
        ms: Date.now() - started,
      };
      const item = notes.get(request)?.item;
      if (item !== undefined) line.item = item;
      if (link) line.link = link;
      log(line);
      return response;
    },
    {
      mode: sandbox ? ('sandbox' as const) : ('almara' as const),
      sandbox,
      shared: stores !== undefined,
      scripts: ASSET_NAMES.map((name) => ({
        name,
        path: `/${name}?v=${files[name].version}`,
        integrity: files[name].integrity,
      })),
      async health() {
        if (!redis) return { ok: true };
        const down = { ok: false, redis: 'down' as const };
        // Not connected (yet, or any more): node-redis would queue the PING until it is, and
        // the health check would hang instead of saying so.
        if (!redis.client.isReady) return down;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([
            redis.client.sendCommand(['PING']),
            new Promise((_, reject) => {
              timer = setTimeout(() => {
                reject(new Error('PING timed out'));
              }, HEALTH_TIMEOUT_MS);
            }),
          ]);
          return { ok: true, redis: 'ok' as const };
        } catch {
          return down;
        } finally {
          clearTimeout(timer);
        }
      },
      async close() {
        sandbox?.dispose();
        await redis?.close();
      },
    },
  );
  return backend;
}

/**
 * A CDN file, as a page on any site loads it: `Access-Control-Allow-Origin: *` (the SRI check
 * of a cross-origin script needs CORS), its ETag, and immutable caching under the versioned URL
 * the banner and `snippet` print (`?v=` of the file's hash); the bare URL is revalidated.
 */
function serveScript(request: Request, file: Asset, url: URL): Response {
  const etag = `"${file.version}"`;
  const versioned = url.searchParams.get('v') === file.version;
  // No Vary: the file is the same in every language (a cache would keep one copy per language).
  const { Vary: _, ...shared } = publicHeaders();
  const headers = {
    ...shared,
    'Content-Type': 'text/javascript; charset=utf-8',
    ETag: etag,
    'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    'X-Content-Type-Options': 'nosniff',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
  if (
    request.headers
      .get('If-None-Match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers });
}

/** What any site may read: the scripts and the catalogue. */
const publicHeaders = () => ({
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  Vary: 'Accept-Language',
});

/** A path segment decoded, or `undefined` when its percent-encoding is broken (`%E0`, `%zz`). */
function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The id of the link the create handler answered with, for the log line. */
async function linkIdOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { id?: unknown };
    return typeof body.id === 'string' ? body.id : undefined;
  } catch {
    return undefined;
  }
}

/** How long `/healthz` waits for Redis's PONG. */
const HEALTH_TIMEOUT_MS = 2_000;

/** The stores' Redis client, and how to let go of it. */
interface RedisHandle {
  /** Not ready until connected: the stores refuse meanwhile (503 `store_unavailable`). */
  client: RedisStoreClient;
  close(): Promise<void>;
}

/**
 * A node-redis client for `url`, connecting (node-redis is an optional peer dependency). Until
 * it is connected the stores refuse (503 `store_unavailable`, no link made) rather than queue
 * or run without Redis. `close` lets go of it whether or not it ever connected: node-redis
 * keeps trying to connect, and a `close` that waited for that would wait for ever.
 */
/**
 * The optional peer's name, as a variable: a bundler (esbuild in Wrangler and Netlify) resolves
 * a literal `import('redis')` at build time and fails where it is not installed, which it need
 * not be on a serverless host without REDIS_URL.
 */
export const REDIS_PACKAGE: string = 'redis';

function connectRedis(url: string): RedisHandle {
  let client: ReturnType<typeof import('redis').createClient> | undefined;
  let ready: RedisStoreClient | undefined;
  // Held in an object: set by `close`, which the type checker does not see from in here.
  const state = { closed: false };
  void (async () => {
    const { createClient } = (await import(REDIS_PACKAGE)) as typeof import('redis');
    if (state.closed) return;
    client = createClient({ url });
    // Errors are answered per request (503 store_unavailable) and by /healthz.
    client.on('error', () => undefined);
    await client.connect();
    ready = client;
  })().catch(() => undefined);
  return {
    client: {
      get isReady() {
        return ready?.isReady ?? false;
      },
      sendCommand: (...args: Parameters<RedisStoreClient['sendCommand']>) =>
        ready ? ready.sendCommand(...args) : Promise.reject(new Error('Redis is not connected')),
    },
    async close() {
      state.closed = true;
      if (!client?.isOpen) return;
      // Connected: let the commands under way finish. Still connecting: stop trying now.
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}

/** The stores over the client; the status handler's rate limit counts apart from the links'. */
function redisStores(client: RedisStoreClient): {
  idempotency: IdempotencyStore;
  rateLimit: RateLimitStore;
  statusRateLimit: RateLimitStore;
} {
  return {
    idempotency: redisIdempotencyStore(client),
    rateLimit: redisRateLimitStore(client),
    statusRateLimit: redisRateLimitStore(client, { prefix: 'almara-pay-link:status-rate-limit:' }),
  };
}
