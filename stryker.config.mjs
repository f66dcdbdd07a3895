// @ts-check
/**
 * Mutation testing of the server module and the pure modules (StrykerJS 9.x: 10.x needs Node 22).
 *
 *   npm run mutation                              every group below, one after the other
 *   MUTATION_GROUP=http npm run mutation          one group (pure, element, status, backend, http, idempotency, almara)
 *   MUTATION_GROUP=http npm run mutation -- --mutate src/server/http/origins.ts
 *   MUTATION_GROUP=idempotency MUTATION_TESTS=test/node/properties.test.ts npm run mutation
 *
 * The `command` runner has no per-test coverage, so each mutant runs the whole command:
 * each group runs only the node test files that exercise its modules, all in one process
 * (no process per file: the tests mostly wait on loopback HTTP, tsx's start-up is the cost).
 * Only tests that read `src/` (the manifest, bundle and SSR tests read `dist/`).
 */
import { existsSync } from 'node:fs';

const handlerTests = [
  'test/node/handler.test.ts',
  'test/node/handler-policy.test.ts',
  'test/node/node-handler.test.ts',
  'test/node/rate-limit.test.ts',
  'test/node/upstream-errors.test.ts',
];
const idempotencyTests = [
  'test/node/idempotency.test.ts',
  'test/node/failures.test.ts',
  'test/node/faults.test.ts',
  'test/node/handler-policy.test.ts',
  'test/node/upstream-errors.test.ts',
];

/** What is mutated, and the tests that must notice. */
const groups = {
  pure: {
    mutate: ['src/schema.ts', 'src/phone.ts', 'src/money.ts', 'src/safe-url.ts'],
    tests: [
      'test/unit/schema.test.ts',
      'test/unit/phone.test.ts',
      'test/unit/money.test.ts',
      'test/unit/safe-url.test.ts',
      'test/unit/money-format.test.ts',
    ],
  },
  // The element's DOM-free parts: the call to the backend, the controller, the form's logic,
  // the fields kept for Back, the Accept-Language reading.
  element: {
    mutate: [
      'src/submit.ts',
      'src/form/submission.ts',
      'src/form/payment-form.ts',
      'src/form/saved-fields.ts',
      'src/messages/accept-language.ts',
    ],
    tests: [
      'test/unit/submit.test.ts',
      'test/unit/submission.test.ts',
      'test/unit/payment-form.test.ts',
      'test/unit/saved-fields.test.ts',
      'test/unit/accept-language.test.ts',
    ],
  },
  // The status element's DOM-free parts: the answer's reading, the polling, the words, the way back.
  status: {
    mutate: [
      'src/status/status-schema.ts',
      'src/status/polling.ts',
      'src/status/status-words.ts',
      'src/status/way-back.ts',
    ],
    tests: [
      'test/unit/status-schema.test.ts',
      'test/unit/polling.test.ts',
      'test/unit/status-words.test.ts',
      'test/unit/way-back.test.ts',
    ],
  },
  // The no-code backend's config and environment. Its routes (backend.test.ts) read the CDN
  // files from dist/, which the mutation sandbox does not hold.
  backend: {
    mutate: ['src/backend/config.ts', 'src/backend/environment.ts'],
    tests: ['test/node/backend-config.test.ts'],
  },
  http: {
    mutate: [
      'src/server/http/origins.ts',
      'src/server/http/redirects.ts',
      'src/server/http/rate-limit.ts',
      'src/server/http/read-body.ts',
      'src/server/http/handler.ts',
      'src/server/http/answer.ts',
      'src/server/http/field-messages.ts',
    ],
    tests: [...handlerTests, 'test/node/idempotency.test.ts', 'test/node/faults.test.ts'],
  },
  idempotency: {
    mutate: ['src/server/idempotency/runner.ts', 'src/server/idempotency/memory-store.ts'],
    tests: idempotencyTests,
  },
  almara: {
    mutate: ['src/server/almara/failures.ts', 'src/server/almara/token-cache.ts', 'src/server/almara/client.ts'],
    tests: [
      'test/node/client.test.ts',
      'test/node/client-contract.test.ts',
      'test/node/token-cache.test.ts',
      'test/node/assumptions.test.ts',
      'test/node/upstream-errors.test.ts',
      'test/node/failures.test.ts',
      'test/node/faults.test.ts',
    ],
  },
};

const chosen = (process.env.MUTATION_GROUP ?? 'pure,element,status,backend,http,idempotency,almara')
  .split(',')
  .map((name) => name.trim());
for (const name of chosen) {
  if (!(name in groups)) throw new Error(`MUTATION_GROUP: no group "${name}" (${Object.keys(groups).join(', ')})`);
}
const pick = (/** @type {'mutate' | 'tests'} */ part) => [
  ...new Set(chosen.flatMap((name) => groups[/** @type {keyof typeof groups} */ (name)][part])),
];
// MUTATION_TESTS adds test files to the group's (comma-separated), e.g. a slow one for one file.
const extra = (process.env.MUTATION_TESTS ?? '')
  .split(',')
  .map((file) => file.trim())
  .filter(Boolean);
// Test files come and go (another branch may merge or split them): only those that exist now.
const tests = [...new Set([...pick('tests'), ...extra])].filter((file) => existsSync(file));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'command',
  commandRunner: {
    // One process: each file imported in turn (node:test runs them as they register).
    command: ['node --import tsx', ...tests.map((file) => `--import ./${file}`), '-e ""'].join(' '),
  },
  mutate: pick('mutate'),
  ignorePatterns: ['/dist', '/coverage', '/test-results', '/reports', '/docs', '/test/browser', '/test/e2e'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${chosen.join('-')}.html` },
  jsonReporter: { fileName: `reports/mutation/${chosen.join('-')}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
