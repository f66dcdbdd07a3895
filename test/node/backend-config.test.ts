/**
 * `almara.config.json` and the environment of the no-code backend (issue 12, contract §7), as a
 * merchant who edits them by hand meets them: every mistake named by its key and what is wrong,
 * the defaults of a valid file, the published JSON Schema, and the Almara variables all or none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod';
import { ConfigError, readConfig } from '../../src/backend/index.js';
import { configJsonSchema, configInputSchema } from '../../src/backend/config.js';
import { ALMARA_VARIABLES, EnvironmentError, readEnvironment } from '../../src/backend/environment.js';
import { exampleConfig, SHOP } from './backend-support.js';

/** The problems `readConfig` names for `input`; fails when it reads it. */
function problemsOf(input: unknown): string[] {
  try {
    readConfig(input);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
    assert.equal(error.message, error.problems.join('\n'));
    return error.problems;
  }
  assert.fail(`read as valid: ${JSON.stringify(input)}`);
}

/** The config with one item replaced. */
const withItem = (item: unknown, key = 'kikoi-wrap') => exampleConfig({ items: { [key]: item } });

describe('readConfig: each mistake named by its key and what is wrong', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'a price as a string',
      withItem({ description: 'Kikoi', price: '1500' }),
      ['items.kikoi-wrap.price: expected a number'],
    ],
    [
      'a description as a number',
      withItem({ description: 42, price: 1 }),
      ['items.kikoi-wrap.description: expected a string'],
    ],
    [
      'a blank description',
      withItem({ description: '   ', price: 1 }),
      ['items.kikoi-wrap.description: expected a description the payer will read'],
    ],
    ['no description', withItem({ price: 1 }), ['items.kikoi-wrap.description: missing: expected a string']],
    [
      'allowedOrigins as one string',
      exampleConfig({ allowedOrigins: SHOP }),
      ['allowedOrigins: expected an array of origins'],
    ],
    ['language not ours', exampleConfig({ language: 'fr' }), ['language: expected "en" or "sw"']],
    ['rateLimit.max as text', exampleConfig({ rateLimit: { max: '5' } }), ['rateLimit.max: expected a whole number']],
    ['rateLimit.max 0', exampleConfig({ rateLimit: { max: 0 } }), ['rateLimit.max: expected at least 1']],
    [
      'rateLimit.windowMs a fraction',
      exampleConfig({ rateLimit: { max: 5, windowMs: 0.5 } }),
      ['rateLimit.windowMs: expected a whole number'],
    ],
    [
      'rateLimit a number',
      exampleConfig({ rateLimit: 5 }),
      ['rateLimit: expected an object with "max" and "windowMs"'],
    ],
    ['an unknown top-level key', exampleConfig({ allowedOrigin: [SHOP] }), ['allowedOrigin: unknown key']],
    [
      'an unknown key of an item',
      withItem({ description: 'K', price: 1, colour: 'red' }),
      ['items.kikoi-wrap.colour: unknown key'],
    ],
    [
      'an unknown key of rateLimit',
      exampleConfig({ rateLimit: { max: 5, window: 1000 } }),
      ['rateLimit.window: unknown key'],
    ],
    [
      'price and min/max both',
      withItem({ description: 'K', price: 1, min: 1, max: 2 }),
      ['items.kikoi-wrap.price: expected either "price" or "min" and "max", not both'],
    ],
    [
      'neither price nor min/max',
      withItem({ description: 'K' }),
      ['items.kikoi-wrap.price: missing: expected a fixed "price", or "min" and "max"'],
    ],
    [
      'min without max',
      withItem({ description: 'K', min: 50 }),
      ['items.kikoi-wrap.max: missing: expected "max" beside "min"'],
    ],
    [
      'max without min',
      withItem({ description: 'K', max: 50 }),
      ['items.kikoi-wrap.min: missing: expected "min" beside "max"'],
    ],
    [
      'min above max',
      withItem({ description: 'K', min: 500, max: 50 }),
      ['items.kikoi-wrap.min: expected "min" to be at most "max"'],
    ],
    [
      'a price of 3 decimals',
      withItem({ description: 'K', price: 1.005 }),
      ['items.kikoi-wrap.price: expected at most two decimals'],
    ],
    [
      'a min of 3 decimals',
      withItem({ description: 'K', min: 0.125, max: 5 }),
      ['items.kikoi-wrap.min: expected at most two decimals'],
    ],
    // Within a millionth of a whole cent, but no amount of money: the handler would refuse it at every payment.
    [
      'a price of 1e-9',
      withItem({ description: 'K', price: 1e-9 }),
      ['items.kikoi-wrap.price: expected at most two decimals'],
    ],
    ['a price of 0', withItem({ description: 'K', price: 0 }), ['items.kikoi-wrap.price: expected an amount above 0']],
    [
      'a negative price',
      withItem({ description: 'K', price: -5 }),
      ['items.kikoi-wrap.price: expected an amount above 0'],
    ],
    [
      'a lower-case currency',
      withItem({ description: 'K', price: 1, currency: 'kes' }),
      ['items.kikoi-wrap.currency: expected a currency code of three capital letters, like "KES"'],
    ],
    [
      'a currency of four letters',
      withItem({ description: 'K', price: 1, currency: 'KESH' }),
      ['items.kikoi-wrap.currency: expected a currency code of three capital letters, like "KES"'],
    ],
    [
      'a currency as a number',
      withItem({ description: 'K', price: 1, currency: 404 }),
      ['items.kikoi-wrap.currency: expected a currency code, like "KES"'],
    ],
    [
      'an item key with a space',
      withItem({ description: 'K', price: 1 }, 'kikoi wrap'),
      ['items.kikoi wrap: expected an item key of letters, digits, "-" and "_" (at most 64)'],
    ],
    [
      'an item key of 65 characters',
      withItem({ description: 'K', price: 1 }, 'k'.repeat(65)),
      [`items.${'k'.repeat(65)}: expected an item key of letters, digits, "-" and "_" (at most 64)`],
    ],
    [
      'an item key starting with _',
      withItem({ description: 'K', price: 1 }, '_proto'),
      ['items._proto: expected an item key of letters, digits, "-" and "_" (at most 64)'],
    ],
    ['items an array', exampleConfig({ items: [] }), ['items: expected an object of items, by key']],
    [
      'no item in items',
      exampleConfig({ items: {} }),
      ['items: expected at least one item, like "kikoi-wrap": { "description": "Kikoi beach wrap", "price": 1500 }'],
    ],
    ['no items', exampleConfig({ items: undefined }), ['items: missing: expected an object of items, by key']],
    [
      'no redirectionSite',
      exampleConfig({ redirectionSite: undefined }),
      ['redirectionSite: missing: expected an http(s) URL'],
    ],
    [
      'a redirectionSite of ftp',
      exampleConfig({ redirectionSite: 'ftp://shop.example/thanks' }),
      ['redirectionSite: expected an http(s) URL'],
    ],
    [
      'a redirectionSite of javascript:',
      exampleConfig({ redirectionSite: 'javascript:alert(1)' }),
      ['redirectionSite: expected an http(s) URL'],
    ],
    [
      'a redirectionSite that is no URL',
      exampleConfig({ redirectionSite: 'shop.example/thanks' }),
      ['redirectionSite: expected an http(s) URL'],
    ],
    [
      'an allowedRedirects entry of ftp',
      exampleConfig({ allowedRedirects: ['ftp://shop.example/'] }),
      ['allowedRedirects.0: expected an http(s) URL'],
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.deepEqual(problemsOf(input), expected);
    });
  }

  it('an item that is not an object is named as such, in the words of the others', () => {
    const [problem, ...rest] = problemsOf(withItem(1500));
    assert.deepEqual(rest, []);
    assert.match(problem!, /^items\.kikoi-wrap: expected an object/);
    assert.doesNotMatch(problem!, /Invalid input/, 'not zod’s own words');
  });

  it('an origin with a path, a trailing slash, or spelt otherwise than a browser does: named, with the origin meant', () => {
    for (const [origin, meant] of [
      ['https://blog.example/', 'https://blog.example'],
      ['https://blog.example/shop', 'https://blog.example'],
      ['HTTPS://Blog.Example', 'https://blog.example'],
      ['https://blog.example:443', 'https://blog.example'],
      ['http://localhost:5173/index.html', 'http://localhost:5173'],
    ] as const) {
      const [problem, ...rest] = problemsOf(exampleConfig({ allowedOrigins: [SHOP, origin] }));
      assert.deepEqual(rest, [], origin);
      assert.match(
        problem!,
        /^allowedOrigins\.1: expected an origin, like "https:\/\/shop\.example" \(no path, no trailing slash\)/,
      );
      assert.ok(problem!.endsWith(`: did you mean "${meant}"?`), `${origin}: names ${meant}: ${problem!}`);
    }
  });

  it('an origin that is not http(s) or no URL at all', () => {
    for (const origin of ['ftp://shop.example', 'file:///index.html', 'shop.example', '*', 'null', '']) {
      const [problem, ...rest] = problemsOf(exampleConfig({ allowedOrigins: [origin] }));
      assert.deepEqual(rest, [], origin);
      assert.match(problem!, /^allowedOrigins\.0: expected an origin, like "https:\/\/shop\.example"/, origin);
    }
  });

  it('not an object, null, an array, a string: the file itself is named', () => {
    for (const input of [null, [], 'almara', 42, true]) {
      assert.deepEqual(problemsOf(input), ['(the file): expected an object'], JSON.stringify(input));
    }
    // createBackend() called from JavaScript with no config at all.
    assert.deepEqual(problemsOf(undefined), ['(the file): missing: expected an object']);
  });

  it('an empty object names each required key as missing, in the file’s order', () => {
    assert.deepEqual(problemsOf({}), [
      'allowedOrigins: missing: expected an array of origins',
      'redirectionSite: missing: expected an http(s) URL',
      'items: missing: expected an object of items, by key',
    ]);
  });

  it('every mistake at once, one line each, so that all are fixed in one go', () => {
    const problems = problemsOf({
      allowedOrigins: ['https://shop.example/'],
      redirectionSite: 'ftp://x',
      colour: 'red',
      items: { a: { description: 'A', price: 'x' }, b: { description: 'B', min: 9, max: 1 } },
    });
    assert.deepEqual(problems.toSorted(), [
      'allowedOrigins.0: expected an origin, like "https://shop.example" (no path, no trailing slash): did you mean "https://shop.example"?',
      'colour: unknown key',
      'items.a.price: expected a number',
      'items.b.min: expected "min" to be at most "max"',
      'redirectionSite: expected an http(s) URL',
    ]);
    for (const line of problems) assert.doesNotMatch(line, /\n/);
  });

  it('two unknown keys of one object: a line each', () => {
    assert.deepEqual(problemsOf(exampleConfig({ colour: 1, size: 2 })), ['colour: unknown key', 'size: unknown key']);
  });
});

describe('readConfig: a valid file', () => {
  it('reads with defaults: currency KES, nothing else made up', () => {
    assert.deepEqual(readConfig(exampleConfig()), {
      allowedOrigins: [SHOP],
      redirectionSite: `${SHOP}/thanks`,
      items: {
        'kikoi-wrap': { description: 'Kikoi beach wrap', currency: 'KES', price: 1500 },
        'tree-fund': { description: 'Tree fund', currency: 'KES', min: 50, max: 100000 },
      },
    });
  });

  it('reads every optional key, a $schema for editors, trims descriptions, keeps a currency given', () => {
    const config = readConfig({
      $schema: 'https://unpkg.com/almara-pay-link/dist/almara.config.schema.json',
      allowedOrigins: [SHOP, 'http://localhost:5173'],
      redirectionSite: `${SHOP}/thanks`,
      allowedRedirects: ['https://blog.shop.example/thanks'],
      language: 'sw',
      rateLimit: { max: 5, windowMs: 30_000 },
      items: {
        k: { description: '  Kikoi  ', currency: 'USD', price: 12.5 },
        Tree_Fund2: { description: 'Tree', min: 0.01, max: 0.01 },
      },
    });
    assert.deepEqual(config, {
      allowedOrigins: [SHOP, 'http://localhost:5173'],
      redirectionSite: `${SHOP}/thanks`,
      allowedRedirects: ['https://blog.shop.example/thanks'],
      language: 'sw',
      rateLimit: { max: 5, windowMs: 30_000 },
      items: {
        k: { description: 'Kikoi', currency: 'USD', price: 12.5 },
        Tree_Fund2: { description: 'Tree', currency: 'KES', min: 0.01, max: 0.01 },
      },
    });
  });

  it('amounts a float spells inexactly still read as their cents (0.1 + 0.2, 19.99)', () => {
    const config = readConfig(withItem({ description: 'K', min: 0.1 + 0.2, max: 19.99 }));
    assert.deepEqual(config.items['kikoi-wrap'], { description: 'K', currency: 'KES', min: 0.1 + 0.2, max: 19.99 });
  });

  it('item keys that are names of Object.prototype are items like any other', () => {
    const config = readConfig(exampleConfig({ items: { constructor: { description: 'C', price: 1 } } }));
    assert.ok(Object.hasOwn(config.items, 'constructor'));
    assert.deepEqual(config.items['constructor'], { description: 'C', currency: 'KES', price: 1 });
  });
});

describe('configJsonSchema: the published JSON Schema', () => {
  const schema = configJsonSchema() as {
    properties: Record<string, unknown>;
    required: string[];
    additionalProperties: unknown;
  };
  // As an editor reads it: the JSON Schema alone, not the zod schema it was made from.
  const editor = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

  it('has every top-level key of the file, the three required ones required, no others allowed', () => {
    assert.deepEqual(Object.keys(schema.properties).toSorted(), Object.keys(configInputSchema.shape).toSorted());
    for (const key of ['allowedOrigins', 'redirectionSite', 'allowedRedirects', 'language', 'rateLimit', 'items'])
      assert.ok(key in schema.properties, key);
    assert.deepEqual(schema.required.toSorted(), ['allowedOrigins', 'items', 'redirectionSite']);
    assert.equal(schema.additionalProperties, false);
  });

  it('accepts the README’s example, and every valid file above', () => {
    const readme = {
      allowedOrigins: ['https://shop.example'],
      redirectionSite: 'https://shop.example/thanks',
      items: {
        'kikoi-wrap': { description: 'Kikoi beach wrap', price: 1500 },
        'tree-fund': { description: 'Tree fund', min: 50, max: 100000 },
      },
    };
    assert.ok(editor.safeParse(readme).success);
    assert.ok(
      editor.safeParse({
        ...readme,
        $schema: './node_modules/almara-pay-link/dist/almara.config.schema.json',
        allowedRedirects: ['https://blog.shop.example/thanks'],
        language: 'sw',
        rateLimit: { max: 5, windowMs: 1000 },
      }).success,
    );
  });

  it('refuses what an editor can tell is wrong: a price as text, an unknown key, a bad item key or currency', () => {
    for (const wrong of [
      withItem({ description: 'K', price: '1500' }),
      exampleConfig({ colour: 'red' }),
      withItem({ description: 'K', price: 1 }, 'kikoi wrap'),
      withItem({ description: 'K', price: 1, currency: 'kes' }),
      withItem({ description: 'K', price: 1, size: 'L' }),
      exampleConfig({ language: 'fr' }),
      exampleConfig({ items: undefined }),
    ]) {
      assert.equal(editor.safeParse(wrong).success, false, JSON.stringify(wrong));
    }
  });
});

describe('readEnvironment', () => {
  const all = {
    ALMARA_BASE_URL: 'https://api.almara.example',
    ALMARA_CLIENT_ID: 'id',
    ALMARA_CLIENT_SECRET: 'secret',
    ALMARA_SHORT_CODE: '600100',
  };

  /** The variables the message names as missing, from `NAME, NAME: missing.` */
  function missingIn(env: Record<string, string>): string[] {
    try {
      readEnvironment(env);
    } catch (error) {
      assert.ok(error instanceof EnvironmentError);
      const named = /^([A-Z_, ]+): missing\./.exec(error.message);
      assert.ok(named, error.message);
      assert.match(error.message, /or none to use the sandbox/);
      return named[1]!.split(', ');
    }
    assert.fail(`accepted ${JSON.stringify(env)}`);
  }

  it('none of the four: the sandbox (no almara), no Redis, no proxy', () => {
    assert.deepEqual(readEnvironment({}), { trustProxy: false });
    assert.deepEqual(readEnvironment({ ALMARA_BASE_URL: '', ALMARA_CLIENT_ID: '  ', PATH: '/bin' }), {
      trustProxy: false,
    });
  });

  it('all four: Almara, with the credentials as given', () => {
    assert.deepEqual(readEnvironment(all), {
      trustProxy: false,
      almara: {
        baseUrl: 'https://api.almara.example',
        credentials: { clientId: 'id', clientSecret: 'secret' },
        shortCode: '600100',
      },
    });
  });

  it('each partial set names exactly the missing variables', () => {
    const names = [...ALMARA_VARIABLES];
    // Every non-empty proper subset of the four.
    for (let mask = 1; mask < 15; mask++) {
      const given = names.filter((_, i) => mask & (1 << i));
      const env = Object.fromEntries(given.map((name) => [name, all[name]]));
      assert.deepEqual(
        missingIn(env),
        names.filter((name) => !given.includes(name)),
        `given ${given.join(', ')}`,
      );
    }
  });

  it('a variable set to blanks counts as missing', () => {
    assert.deepEqual(missingIn({ ...all, ALMARA_CLIENT_SECRET: '   ' }), ['ALMARA_CLIENT_SECRET']);
  });

  it('a bad ALMARA_BASE_URL is named', () => {
    for (const baseUrl of ['api.almara.example', 'ftp://api.almara.example', 'https://', 'https://exa mple.com']) {
      assert.throws(
        () => readEnvironment({ ...all, ALMARA_BASE_URL: baseUrl }),
        (error: unknown) =>
          error instanceof EnvironmentError && /^ALMARA_BASE_URL: expected an http\(s\) URL/.test(error.message),
        baseUrl,
      );
    }
  });

  it('REDIS_URL: redis:// or rediss://, else named', () => {
    assert.equal(readEnvironment({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl, 'redis://127.0.0.1:6379');
    assert.equal(
      readEnvironment({ REDIS_URL: 'rediss://user:pw@cache.example:6380/0' }).redisUrl,
      'rediss://user:pw@cache.example:6380/0',
    );
    for (const url of ['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://', 'redis://:6379']) {
      assert.throws(
        () => readEnvironment({ REDIS_URL: url }),
        (error: unknown) =>
          error instanceof EnvironmentError && /^REDIS_URL: expected a redis:\/\//.test(error.message),
        url,
      );
    }
  });

  it('TRUST_PROXY: 1, true, yes', () => {
    for (const value of ['1', 'true', 'YES']) assert.equal(readEnvironment({ TRUST_PROXY: value }).trustProxy, true);
    for (const value of ['0', 'false', '', 'no'])
      assert.equal(readEnvironment({ TRUST_PROXY: value }).trustProxy, false);
  });
});
