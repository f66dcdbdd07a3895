/**
 * Shared by the node tests: the sandbox and a merchant backend on real HTTP servers on
 * 127.0.0.1, a valid body as the element sends it, and small request helpers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { SANDBOX_CREDENTIALS, SANDBOX_SHORT_CODE, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import {
  AlmaraPayClient,
  createPaymentLinkHandler,
  toNodeHandler,
  type AlmaraPayClientOptions,
  type NodeHandlerOptions,
  type PaymentLinkHandlerOptions,
} from '../../src/server/index.js';
import { PAYMENT_REQUEST } from '../payer.js';

export const THANKS = 'https://shop.example/thanks';

/** The body `<almara-pay-link amount="1500" account-reference="1042">` sends (contract §3). */
export function elementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...PAYMENT_REQUEST, accountReference: '1042', ...overrides };
}

/** The body the merchant backend sends Almara for that element: the short code added, no reference. */
export function almaraBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { shortCode: SANDBOX_SHORT_CODE, ...PAYMENT_REQUEST, redirectionSite: THANKS, ...overrides };
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 and a free port. */
export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sandboxClient(sandbox: RunningSandbox, options: Partial<AlmaraPayClientOptions> = {}): AlmaraPayClient {
  return new AlmaraPayClient({ baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS, ...options });
}

export interface Backend extends Listening {
  sandbox: RunningSandbox;
  client: AlmaraPayClient;
  /** What `onError` received: upstream failures, thrown `prepare` errors. */
  errors: unknown[];
  /** POSTs a JSON body to the handler, as the element does. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** The sandbox, a client of it, and the handler on node:http: a merchant's whole backend. */
export async function startBackend(
  options: Partial<PaymentLinkHandlerOptions> = {},
  clientOptions: Partial<AlmaraPayClientOptions> = {},
  nodeOptions: NodeHandlerOptions = {},
): Promise<Backend> {
  const sandbox = await startSandbox();
  const client = sandboxClient(sandbox, clientOptions);
  const errors: unknown[] = [];
  const handler = createPaymentLinkHandler({
    client,
    shortCode: SANDBOX_SHORT_CODE,
    redirectionSite: THANKS,
    onError: (error) => errors.push(error),
    ...options,
  });
  const server = await listen(createServer(toNodeHandler(handler, nodeOptions)));
  const url = `${server.url}/api/payment-link`;
  return {
    url,
    sandbox,
    client,
    errors,
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}

export interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export const readJson = async <T>(response: Response): Promise<T> => (await response.json()) as T;

/**
 * A clock the test turns, for the handler's `clock` option: `time += ms` moves it on, and
 * `sleep` returns at once having moved it, so a hold of 60 s or a wait of 10 s for another
 * process takes no time. `onSleep` runs at each sleep, before it returns.
 */
export function testClock(start = Date.UTC(2026, 11, 1)) {
  const clock = {
    time: start,
    sleeps: 0,
    onSleep: undefined as ((count: number) => void | Promise<void>) | undefined,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
      clock.sleeps++;
      await clock.onSleep?.(clock.sleeps);
    },
  };
  return clock;
}

/**
 * A sandbox of its own around the calling suite, with a token fetched once, and `createLink`
 * straight against its API: for the tests of its hosted page. Read `sandbox` inside a test.
 */
export function useSandboxLinks() {
  const state = { sandbox: undefined as RunningSandbox | undefined, token: '' };
  before(async () => {
    state.sandbox = await startSandbox();
    const response = await fetch(`${state.sandbox.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(SANDBOX_CREDENTIALS),
    });
    state.token = ((await response.json()) as { accessToken: string }).accessToken;
  });
  after(() => state.sandbox?.close());
  return {
    get sandbox(): RunningSandbox {
      assert.ok(state.sandbox, 'useSandboxLinks: the sandbox starts in before()');
      return state.sandbox;
    },
    /** A link made with `almaraBody(overrides)`; asserts the sandbox's 201. */
    async createLink(overrides: Record<string, unknown> = {}): Promise<{ id: string; url: string }> {
      const response = await fetch(`${this.sandbox.url}/v1/payment-link/create-payment-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${state.token}` },
        body: JSON.stringify(almaraBody(overrides)),
      });
      assert.equal(response.status, 201);
      return (await response.json()) as { id: string; url: string };
    },
  };
}
