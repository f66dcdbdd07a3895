import assert from 'node:assert/strict';
import { register } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PAYER, PAYMENT_REQUEST } from '../payer.js';

// The CDN file builds schema.ts on src/cdn/zod-mini.ts instead of zod/mini. A second copy of
// schema.ts, loaded under a query that a resolve hook sees, is built the same way here; each
// schema of both copies must answer every input alike: the same success, the same output,
// the same issues (path, code, message key) in the same order.
const slimZod = new URL('../../src/cdn/zod-mini.js', import.meta.url).href;
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'zod/mini' && context.parentURL?.endsWith('?cdn')) return next(${JSON.stringify(slimZod)}, context);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

type Schemas = typeof import('../../src/schema.js');
const real: Schemas = await import('../../src/schema.js');
const slim = (await import(`${new URL('../../src/schema.ts', import.meta.url).href}?cdn`)) as Schemas;

interface Parser {
  safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: readonly object[] } };
}

/** What a caller of `safeParse` can read of its answer. */
function answer(schema: Parser, input: unknown) {
  const result = schema.safeParse(input);
  return result.success
    ? { success: true, data: result.data }
    : {
        success: false,
        issues: result.error!.issues.map((issue) => {
          const { path, code, message } = issue as { path: PropertyKey[]; code: string; message: string };
          return { path, code, message };
        }),
      };
}

const BOUNDS = [{}, { minAmount: 50, maxAmount: 100000 }, { minAmount: 1 }, { maxAmount: 250000 }];

const sameAnswers = (name: string, pick: (schemas: Schemas) => Parser, input: unknown) =>
  assert.deepEqual(answer(pick(slim), input), answer(pick(real), input), `${name}: ${JSON.stringify(input)}`);

const valid = { ...PAYMENT_REQUEST, ...PAYER, currency: 'kes' };

/** Inputs the tests of schema.ts and the element give, and what a hostile caller might. */
const requests: unknown[] = [
  valid,
  PAYMENT_REQUEST,
  { ...valid, firstName: '  Wanjiku  ', redirectionSite: ' https://shop.example/thanks ' },
  { ...valid, shortCode: '999', isAdmin: true },
  { isAmountSpecified: true },
  {},
  null,
  undefined,
  [],
  'a body',
  42,
  { ...valid, firstName: '', lastName: '   ', emailAddress: 'w@', phoneNumber: '12' },
  { ...valid, firstName: 'x'.repeat(101), description: 'y'.repeat(256) },
  { ...valid, emailAddress: 'a..b@example.com' },
  { ...valid, phoneNumber: '+44 1632 960961' },
  { ...valid, phoneNumber: 7 },
  { ...valid, isAmountSpecified: 'yes' },
  ...[Number.NaN, Number.POSITIVE_INFINITY, 0, -1, 0.001, 1.005, 10.555, 0.1 + 0.2, 1e15, 49.99, 100000.01, '1500'].map(
    (amount) => ({ ...valid, amount }),
  ),
  { ...valid, amount: undefined },
  { ...valid, currency: 'usd' },
  { ...valid, currency: 'KESH' },
  { ...valid, currency: 3 },
  { ...valid, currency: undefined },
  { ...valid, accountReference: '1042', paymentType: 'goods' },
  { ...valid, accountReference: 'r'.repeat(101), paymentType: 5 },
  { ...valid, redirectionSite: 'javascript:alert(1)' },
  { ...valid, redirectionSite: 'https://user:pw@shop.example/' },
];

/** A request's fields, each a likely value or anything at all. */
const field = (likely: fc.Arbitrary<unknown>) => fc.oneof(likely, fc.anything());
const arbitraryRequest = fc.record(
  {
    firstName: field(fc.string()),
    lastName: field(fc.string()),
    emailAddress: field(fc.constantFrom('w@example.com', 'w@', ' w@example.com ', '')),
    phoneNumber: field(fc.constantFrom('0712 345 678', '+254712345678', '12', '+44 1632 960961')),
    description: field(fc.string({ maxLength: 300 })),
    isAmountSpecified: field(fc.boolean()),
    amount: field(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(1500, 0.3, 10.555))),
    currency: field(fc.constantFrom('KES', 'kes', 'usd', 'NOPE', '')),
    accountReference: field(fc.string()),
    paymentType: field(fc.string()),
    redirectionSite: field(fc.constantFrom('https://shop.example/thanks', 'http://localhost/x', 'ftp://x', '')),
  },
  { requiredKeys: [] },
);

describe('schema.ts on the CDN file’s zod/mini', () => {
  it('is built on it: its schemas lack what the element never calls', () => {
    assert.equal(typeof real.paymentRequestSchema.parse, 'function');
    assert.equal((slim.paymentRequestSchema as Partial<typeof real.paymentRequestSchema>).parse, undefined);
  });

  it('answers the request bodies as on zod/mini, with and without bounds', () => {
    for (const bounds of BOUNDS) {
      for (const input of requests) {
        sameAnswers(`bounds ${JSON.stringify(bounds)}`, (s) => s.createPaymentRequestSchema(bounds), input);
      }
    }
    for (const input of requests) sameAnswers('paymentRequestSchema', (s) => s.paymentRequestSchema, input);
  });

  it('answers any request body as on zod/mini', () => {
    const schemas = BOUNDS.map((bounds) => [slim, real].map((s) => s.createPaymentRequestSchema(bounds)));
    fc.assert(
      fc.property(arbitraryRequest, fc.nat(BOUNDS.length - 1), (input, which) => {
        const [onSlim, onReal] = schemas[which]!;
        assert.deepEqual(answer(onSlim!, input), answer(onReal!, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers the backend’s bodies as on zod/mini', () => {
    const bodies: unknown[] = [
      { url: 'https://pay.example/l/1', id: '1' },
      { url: 'https://pay.example/l/1' },
      { url: 1, id: '1', extra: true },
      { error: { code: 'validation_failed', message: 'Fix it', fields: { amount: 'Too small', shortCode: 'x' } } },
      { error: { code: 5, fields: { firstName: 3 } } },
      { error: {} },
      { error: 'text' },
      {},
      null,
      '<html>',
    ];
    for (const body of bodies) {
      sameAnswers('paymentLinkResponseSchema', (s) => s.paymentLinkResponseSchema, body);
      sameAnswers('errorResponseSchema', (s) => s.errorResponseSchema, body);
    }
    fc.assert(
      fc.property(fc.anything(), (body) => {
        sameAnswers('errorResponseSchema', (s) => s.errorResponseSchema, { error: body });
        sameAnswers('paymentLinkResponseSchema', (s) => s.paymentLinkResponseSchema, body);
      }),
      { numRuns: 500 },
    );
  });

  it('has the request’s shape, which the error body’s fields follow', () => {
    assert.deepEqual(Object.keys(slim.paymentRequestSchema.shape), Object.keys(real.paymentRequestSchema.shape));
  });

  it('groups issues by field as on zod/mini', () => {
    const input = { ...valid, firstName: '', amount: -1, currency: 'x' };
    const [onSlim, onReal] = [slim, real].map((s) => s.createPaymentRequestSchema(BOUNDS[1]).safeParse(input));
    assert.deepEqual(slim.issuesByField(onSlim!.error!), real.issuesByField(onReal!.error!));
  });
});
